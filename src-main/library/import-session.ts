/**
 * One import into the library, inside one transaction (CC seed: import
 * appends; a conflicting row is not overwritten but reported). Records arrive
 * in batches; each batch is written with prepared statements, and its raw
 * JSON is kept in one compressed chunk.
 */
import type { Database } from 'sql.js';
import { BatchMemory, BulkStatement } from './bulk-insert';
import type { IngestFinding, NormalizedRecord, PlatformMeta, SourceKind, TypeTally } from '../../src-shared/ingest/types';
import { type ModelTable, OTHER_TABLE, TABLE_BY_MODEL_TYPE } from './model-tables';
import { resolvePath } from './paths';
import { BatchPreparer, batchPkid, decodePkid, type PreparedBatch, storedPkidSql } from './prepare-row';
import { MODEL_TABLE_NAMES, recordKeyIndex } from './schema';
import { loadedSqlJs, queryAll } from './sql';
import { auditModelType, storeAudit } from './store-audit';
import type { CsvDocument } from '../../src-shared/verify/csv-document';
import type { Verdict } from '../../src-shared/verify/findings';

export interface ImportStart {
  /** `platform:<Platform ID>|<Date Time>` or `content:<sha256>` — what makes two imports the same snapshot. */
  identity: string;
  kind: SourceKind;
  name: string;
  meta: PlatformMeta;
  inputPath: string;
  importedBy: string;
  now?: Date;
}

export interface ImportSummary {
  sourceId: number;
  /** True when the snapshot was already in the library (this import appended to it). */
  existed: boolean;
  tallies: Record<string, TypeTally>;
  findings: IngestFinding[];
  complete: boolean;
}

/** The import log keeps this many findings per import, then one line saying how many more there were. */
export const MAX_LOGGED_FINDINGS = 1000;

const TABLE_BY_TABLE: ReadonlyMap<string, ModelTable> = new Map([...TABLE_BY_MODEL_TYPE.values()].map((t) => [t.table, t]));

export function sourceIdentity(meta: PlatformMeta, contentHash: string): string {
  const platform = meta['Platform ID']?.trim();
  const time = meta['Date Time']?.trim();
  return platform && time ? `platform:${platform}|${time}` : `content:${contentHash}`;
}

export class ImportSession {
  open = true;
  readonly tallies: Record<string, TypeTally> = {};
  readonly findings: IngestFinding[] = [];
  private readonly statements = new Map<string, BulkStatement>();
  private readonly pathIds = new Map<string, number>();
  /**
   * Model tables that were empty when the import began: their record-key
   * index is dropped for the import and built at commit, once, from the
   * loaded rows (see deferIndexes). Repeats within the import are found then.
   */
  private readonly deferred = new Set<string>();
  /** Per reader (addBatch's `part`), the deferred tables that received its rows since its last early build (buildFinishedIndexes). */
  private readonly filled = new Map<number, Set<string>>();
  /** Per deferred table, the pkids of rows that may repeat an earlier record of this import (PreparedBatch.maybeRepeats). */
  private readonly candidates = new Map<string, Set<string>>();
  /** For batches prepared here (addRecords) rather than in the reader's thread. */
  private readonly preparer = new BatchPreparer();
  private nextChunkId: number;
  private readonly startedAt: string;

  private constructor(
    private readonly db: Database,
    readonly sourceId: number,
    readonly existed: boolean,
    private readonly start: ImportStart,
  ) {
    this.nextChunkId = Number(queryAll<{ n: number }>(db, 'SELECT COALESCE(MAX(id), 0) + 1 AS n FROM raw_chunks')[0]!.n);
    this.startedAt = (start.now ?? new Date()).toISOString();
    for (const row of queryAll<{ id: number; path: string }>(db, 'SELECT id, path FROM paths WHERE source_id = ?', [sourceId])) {
      this.pathIds.set(row.path, row.id);
    }
    this.deferIndexes();
  }

  /**
   * Keeping the UNIQUE record-key index up to date row by row costs a random
   * B-tree write per row (pkids are random); building it from the loaded rows
   * is one sort. Only for tables that hold no row yet, so the build covers
   * this import's rows alone, and inside the transaction, so a rollback
   * brings the index back. (Until schema v3 a path index was kept live as
   * well; no query used it, schema.ts.)
   */
  private deferIndexes(): void {
    for (const table of MODEL_TABLE_NAMES) {
      if (this.db.exec(`SELECT 1 FROM ${table} LIMIT 1`).length > 0) continue;
      this.db.exec(`DROP INDEX ${recordKeyIndex(table).name}`);
      this.deferred.add(table);
    }
  }

