import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HASH_DISPLAY_NAME,
  formatHashFile,
  hashBytes,
  parseHashFile,
  type HashAlgorithm,
  type HashFileContent,
} from '../../../src-shared/audit/hash-files';

const NAME = 'vlf_Acme-Telecom_VOSS-PRD-1_anonymous_legacy_2024-02-21_0553.csv';
const digestOf = (algorithm: HashAlgorithm, text = 'abc'): string => createHash(algorithm).update(text).digest('hex');
const SHA256 = digestOf('sha256');

function ok(text: string): HashFileContent {
  const r = parseHashFile(text);
  if (typeof r === 'string') throw new Error(`expected a digest, got: ${r}`);
  return r;
}

describe('parseHashFile: the forms audit-files.md §4 accepts', () => {
  it('reads a bare digest (no file name)', () => {
    expect(parseHashFile(SHA256)).toEqual({ algorithm: 'sha256', digest: SHA256 });
  });

  it('reads a bare digest followed by a line end', () => {
    expect(parseHashFile(`${SHA256}\n`)).toEqual({ algorithm: 'sha256', digest: SHA256 });
    expect(parseHashFile(`${SHA256}\r\n`)).toEqual({ algorithm: 'sha256', digest: SHA256 });
  });

  it('reads the sha256sum form "<hex>  <name>\\n"', () => {
    expect(parseHashFile(`${SHA256}  ${NAME}\n`)).toEqual({ algorithm: 'sha256', digest: SHA256, fileName: NAME });
  });

  it('reads the binary-mode form "<hex> *<name>" without the "*" in the name', () => {
    expect(parseHashFile(`${SHA256} *${NAME}\n`)).toEqual({ algorithm: 'sha256', digest: SHA256, fileName: NAME });
  });

  it('reads a digest separated from the name by a tab, and a CRLF line end', () => {
    expect(parseHashFile(`${SHA256}\t${NAME}\r\n`)).toEqual({ algorithm: 'sha256', digest: SHA256, fileName: NAME });
  });

  it('keeps spaces inside the file name', () => {
    expect(ok(`${SHA256}  my audit file.csv\n`).fileName).toBe('my audit file.csv');
  });

  it('accepts an upper-case digest and reports it in lower case', () => {
    expect(parseHashFile(`${SHA256.toUpperCase()}  ${NAME}\n`)).toEqual({ algorithm: 'sha256', digest: SHA256, fileName: NAME });
  });

  it('tolerates a UTF-8 BOM, leading white space and leading blank lines', () => {
    expect(ok(`\uFEFF${SHA256}  ${NAME}\n`)).toEqual({ algorithm: 'sha256', digest: SHA256, fileName: NAME });
    expect(ok(`  ${SHA256}\n`).digest).toBe(SHA256);
    expect(ok(`\n\r\n${SHA256}\n`).digest).toBe(SHA256);
  });

  it('reads only the first line when there are several', () => {
    const other = digestOf('sha256', 'other');
    expect(ok(`${SHA256}  a.csv\n${other}  b.csv\n`)).toEqual({ algorithm: 'sha256', digest: SHA256, fileName: 'a.csv' });
  });

  it.each([
    ['md5', 32],
    ['sha1', 40],
    ['sha256', 64],
    ['sha512', 128],
  ] as const)('recognises %s by its %i hex digits', (algorithm, length) => {
    const digest = digestOf(algorithm);
    expect(digest).toHaveLength(length);
    expect(parseHashFile(`${digest}  ${NAME}\n`)).toEqual({ algorithm, digest, fileName: NAME });
    expect(parseHashFile(digest.toUpperCase())).toEqual({ algorithm, digest });
  });

  it('has a display name for each algorithm', () => {
    expect(HASH_DISPLAY_NAME).toEqual({ md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' });
  });
});

describe('parseHashFile: what it refuses, with a reason (audit-files.md §4, check V5)', () => {
  it.each([31, 33, 39, 48, 63, 65, 96, 127, 129, 1])('refuses a digest of %i hex digits, naming the count and the expected lengths', (n) => {
    const r = parseHashFile(`${'a'.repeat(n)}  ${NAME}\n`);
    expect(typeof r).toBe('string');
    expect(r).toContain(`${n} hex digits`);
    expect(r).toContain('64 (SHA-256)');
  });

  it.each(['', '\n', '   \r\n\t\n', '\uFEFF', '\uFEFF\n'])('refuses the empty file %j', (text) => {
    expect(parseHashFile(text)).toBe('the hash file is empty');
  });

  it.each([
    'not a digest',
    `SHA256 (${NAME}) = ${SHA256}`,
    `${SHA256.slice(0, 63)}g  ${NAME}`,
    `0x${SHA256}`,
    `${SHA256}${NAME}`,
  ])('refuses %j: it does not start with a hex digest', (text) => {
    expect(parseHashFile(text)).toBe('the hash file does not start with a hexadecimal digest');
  });
});

describe('formatHashFile: what the app writes (audit-files.md §4, §6)', () => {
  it('writes "<hex>  <file name>\\n", the sha256sum format', () => {
    expect(formatHashFile(SHA256, NAME)).toBe(`${SHA256}  ${NAME}\n`);
  });

  it('is read back by parseHashFile for any digest length and any plain file name', () => {
    const fileName = fc
      .string({ unit: fc.constantFrom('a', 'Z', '0', '_', '-', '.', ' ', '*', 'é', '☎'), minLength: 1, maxLength: 30 })
      // A name is one line; sha256sum's own reading would keep leading/trailing blanks and a leading "*",
      // which parseHashFile (a tolerant reader) strips, so names the app would never write are left out.
      .filter((n) => n.trim() === n && !n.startsWith('*'));
    fc.assert(
      fc.property(fc.constantFrom<HashAlgorithm>('md5', 'sha1', 'sha256', 'sha512'), fc.string(), fileName, (algorithm, content, name) => {
        const digest = digestOf(algorithm, content);
        expect(parseHashFile(formatHashFile(digest, name))).toEqual({ algorithm, digest, fileName: name });
      }),
      { numRuns: 300 },
    );
  });
});

describe('hashBytes', () => {
  it('feeds the bytes to the injected hasher of the asked algorithm and returns its digest', () => {
    const asked: HashAlgorithm[] = [];
    const digest = hashBytes(
      (algorithm) => {
        asked.push(algorithm);
        const h = createHash(algorithm);
        return { update: (c) => void h.update(c), digestHex: () => h.digest('hex') };
      },
      'sha512',
      new TextEncoder().encode('abc'),
    );
    expect(asked).toEqual(['sha512']);
    expect(digest).toBe(digestOf('sha512'));
  });
});
