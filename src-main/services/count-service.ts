/**
 * The counting engine as a service: count a source (a dump, an export bundle,
 * or a source already in the library) and keep the result for the
 * drill-down, Explain, CSV output and Compare.
 */
import { basename, resolve } from 'node:path';
import type { AuditView } from '../../src-shared/audit/columns';
import { parseAuditCsvText } from '../../src-shared/audit/csv';
import { type CountedEngine, countBuiltRecords, type EngineContext } from '../../src-shared/engine/count';
import { diffAgainstReported } from '../../src-shared/engine/diff';
import { type Records, RecordsBuilder, TABLE_NAMES } from '../../src-shared/engine/records';
import { auditCsv, usersCsv } from '../../src-shared/engine/output';
import type { CountDiff, CountedRecord, CountFormat, CountOptions, CountSession, CountSummary, UserPage, UserQuery } from '../../src-shared/engine/types';
import type { ReadProgress, SourceKind } from '../../src-shared/ingest/types';
import { detectSourceKind } from '../ingest/detect-source';
import { readForCount } from '../ingest/read-for-count';
import { readCachedRecords, writeCachedRecords } from '../library/count-cache';
import { forEachRowGroup } from '../library/engine-rows';
import { AuditLibrary } from '../library/library';
import { storeAudit } from '../library/store-audit';
import { buildCsvDocument } from '../../src-shared/verify/csv-document';
import { verifyFile } from '../../src-shared/verify/verify-file';
import { type ImportOptions, type ImportResult, importOneSource } from './import-service';
import { InputError, readInputFile } from './input-files';
import { createNodeHasher } from './node-hasher';

export type CountInput =
  | { kind: 'path'; path: string; as?: SourceKind }
  | { kind: 'library'; libraryPath: string; sourceId: number }
  /** A source of a library already open (the app's worker keeps one): no second copy in memory. */
  | { kind: 'open-library'; library: AuditLibrary; sourceId: number };

export interface CountServiceOptions {
  options?: CountOptions;
  onProgress?: (p: ReadProgress) => void;
  signal?: AbortSignal;
}

export interface CountedSource extends CountSession {
  /** The audit CSV (`vlf-desk count`): byte-identical for the same input (R90). `meta` overrides `#Key=Value` lines. */
  csv(format: CountFormat, view: AuditView, meta?: Readonly<Record<string, string>>): string;
  /** The users CSV (`vlf-desk users`, cli.md). */
  usersCsv(query?: UserQuery): string;
  /** Recount vs a reported audit CSV's text (detailed or anonymous, legacy or v5). */
  diff(reportedCsvText: string, reportedFileName: string): CountDiff;
  /**
   * Settles when the count cache of a library source is written (undefined)
   * or could not be (the reason); the count does not wait for it. Settled
   * at once for a count of a file or from the cache. Never rejects.
   */
  readonly cacheWritten: Promise<string | undefined>;
}

/** Kept for callers written against the placeholder; the engine is here now. */
export class CountUnavailableError extends Error {}

export async function countSource(input: CountInput, opts: CountServiceOptions = {}): Promise<CountedSource> {
  if (input.kind === 'library' || input.kind === 'open-library') {
    const library = input.kind === 'library' ? await AuditLibrary.open(input.libraryPath) : input.library;
    try {
      return await countLibrarySource(library, input.sourceId, opts);
    } finally {
      if (input.kind === 'library') library.close();
    }
  }
  const full = resolve(input.path);
  const kind = input.as ?? (await detectSourceKind(full)) ?? failUnknown(input.path);
  if (kind === 'audit') {
    throw new InputError(`${input.path}: is an audit file, which holds counts, not records to count; give the platform dump or export bundle (diff compares it with a recount)`);
  }
  const { result, records } = await readForCount(kind, full, { onProgress: opts.onProgress, signal: opts.signal });
  opts.signal?.throwIfAborted();
  const engine = countBuiltRecords(records, { sourceKind: kind, meta: result.meta, options: opts.options ?? {}, sourceFindings: result.findings, complete: result.complete });
  return new CountedSourceImpl(engine);
}

/**
 * A source already in the library: its records come from the count cache
 * when it holds this import of the source (count-cache.ts), else from the
 * library's rows — and then go into the cache for the next time.
 */
async function countLibrarySource(library: AuditLibrary, sourceId: number, opts: CountServiceOptions): Promise<CountedSource> {
  const source = library.getSource(sourceId);
  if (!source) throw new InputError(`there is no source ${sourceId} in the library; "vlf-desk library list" shows the ids`);
  if (source.kind === 'audit') throw new InputError(`source ${sourceId} is a reported audit, not records to count; count the dump or export it came from`);
  opts.onProgress?.({ phase: 'read', file: source.name, records: 0, bytes: 0, totalBytes: 0 });
  const cached = await readCachedRecords(library, source.id);
  let records = cached.records;
  if (records) {
    opts.onProgress?.({ phase: 'read', file: `${source.name} (count cache)`, records: recordCount(records), bytes: 0, totalBytes: 0 });
  } else {
    const builder = new RecordsBuilder();
    const read = forEachRowGroup(library.database, source.id, (group) => builder.addGroup(group));
    opts.onProgress?.({ phase: 'read', file: source.name, records: read, bytes: 0, totalBytes: 0 });
    opts.signal?.throwIfAborted();
    records = builder.finish();
  }
  opts.signal?.throwIfAborted();
  const context: EngineContext = { sourceKind: source.kind, meta: library.sourceMeta(source.id), options: opts.options ?? {}, sourceFindings: [], complete: source.complete };
  const engine = countBuiltRecords(records, context);
  // Not awaited: the numbers are shown while the cache is written (a column at a time, count-cache.ts).
  return new CountedSourceImpl(engine, cached.records ? NOTHING_TO_WRITE : writeCachedRecords(library, source.id, records));
}