  /**
   * Rows of a deferred table were stored as they came, repeats included:
   * keep the first of each record key, count the others as conflicts, then
   * build the record-key index. Only the rows the reader flagged as maybe-repeats are
   * looked at, in one scan of the table (a sort of every key to find them
   * cost more than building the index itself). A removed row's raw JSON stays
   * in its chunk, referenced by no row.
   */
  private buildDeferredIndexes(): void {
    for (const table of [...this.deferred]) this.buildDeferredIndex(table);
  }

  private buildDeferredIndex(table: string): void {
    const pkids = this.candidates.get(table);
    if (pkids?.size) this.removeRepeats(table, pkids);
    this.db.exec(recordKeyIndex(table).create);
    this.deferred.delete(table);
    this.candidates.delete(table);
  }

  /**
   * A reader reads its files in path order, so a model type's pages come one
   * after another: once the same reader's rows of another table follow, a
   * deferred table is most likely complete, and its index is built now,
   * while the readers read on (reader-thread.ts lets them run ahead), instead
   * of at commit with nothing to overlap. Should more rows of it come after
   * all, its index turns their repeats into conflicts like any appended row's.
   */
  private buildFinishedIndexes(filled: Set<string>, current: string): void {
    for (const table of filled) {
      if (table !== current && this.deferred.has(table)) this.buildDeferredIndex(table);
    }
    filled.clear();
    filled.add(current);
  }

  private removeRepeats(table: string, pkids: ReadonlySet<string>): void {
    const modelType = table === OTHER_TABLE ? 'model_type' : `'${TABLE_BY_TABLE.get(table)!.modelType}'`;
    const rows = queryAll<{ id: number; model_type: string; pkid: unknown }>(
      this.db,
      `SELECT id, ${modelType} AS model_type, pkid FROM ${table} WHERE pkid IN (SELECT ${storedPkidSql('value')} FROM json_each(?)) ORDER BY id`,
      [JSON.stringify([...pkids])],
    );
    const first = new Set<string>();
    const remove = this.db.prepare(`DELETE FROM ${table} WHERE id = ?`);
    try {
      for (const row of rows) {
        // Every row of a deferred table is this import's: the key within it is model type and pkid.
        const key = `${row.model_type}\n${decodePkid(row.pkid)}`;
        if (!first.has(key)) {
          first.add(key);
          continue;
        }
        remove.run([row.id]);
        const tally = this.tally(row.model_type);
        tally.stored -= 1;
        tally.conflicts += 1;
      }
    } finally {
      remove.free();
    }
  }

  static begin(db: Database, start: ImportStart): ImportSession {
    db.exec('BEGIN');
    try {
      const found = queryAll<{ id: number }>(db, 'SELECT id FROM sources WHERE identity = ?', [start.identity])[0];
      if (found) return new ImportSession(db, found.id, true, start);
      db.run(
        'INSERT INTO sources (identity, kind, name, platform_id, date_time, meta, complete, imported_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)',
        [
          start.identity,
          start.kind,
          start.name,
          start.meta['Platform ID'] ?? null,
          start.meta['Date Time'] ?? null,
          JSON.stringify(start.meta),
          (start.now ?? new Date()).toISOString(),
        ],
      );
      const id = Number(queryAll<{ id: number }>(db, 'SELECT last_insert_rowid() AS id')[0]!.id);
      return new ImportSession(db, id, false, start);
    } catch (e) {
      db.exec('ROLLBACK');
      throw e;
    }
  }

  /** By model type: several reader threads meet the types in an order of their own. */
  private sortedTallies(): Record<string, TypeTally> {
    return Object.fromEntries(Object.keys(this.tallies).sort().map((type) => [type, this.tallies[type]!]));
  }

  tally(modelType: string): TypeTally {
    let t = this.tallies[modelType];
    if (!t) {
      t = { read: 0, stored: 0, conflicts: 0, skipped: 0 };
      this.tallies[modelType] = t;
    }
    return t;
  }

  addFindings(findings: readonly IngestFinding[]): void {
    for (const f of findings) this.findings.push(f);
  }

