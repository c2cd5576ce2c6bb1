/**
 * Reading license ZIPs safely with jszip: refuses zip slip, encrypted entries
 * and zip bombs (check V2) before any entry is inflated in full.
 */
import JSZip from 'jszip';

/** An entry is refused when it expands beyond this ratio *and* this size (audit-files.md §5, V2). */
export const MAX_EXPANSION_RATIO = 100;
export const MAX_EXPANDED_BYTES = 100 * 1024 * 1024;

export interface ZipEntryInfo {
  /** The entry's name exactly as stored in the ZIP. */
  path: string;
  dir: boolean;
  /** Sizes as declared by the ZIP's central directory (a bomb may lie; reads re-check). */
  compressedSize: number;
  uncompressedSize: number;
}

export type ZipReadResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

export interface ZipArchive {
  entries: ZipEntryInfo[];
  /** Entries refused for their path (absolute, `..`), with why. */
  unsafePaths: Array<{ path: string; reason: string }>;
  /** Inflate one entry, feeding each chunk to `onChunk` (e.g. a hasher), guarding the expansion limit. */
  read(path: string, onChunk?: (chunk: Uint8Array) => void): Promise<ZipReadResult>;
}

export type OpenZipResult = { ok: true; archive: ZipArchive } | { ok: false; reason: string };

/** The parts of jszip's internals we rely on; not in its published types. */
interface JSZipInternals {
  _data?: { compressedSize?: number; uncompressedSize?: number };
  internalStream(type: 'uint8array'): StreamHelper;
}
interface StreamHelper {
  on(event: 'data', cb: (chunk: Uint8Array) => void): StreamHelper;
  on(event: 'error', cb: (e: Error) => void): StreamHelper;
  on(event: 'end', cb: () => void): StreamHelper;
  pause(): StreamHelper;
  resume(): StreamHelper;
}

export function unsafePathReason(path: string): string | undefined {
  if (/^([\\/]|[A-Za-z]:)/.test(path)) return 'it is an absolute path';
  if (path.split(/[\\/]/).includes('..')) return 'it contains ".." and could write outside the folder it is unpacked into';
  return undefined;
}

export async function openZip(bytes: Uint8Array): Promise<OpenZipResult> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { createFolders: false, checkCRC32: false });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/encrypted/i.test(msg)) {
      return { ok: false, reason: 'the ZIP has encrypted entries, which cannot be verified; ask for an unencrypted ZIP' };
    }
    return { ok: false, reason: `the file is not a readable ZIP (${msg}); it may be truncated or damaged` };
  }

  const entries: ZipEntryInfo[] = [];
  const unsafePaths: Array<{ path: string; reason: string }> = [];
  const byPath = new Map<string, { file: JSZip.JSZipObject; info: ZipEntryInfo }>();
  zip.forEach((_relative, file) => {
    const path = file.unsafeOriginalName ?? file.name;
    const data = (file as unknown as JSZipInternals)._data;
    const info: ZipEntryInfo = {
      path,
      dir: file.dir,
      compressedSize: data?.compressedSize ?? 0,
      uncompressedSize: data?.uncompressedSize ?? 0,
    };
    entries.push(info);
    const reason = unsafePathReason(path);
    if (reason) unsafePaths.push({ path, reason });
    byPath.set(path, { file, info });
  });
  // jszip sanitises names as it loads: a folder entry such as `../evil/` keeps
  // no original name, and an entry whose cleaned name repeats another's is
  // replaced by it. Read the names as stored so neither escapes V2.
  for (const path of storedEntryNames(bytes)) {
    const reason = unsafePathReason(path);
    if (reason && !unsafePaths.some((u) => u.path === path)) unsafePaths.push({ path, reason });
  }

  const read = (path: string, onChunk?: (chunk: Uint8Array) => void): Promise<ZipReadResult> => {
    const found = byPath.get(path);
    if (!found || found.info.dir) return Promise.resolve({ ok: false, reason: `no file ${path} in the ZIP` });
    if (unsafePathReason(path)) return Promise.resolve({ ok: false, reason: `${path} is refused: unsafe path` });
    const { file, info } = found;
    const bomb = expansionProblem(info.uncompressedSize, info.compressedSize);
    if (bomb) return Promise.resolve({ ok: false, reason: bomb });
    return new Promise<ZipReadResult>((resolve) => {
      const chunks: Uint8Array[] = [];
      let total = 0;
      let done = false;
      const stream = (file as unknown as JSZipInternals).internalStream('uint8array');
      stream
        .on('data', (chunk) => {
          if (done) return;
          total += chunk.length;
          const tooBig = expansionProblem(total, info.compressedSize);
          if (tooBig) {
            done = true;
            stream.pause();
            resolve({ ok: false, reason: tooBig });
            return;
          }
          onChunk?.(chunk);
          chunks.push(chunk);
        })
        .on('error', (e) => {
          if (done) return;
          done = true;
          resolve({ ok: false, reason: `${path} cannot be inflated (${e.message}); the ZIP is damaged` });
        })
        .on('end', () => {
          if (done) return;
          done = true;
          resolve({ ok: true, bytes: concat(chunks, total) });
        })
        .resume();
    });
  };

  return { ok: true, archive: { entries, unsafePaths, read } };
}

/**
 * The entry names exactly as stored in the ZIP's central directory (decoded
 * as UTF-8; only `/`, `\\`, `.` and drive letters matter to the path check).
 * Empty when the directory cannot be found; ZIP64 directories are not walked
 * here (their file entries are still checked by jszip's original names).
 */
export function storedEntryNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number) => view.getUint32(at, true);
  const u16 = (at: number) => view.getUint16(at, true);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return [];
  const size = u32(eocd + 12);
  if (size === 0xffffffff || size > eocd) return [];
  const decoder = new TextDecoder('utf-8');
  const names: string[] = [];
  // Measured back from the end record, like jszip, so data prepended to the ZIP does not matter.
  let at = eocd - size;
  while (at + 46 <= eocd && u32(at) === 0x02014b50) {
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Why an entry of these sizes is refused as a possible zip bomb, or undefined when it is within the limits. */
export function expansionProblem(expanded: number, compressed: number): string | undefined {
  if (expanded <= MAX_EXPANDED_BYTES) return undefined;
  if (expanded <= MAX_EXPANSION_RATIO * Math.max(compressed, 1)) return undefined;
  return `it expands beyond ${MAX_EXPANSION_RATIO}:1 and ${MAX_EXPANDED_BYTES / 1024 / 1024} MB (a possible zip bomb), so it was not unpacked`;
}

export function concat(chunks: readonly Uint8Array[], total?: number): Uint8Array {
  const size = total ?? chunks.reduce((n, c) => n + c.length, 0);
  if (chunks.length === 1 && chunks[0]!.length === size) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A file to put in a ZIP the app writes. Folders are listed explicitly, in order. */
export interface ZipWriteEntry {
  path: string;
  /** Omitted for a folder (path ends with `/`). */
  bytes?: Uint8Array;
}

/**
 * Write a ZIP reproducibly: entries in the given order, every entry dated
 * `date` (jszip writes DOS times from UTC fields), DEFLATE level 9, DOS platform.
 */
export async function writeZip(entries: readonly ZipWriteEntry[], date: Date): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const e of entries) {
    if (e.path.endsWith('/')) {
      zip.file(e.path, null, { dir: true, date, createFolders: false });
    } else {
      zip.file(e.path, e.bytes ?? new Uint8Array(), { binary: true, date, createFolders: false });
    }
  }
  return zip.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
    platform: 'DOS',
    streamFiles: false,
  });
}