function failUnknown(path: string): never {
  throw new InputError(`${path}: not a platform dump, export bundle or audit file (force the kind with --as dump|export)`);
}

/** The records a Records holds (its lists and hierarchy nodes), for progress. */
function recordCount(records: Records): number {
  let n = records.nodeRows.length;
  for (const name of TABLE_NAMES) n += records[name].length;
  return n;
}

const NOTHING_TO_WRITE: Promise<string | undefined> = Promise.resolve(undefined);

class CountedSourceImpl implements CountedSource {
  constructor(
    private readonly engine: CountedEngine,
    readonly cacheWritten: Promise<string | undefined> = NOTHING_TO_WRITE,
  ) {}

  get summary(): CountSummary {
    return this.engine.summary;
  }

  users(query: UserQuery): UserPage {
    return this.engine.users(query);
  }

  explain(rowKey: string, column: string): CountedRecord[] {
    return this.engine.explain(rowKey, column);
  }

  csv(format: CountFormat, view: AuditView, meta?: Readonly<Record<string, string>>): string {
    return auditCsv(this.engine.summary, format, view, meta);
  }

  usersCsv(query: UserQuery = {}): string {
    return usersCsv(this.engine.users(query).users);
  }

  diff(reportedCsvText: string, reportedFileName: string): CountDiff {
    const reported = parseAuditCsvText(reportedCsvText);
    if (!reported.header.length) throw new InputError(`${basename(reportedFileName)}: has no audit CSV header to compare with`);
    return diffAgainstReported(this.engine, reported);
  }
}

/**
 * Recount vs a reported audit file: a detailed or anonymous CSV, or a license
 * ZIP (its anonymous CSV; the detailed one when both are inside).
 */
export async function diffAgainstFile(counted: CountSession, path: string): Promise<CountDiff> {
  const bytes = await readInputFile(path);
  const verified = await verifyFile({ name: basename(path), bytes }, { createHasher: createNodeHasher });
  const docs = verified.csvs.filter((d) => d.kind !== 'breakdown');
  const doc = docs.find((d) => d.kind === 'detailed') ?? docs[0];
  if (!doc || !doc.csv.header.length) throw new InputError(`${path}: holds no audit CSV to compare with`);
  return diffAgainstReported(counted, doc.csv);
}

/** The views a computed audit is stored under, beside the reported ones (audits.view). */
export const COMPUTED_VIEWS = { legacy: 'computed-legacy', v5: 'computed-v5' } as const;

/**
 * Keep a count of a library source as an audit of that source, like a
 * reported one (legacy and v5 detailed), so the two compare cell by cell. A
 * recount replaces the earlier computed audit of the same source. The caller
 * saves the library.
 */
export function storeComputedAudit(library: AuditLibrary, sourceId: number, counted: CountedSource): void {
  const db = library.database;
  db.exec('BEGIN');
  try {
    for (const format of ['legacy', 'v5'] as const) {
      const view = COMPUTED_VIEWS[format];
      db.run('DELETE FROM audits WHERE source_id = ? AND view = ?', [sourceId, view]);
      const doc = buildCsvDocument(`computed-${format}.csv`, '', undefined, new TextEncoder().encode(counted.csv(format, 'detailed')));
      storeAudit(db, sourceId, doc, 'PASS', { read: 0, stored: 0, conflicts: 0, skipped: 0 }, view);
    }
    db.exec('COMMIT');
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
}

/**
 * Import a dump or export into the library and count it from the same read
 * (the rows the library stores are the rows the engine builds from), then
 * keep the count as the source's computed audit. One pass over the files
 * instead of an import and then a recount. The library is saved here, and
 * the count cache written only after it: the two large writes (1.2 GB and
 * 0.6 GB at 1M users) do not share the disk, and neither the count nor the
 * saved library waits for the cache.
 */
export async function importAndCount(
  library: AuditLibrary,
  path: string,
  options: Omit<ImportOptions, 'onRecords'> & CountServiceOptions,
): Promise<{ result: ImportResult; counted: CountedSource }> {
  let records: Records | undefined;
  const [result] = await importOneSource(library, path, {
    ...options,
    // Built in the reader threads beside the rows they prepare (reader-thread.ts): this thread only stores.
    onRecords: (built) => (records = built),
  });
  if (!result || result.kind === 'audit' || !records) throw new InputError(`${path}: is an audit file, which holds counts, not records to count`);
  const sourceId = Number(result.id);
  const engine = countBuiltRecords(records, {
    sourceKind: result.kind,
    meta: library.sourceMeta(sourceId),
    options: options.options ?? {},
    sourceFindings: result.findings,
    complete: result.complete,
  });
  storeComputedAudit(library, sourceId, new CountedSourceImpl(engine));
  await library.save();
  // A new source's rows are exactly the records counted here, so they go into the count cache (a recount then skips SQLite).
  // An import appended to an existing source read only part of it: that source's cache is left to the next recount.
  const counted = new CountedSourceImpl(engine, result.appended ? NOTHING_TO_WRITE : writeCachedRecords(library, sourceId, records));
  return { result, counted };
}