  /**
   * Store a batch. Records already stored for this snapshot (same model type
   * and pkid) are counted as conflicts. Prepares the batch here; an import
   * from disk has it prepared in the reader's thread (addBatch).
   */
  async addRecords(records: readonly NormalizedRecord[]): Promise<void> {
    this.addBatch(this.preparer.prepare(records));
    return Promise.resolve();
  }

  /**
   * Store a batch already prepared. Its raw chunk is kept when any of its rows
   * is: row k points at element k. A conflicting row's raw JSON stays in the
   * chunk unreferenced, which spares rebuilding the chunk; a batch of
   * conflicts only (the same dump imported again) adds no chunk.
   */
  addBatch(batch: PreparedBatch, part = 0): void {
    this.assertOpen();
    let filled = this.filled.get(part);
    if (!filled) this.filled.set(part, (filled = new Set()));
    const chunkId = this.nextChunkId;
    let stored = 0;
    // Per batch, not per row: the batch's model types and paths, each looked up once.
    const tables = batch.types.map((type) => TABLE_BY_MODEL_TYPE.get(type));
    const tallies = batch.types.map((type) => this.tally(type));
    const pathIds = batch.paths.map((path) => this.pathId(path));
    const memory = new BatchMemory(loadedSqlJs(), batch.bytes);
    const used = new Set<BulkStatement>();
    try {
      let last = -1;
      let stmt: BulkStatement | undefined;
      for (let k = 0; k < batch.count; k++) {
        const t = batch.rowType[k]!;
        if (t !== last) {
          last = t;
          const table = tables[t];
          const name = table?.table ?? OTHER_TABLE;
          if (this.deferred.has(name)) filled.add(name);
          stmt = this.insertStatement(table);
          used.add(stmt);
          // The INSERT's parameters: source_id, pkid, pkid_derived, path_id, raw_chunk, raw_index, then the values (insertStatement).
          // A binding outlives the step, so what every row of the batch shares is bound once per run of a table.
          stmt.bindInt(1, this.sourceId);
          stmt.bindInt(5, chunkId);
        }
        const s = stmt!;
        const cell = batch.rowCell[k]!;
        // The row's cells run to the next row's first: its pkid, then its values.
        const valueCount = (k + 1 < batch.count ? batch.rowCell[k + 1]! : batch.cells.length / 2) - cell - 1;
        s.bindCell(2, batch.cells, cell, memory.base);
        s.bindInt(3, batch.derived[k]!);
        s.bindInt(4, pathIds[batch.rowPath[k]!]!);
        s.bindInt(6, k);
        for (let v = 0; v < valueCount; v++) s.bindCell(7 + v, batch.cells, cell + 1 + v, memory.base);
        const tally = tallies[t]!;
        tally.read += 1;
        if (s.step() === 1) {
          tally.stored += 1;
          stored += 1;
        } else {
          tally.conflicts += 1;
        }
      }
    } finally {
      for (const s of used) s.clearBindings();
      memory.free();
    }
    for (const index of batch.maybeRepeats) {
      const table = tables[batch.rowType[index]!]?.table ?? OTHER_TABLE;
      if (!this.deferred.has(table)) continue; // its UNIQUE index already turned a repeat into a conflict
      let pkids = this.candidates.get(table);
      if (!pkids) this.candidates.set(table, (pkids = new Set()));
      pkids.add(batchPkid(batch, index));
    }
    if (stored > 0) {
      this.db.run('INSERT INTO raw_chunks (id, source_id, data) VALUES (?, ?, ?)', [chunkId, this.sourceId, batch.rawChunk]);
      this.nextChunkId += 1;
    }
    // After the batch's repeat candidates are noted: an index build needs every candidate of its table.
    if (batch.count > 0 && filled.size > 1) {
      const lastTable = tables[batch.rowType[batch.count - 1]!]?.table ?? OTHER_TABLE;
      this.buildFinishedIndexes(filled, lastTable);
    }
  }

  /** Store a reported audit CSV (detailed or anonymous) of this snapshot. */
  addAudit(doc: CsvDocument, verdict: Verdict): void {
    this.assertOpen();
    storeAudit(this.db, this.sourceId, doc, verdict, this.tally(auditModelType(doc)));
  }

