/**
 * `import`: read each source (platform dump, export bundle or audit file) and
 * append it to the library, one transaction per source; the library is saved
 * atomically once every source is in. What the CLI and the app's worker run.
 */
import { basename, resolve } from 'node:path';
import type { ImportProgress, ImportResult } from '../../src-shared/api/types';
import type { Records } from '../../src-shared/engine/records';
import type { PlatformMeta, ReadProgress, SourceKind } from '../../src-shared/ingest/types';
import { verdictOf } from '../../src-shared/verify/findings';
import { verifyFile } from '../../src-shared/verify/verify-file';
import { crossCheck } from '../../src-shared/verify/verify-batch';
import { detectSourceKind } from '../ingest/detect-source';
import { openDumpSource } from '../ingest/dump-source';
import { readMetaFile } from '../ingest/meta-file';
import { readInThread } from '../ingest/read-in-thread';
import type { AuditLibrary } from '../library/library';
import { sourceIdentity } from '../library/import-session';
import { contentHashOf } from './content-hash';
import { InputError, readInputFile } from './input-files';
import { createNodeHasher } from './node-hasher';

export type { ImportProgress, ImportResult } from '../../src-shared/api/types';

export interface ImportOptions {
  as?: SourceKind | undefined;
  importedBy: string;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal | undefined;
  /** Gets the counting engine's records of a dump or export, built from the same read as the rows stored (import + count in one read). */
  onRecords?: (records: Records) => void;
}


export async function importSources(library: AuditLibrary, paths: readonly string[], options: ImportOptions): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const [i, path] of paths.entries()) {
    const progress = (p: ReadProgress) => options.onProgress?.({ ...p, source: i + 1, sources: paths.length });
    results.push(await importSource(library, path, { ...options, onProgress: progress }));
  }
  library.applyRetention();
  options.onProgress?.({ phase: 'save', file: library.file, records: 0, bytes: 0, totalBytes: 0, source: paths.length, sources: paths.length });
  await library.save();
  return results;
}

/** One source into an open library, without the retention pass or the save that importSources ends with (the caller does them). */
export async function importOneSource(library: AuditLibrary, path: string, options: ImportOptions): Promise<ImportResult[]> {
  const progress = (p: ReadProgress) => options.onProgress?.({ ...p, source: 1, sources: 1 });
  return [await importSource(library, path, { ...options, onProgress: progress })];
}

async function importSource(library: AuditLibrary, path: string, options: ImportOptions & { onProgress: (p: ReadProgress) => void }): Promise<ImportResult> {
  const full = resolve(path);
  const kind = options.as ?? (await detectSourceKind(full));
  if (!kind) {
    throw new InputError(`${path}: not a platform dump, export bundle or audit file (force the kind with --as dump|export|audit)`);
  }
  if (kind === 'audit') return importAudit(library, full, path, options);
  return importRecords(library, full, path, kind, options);
}

async function importRecords(
  library: AuditLibrary,
  full: string,
  shown: string,
  kind: 'dump' | 'export',
  options: ImportOptions & { onProgress: (p: ReadProgress) => void },
): Promise<ImportResult> {
  // The snapshot must be known before the first record is stored: from meta.json, else from the content.
  const meta: PlatformMeta = kind === 'dump' ? await readDumpMeta(full) : {};
  const identity = sourceIdentity(meta, meta['Platform ID'] && meta['Date Time'] ? '' : await contentHashOf(full));
  await library.reserve(await expectedLibraryBytes(full));
  const session = library.beginImport({ identity, kind, name: basename(full), meta, inputPath: full, importedBy: options.importedBy });
  try {
    const { result: read, records } = await readInThread(kind, full, {
      onBatch: (batch, part) => session.addBatch(batch, part),
      buildRecords: options.onRecords !== undefined,
      onProgress: options.onProgress,
      signal: options.signal,
    });
    for (const [type, t] of Object.entries(read.tallies)) session.tally(type).skipped += t.skipped;
    session.addFindings(read.findings);
    for (const s of read.skippedFiles) session.addFindings([{ severity: 'INFO', file: s.file, location: '', message: `skipped: ${s.reason}` }]);
    if (records) options.onRecords?.(records);
    const summary = await session.commit(read.complete);
    return { source: shown, kind, id: String(summary.sourceId), appended: summary.existed, complete: summary.complete, types: summary.tallies, findings: summary.findings };
  } catch (e) {
    session.rollback();
    throw e;
  }
}

/** A reported audit: every audit CSV in the file (a ZIP's anonymous CSV, a detailed CSV) with its verification verdict. */
async function importAudit(library: AuditLibrary, full: string, shown: string, options: ImportOptions): Promise<ImportResult> {
  options.signal?.throwIfAborted();
  const bytes = await readInputFile(full);
  const verified = await verifyFile({ name: basename(full), bytes }, { createHasher: createNodeHasher });
  crossCheck([verified]);
  const verdict = verdictOf(verified.findings);
  const docs = verified.csvs.filter((d) => d.kind !== 'breakdown');
  if (!docs.length) throw new InputError(`${shown}: holds no readable audit CSV`);
  const meta: PlatformMeta = Object.fromEntries(docs[0]!.meta);
  const identity = sourceIdentity(meta, await contentHashOf(full));
  const session = library.beginImport({ identity, kind: 'audit', name: basename(full), meta, inputPath: full, importedBy: options.importedBy });
  try {
    for (const doc of docs) session.addAudit(doc, verdict);
    session.addFindings(
      verified.findings
        .filter((f) => f.severity !== 'INFO')
        .map((f) => ({ severity: f.severity === 'FAIL' ? 'ERROR' : 'WARN', file: f.file, location: f.location, message: `${f.check}: ${f.message}` }) as const),
    );
    const summary = await session.commit(verdict !== 'FAIL');
    return { source: shown, kind: 'audit', id: String(summary.sourceId), appended: summary.existed, complete: summary.complete, types: summary.tallies, findings: summary.findings };
  } catch (e) {
    session.rollback();
    throw e;
  }
}

/**
 * How much the library will grow by importing a dump or export: about 0.57
 * bytes per byte of JSON (measured with pkids as bytes: 113 MB for 206 MB of
 * JSON at 100,000 users, 0.55), a gzipped file holding about 8 times its size
 * in JSON. Erring high costs one copy when SQLite trims the file at commit;
 * erring low costs a copy at each 12.5% the file then grows by.
 */
async function expectedLibraryBytes(path: string): Promise<number> {
  const opened = await openDumpSource(path);
  if (!opened.ok) return 0;
  try {
    const json = opened.source.files.reduce((n, f) => n + (/\.gz$/i.test(f.path) ? f.bytes * 8 : f.bytes), 0);
    return Math.round(json * 0.57);
  } finally {
    opened.source.close();
  }
}

/** The dump's `meta.json` (platform-dump.md §1 "Platform identity"), folder or ZIP; {} when it has none (the reader reports a broken one). */
async function readDumpMeta(path: string): Promise<PlatformMeta> {
  const opened = await openDumpSource(path);
  if (!opened.ok) return {};
  try {
    const metaFile = opened.source.files.find((f) => f.path.toLowerCase() === 'meta.json' && !f.refused);
    return metaFile ? await readMetaFile(metaFile, []) : {};
  } finally {
    opened.source.close();
  }
}
