/**
 * The files of a dump, wherever they sit: a folder (searched recursively), a
 * ZIP of one (read with yauzl, entry by entry, never inflated in memory), or a
 * single data file. Lists them in a fixed order and opens each as a byte
 * stream; knows nothing about JSON.
 */
import { createReadStream } from 'node:fs';
import { open as openFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline, type Readable, Transform } from 'node:stream';
import yauzl from 'yauzl';
import { expansionProblem, unsafePathReason } from '../../src-shared/audit/zip-archive';

export interface SourceFile {
  /** Path relative to the dump's root, `/`-separated. In a ZIP whose files all sit in one top folder, relative to that folder. */
  path: string;
  /** Bytes as stored on disk (the compressed size inside a ZIP), for progress. */
  diskBytes: number;
  /** Bytes `open()` yields (the uncompressed size inside a ZIP, as declared). */
  bytes: number;
  modified: Date;
  /** Why the file is refused without being read (an unsafe ZIP path, a zip bomb), if it is. */
  refused?: string;
  /** The file's bytes as they are in the dump (inflated from the ZIP, but a `.gz` still gzipped). Errors name the problem. */
  open(): Promise<Readable>;
}

export interface DumpSource {
  kind: 'folder' | 'zip' | 'file';
  /** Every file, sorted by path; directories, `__MACOSX/` and dot-files left out. */
  files: SourceFile[];
  close(): void;
}

export type OpenSourceResult = { ok: true; source: DumpSource } | { ok: false; reason: string };

/**
 * Read size for file streams. Not larger: each chunk becomes a string, and V8
 * allocates strings above ~128 KB in its large-object space, which made
 * decoding 256 KB chunks ten times slower than 64 KB ones (measured: 150 vs
 * 1,500 MB/s with StringDecoder).
 */
const READ_CHUNK_BYTES = 64 * 1024;

/** `__MACOSX/` and dot-files (`.DS_Store`, `._x`, `.git/`); `.` and `..` are path steps, not dot-files. */
export function isIgnoredPath(path: string): boolean {
  return path.split('/').some((segment) => segment === '__MACOSX' || (segment.startsWith('.') && segment !== '.' && segment !== '..'));
}

/** Paths in code-unit order: the same on every platform and locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function isZipFile(path: string): Promise<boolean> {
  const handle = await openFile(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    // A local file header, or the end record of an empty ZIP.
    return bytesRead >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05);
  } finally {
    await handle.close();
  }
}

/** Open a folder, a ZIP or a single file as a dump. A path that does not exist throws; a damaged ZIP is `ok: false`. */
export async function openDumpSource(path: string): Promise<OpenSourceResult> {
  const info = await stat(path);
  if (info.isDirectory()) return { ok: true, source: { kind: 'folder', files: await folderFiles(path), close: () => undefined } };
  if (await isZipFile(path)) return openZipSource(path);
  const file: SourceFile = {
    path: basename(path),
    diskBytes: info.size,
    bytes: info.size,
    modified: info.mtime,
    open: () => Promise.resolve(createReadStream(path, { highWaterMark: READ_CHUNK_BYTES })),
  };
  return { ok: true, source: { kind: 'file', files: [file], close: () => undefined } };
}

async function folderFiles(root: string): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === '__MACOSX') continue;
      const full = join(dir, entry.name);
      const rel = prefix + entry.name;
      // Symbolic links to files are followed; links to folders are not, so a loop cannot trap the walk.
      const info = entry.isSymbolicLink() ? await stat(full).catch(() => undefined) : undefined;
      if (entry.isDirectory()) await walk(full, `${rel}/`);
      else if (entry.isFile() || info?.isFile()) {
        const { size, mtime } = info ?? (await stat(full));
        files.push({
          path: rel,
          diskBytes: size,
          bytes: size,
          modified: mtime,
          open: () => Promise.resolve(createReadStream(full, { highWaterMark: READ_CHUNK_BYTES })),
        });
      }
    }
  };
  await walk(root, '');
  return files.sort((a, b) => comparePaths(a.path, b.path));
}

interface ZipListing {
  zip: yauzl.ZipFile;
  entries: Array<{ entry: yauzl.Entry; name: string }>;
}

/** The entries as stored, names decoded here so an unsafe name is reported for that entry alone (yauzl would stop the listing). */
export async function listZip(path: string): Promise<ZipListing> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, decodeStrings: false });
  const entries: ZipListing['entries'] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      const raw = entry.fileName as unknown as Buffer; // decodeStrings: false leaves the raw bytes here
      entries.push({ entry, name: yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false) });
    }
  } catch (e) {
    zip.close();
    throw e;
  }
  return { zip, entries };
}

async function openZipSource(path: string): Promise<OpenSourceResult> {
  let listing: ZipListing;
  try {
    listing = await listZip(path);
  } catch (e) {
    return { ok: false, reason: `it is not a readable ZIP (${errorMessage(e)}); it may be truncated or damaged` };
  }
  const { zip, entries } = listing;
  // Unsafe names are kept whatever they look like, so each is reported as refused rather than passed over.
  const kept = entries.filter(({ name }) => unsafePathReason(name) !== undefined || (!name.endsWith('/') && !isIgnoredPath(name)));
  const prefix = singleTopFolder(kept.map(({ name }) => name).filter((n) => unsafePathReason(n) === undefined));

  const files = kept.map(({ entry, name }): SourceFile => {
    const unsafe = unsafePathReason(name);
    const refused =
      unsafe ??
      expansionProblem(entry.uncompressedSize, entry.compressedSize) ??
      (entry.isEncrypted() ? 'it is encrypted; ask for an unencrypted ZIP' : undefined);
    return {
      // An unsafe name is shown exactly as stored.
      path: !unsafe && prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name,
      diskBytes: entry.compressedSize,
      modified: entry.getLastModDate({ timezone: 'UTC' }),
      ...(refused ? { refused } : {}),
      bytes: entry.uncompressedSize,
      open: async () => {
        const guard = expansionGuard(entry.compressedSize);
        // pipeline, not pipe: an inflate error must reach the reader of the guarded stream.
        pipeline(await zip.openReadStreamPromise(entry), guard, () => undefined);
        return guard;
      },
    };
  });
  files.sort((a, b) => comparePaths(a.path, b.path));
  return { ok: true, source: { kind: 'zip', files, close: () => zip.close() } };
}

/** `dump/` when every name starts with the same folder, else ''. */
function singleTopFolder(names: readonly string[]): string {
  if (names.length === 0) return '';
  const first = names[0]!.split('/')[0]!;
  return names.every((n) => n.startsWith(`${first}/`)) ? `${first}/` : '';
}

/** Re-checks the zip-bomb limit as bytes come out, since the sizes a ZIP declares may lie. */
function expansionGuard(compressedSize: number): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      const problem = expansionProblem(total, compressedSize);
      callback(problem ? new Error(problem) : null, problem ? undefined : chunk);
    },
  });
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