  /** Resolve paths to customers and providers, write the import log, and commit. */
  async commit(complete: boolean): Promise<ImportSummary> {
    this.assertOpen();
    try {
      this.buildDeferredIndexes();
      this.resolvePaths();
      const logged = this.findings.slice(0, MAX_LOGGED_FINDINGS);
      if (this.findings.length > MAX_LOGGED_FINDINGS) {
        logged.push({ severity: 'INFO', file: '', location: '', message: `${this.findings.length - MAX_LOGGED_FINDINGS} more findings are not kept in the log` });
      }
      this.db.run(
        'INSERT INTO imports (source_id, input_path, imported_by, started_at, finished_at, tallies, findings, complete) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [this.sourceId, this.start.inputPath, this.start.importedBy, this.startedAt, new Date().toISOString(), JSON.stringify(this.sortedTallies()), JSON.stringify(logged), complete ? 1 : 0],
      );
      // A source is complete once any import of it was: from then on every record of the snapshot is in.
      if (complete) this.db.run('UPDATE sources SET complete = 1 WHERE id = ?', [this.sourceId]);
      this.freeStatements();
      this.db.exec('COMMIT');
    } catch (e) {
      this.rollback();
      throw e;
    }
    this.open = false;
    return { sourceId: this.sourceId, existed: this.existed, tallies: this.sortedTallies(), findings: this.findings, complete };
  }

  /** Undo everything this import wrote. */
  rollback(): void {
    if (!this.open) return;
    this.freeStatements();
    this.db.exec('ROLLBACK');
    this.open = false;
  }

  private assertOpen(): void {
    if (!this.open) throw new Error('this import has already been committed or rolled back');
  }

  private insertStatement(table: ModelTable | undefined): BulkStatement {
    const name = table?.table ?? OTHER_TABLE;
    let stmt = this.statements.get(name);
    if (!stmt) {
      const columns = ['source_id', 'pkid', 'pkid_derived', 'path_id', 'raw_chunk', 'raw_index', ...(table ? table.columns.map((c) => c.column) : ['model_type', 'export_type', 'fields'])];
      const sql = `INSERT OR IGNORE INTO ${name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
      stmt = new BulkStatement(loadedSqlJs(), this.db, this.db.prepare(sql), sql);
      this.statements.set(name, stmt);
    }
    return stmt;
  }

  private pathId(path: string): number {
    const known = this.pathIds.get(path);
    if (known !== undefined) return known;
    this.db.run('INSERT INTO paths (source_id, path) VALUES (?, ?)', [this.sourceId, path]);
    const id = Number(queryAll<{ id: number }>(this.db, 'SELECT last_insert_rowid() AS id')[0]!.id);
    this.pathIds.set(path, id);
    return id;
  }

  /**
   * R2/R3: each path's nearest customer, reseller and provider node, from this
   * snapshot's HierarchyNode records. Nodes whose parent is no node of the
   * snapshot (orphans) and paths claimed by two nodes of different types are
   * reported: their records still resolve to what the path does show.
   */
  private resolvePaths(): void {
    const nodeTypes = new Map<string, string>();
    const nodes = queryAll<{ path: string; name: string | null; node_type: string | null }>(
      this.db,
      'SELECT p.path, n.name, n.node_type FROM m_hierarchy_node n JOIN paths p ON p.id = n.path_id WHERE n.source_id = ?',
      [this.sourceId],
    );
    for (const n of nodes) {
      if (!n.name) continue;
      const own = `${n.path}.${n.name}`;
      const seen = nodeTypes.get(own);
      if (seen !== undefined && seen !== (n.node_type ?? '')) {
        this.findings.push({ severity: 'WARN', file: '', location: '', message: `two HierarchyNodes claim the path ${own}, as ${seen} and as ${n.node_type ?? '(no type)'}; the first is used` });
        continue;
      }
      nodeTypes.set(own, n.node_type ?? '');
    }
    for (const n of nodes) {
      // sys and sys.hcs are the platform's roots, not nodes of a dump.
      if (n.name && n.path.split('.').length > 2 && !nodeTypes.has(n.path)) {
        this.findings.push({ severity: 'WARN', file: '', location: '', message: `HierarchyNode ${n.path}.${n.name} lives at ${n.path}, which is no node of this snapshot (an orphan); its records count by the nodes its path does show` });
      }
    }
    const update = this.db.prepare('UPDATE paths SET customer_path = ?, reseller_path = ?, provider_path = ? WHERE id = ?');
    try {
      for (const [path, id] of this.pathIds) {
        const r = resolvePath(path, nodeTypes);
        update.run([r.customerPath, r.resellerPath, r.providerPath, id]);
      }
    } finally {
      update.free();
    }
  }

  private freeStatements(): void {
    for (const s of this.statements.values()) s.free();
    this.statements.clear();
  }
}
