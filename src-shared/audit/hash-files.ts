/**
 * `.hash` files beside each data file (audit-files.md §4, Decision): a hex
 * digest, optionally followed by white space and the file name (`sha256sum`
 * format). The algorithm is recognised by the digest's length.
 *
 * Hashing itself is injected (`HasherFactory`) so this shared code stays pure:
 * the main process passes Node's streaming crypto.
 */

export type HashAlgorithm = 'md5' | 'sha1' | 'sha256' | 'sha512';

export interface Hasher {
  update(chunk: Uint8Array): void;
  /** Lower-case hex digest; the hasher is finished afterwards. */
  digestHex(): string;
}

export type HasherFactory = (algorithm: HashAlgorithm) => Hasher;

const ALGORITHM_BY_HEX_LENGTH: Record<number, HashAlgorithm> = {
  32: 'md5',
  40: 'sha1',
  64: 'sha256',
  128: 'sha512',
};

export const HASH_DISPLAY_NAME: Record<HashAlgorithm, string> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha512: 'SHA-512',
};

export interface HashFileContent {
  algorithm: HashAlgorithm;
  /** Lower-case hex. */
  digest: string;
  /** The file name after the digest, when the `sha256sum` form is used. */
  fileName?: string;
}

/** Parse a `.hash` file's text; a string result is the reason it cannot be read. */
export function parseHashFile(text: string): HashFileContent | string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '');
  if (firstLine === undefined) return 'the hash file is empty';
  const m = /^\s*([0-9a-fA-F]+)(?:\s+\*?(.+?))?\s*$/.exec(firstLine);
  if (!m) return 'the hash file does not start with a hexadecimal digest';
  const hex = m[1]!;
  const algorithm = ALGORITHM_BY_HEX_LENGTH[hex.length];
  if (!algorithm) {
    return `the digest has ${hex.length} hex digits; expected 32 (MD5), 40 (SHA-1), 64 (SHA-256) or 128 (SHA-512)`;
  }
  const result: HashFileContent = { algorithm, digest: hex.toLowerCase() };
  if (m[2]) result.fileName = m[2];
  return result;
}

/** What the app writes: `<hex>  <file name>\n`, so `sha256sum -c` checks it too. */
export function formatHashFile(digestHex: string, fileName: string): string {
  return `${digestHex}  ${fileName}\n`;
}

export function hashBytes(createHasher: HasherFactory, algorithm: HashAlgorithm, bytes: Uint8Array): string {
  const h = createHasher(algorithm);
  h.update(bytes);
  return h.digestHex();
}
