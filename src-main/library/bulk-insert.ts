/**
 * Inserting a packed batch (prepare-row.ts PreparedBatch) through SQLite's C
 * API as sql.js exports it: the batch's bytes are copied into the
 * WebAssembly heap once, and each value is bound where it lies
 * (SQLITE_STATIC). sql.js's own Statement.run encodes and copies every string
 * value on its own and frees it after the step: on a million-user import that
 * was a fifth of the library thread's time.
 */
import type { Database, SqlJsStatic, Statement } from 'sql.js';
import { CellCode } from './prepare-row';

/** The part of sql.js's module that this file calls: SQLite's C functions, exported by sql.js's build. */
interface SqliteCApi {
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  writeArrayToMemory(bytes: Uint8Array, pointer: number): void;
  UTF8ToString(pointer: number): string;
  _sqlite3_sql(stmt: number): number;
  _sqlite3_bind_text(stmt: number, index: number, pointer: number, bytes: number, destructor: number): number;
  _sqlite3_bind_blob(stmt: number, index: number, pointer: number, bytes: number, destructor: number): number;
  _sqlite3_bind_int(stmt: number, index: number, value: number): number;
  _sqlite3_step(stmt: number): number;
  _sqlite3_reset(stmt: number): number;
  _sqlite3_clear_bindings(stmt: number): number;
  _sqlite3_changes(db: number): number;
  _sqlite3_errmsg(db: number): number;
}

const C_FUNCTIONS = [
  '_malloc',
  '_free',
  'writeArrayToMemory',
  'UTF8ToString',
  '_sqlite3_sql',
  '_sqlite3_bind_text',
  '_sqlite3_bind_blob',
  '_sqlite3_bind_int',
  '_sqlite3_step',
  '_sqlite3_reset',
  '_sqlite3_clear_bindings',
  '_sqlite3_changes',
  '_sqlite3_errmsg',
] as const satisfies readonly (keyof SqliteCApi)[];

const SQLITE_OK = 0;
const SQLITE_DONE = 101;
/** The destructor argument that says "the value stays where it is until the statement is stepped": no copy. */
const SQLITE_STATIC = 0;

const checked = new WeakSet<SqlJsStatic>();

function cApiOf(SQL: SqlJsStatic): SqliteCApi {
  if (!checked.has(SQL)) {
    const api = SQL as unknown as Partial<Record<string, unknown>>;
    const missing = C_FUNCTIONS.filter((f) => typeof api[f] !== 'function');
    if (missing.length) throw new Error(`this build of sql.js does not export ${missing.join(', ')}; the library cannot insert in bulk`);
    checked.add(SQL);
  }
  return SQL as unknown as SqliteCApi;
}

/**
 * A prepared INSERT whose parameters are bound from a packed batch. sql.js
 * keeps a statement's SQLite handle in a private field; it is found by asking
 * SQLite which of the statement's numbers is a statement of this SQL.
 */
export class BulkStatement {
  private readonly c: SqliteCApi;
  private readonly handle: number;
  private readonly dbHandle: number;

  constructor(
    SQL: SqlJsStatic,
    db: Database,
    private readonly statement: Statement,
    sql: string,
  ) {
    this.c = cApiOf(SQL);
    const dbHandle = (db as unknown as { db?: unknown }).db;
    if (typeof dbHandle !== 'number') throw new Error('sql.js keeps no database handle where the library expects it');
    this.dbHandle = dbHandle;
    const handle = Object.values(statement as unknown as Record<string, unknown>).find(
      (v): v is number => typeof v === 'number' && v > 0 && Number.isInteger(v) && this.c.UTF8ToString(this.c._sqlite3_sql(v)) === sql,
    );
    if (handle === undefined) throw new Error('cannot find the SQLite handle of a sql.js statement; the library cannot insert in bulk');
    this.handle = handle;
  }

  bindInt(index: number, value: number): void {
    this.check(this.c._sqlite3_bind_int(this.handle, index, value));
  }

  /** Binds cell `cell` of a batch whose bytes were copied to `base` (BatchMemory). */
  bindCell(index: number, cells: Int32Array, cell: number, base: number): void {
    const a = cells[2 * cell]!;
    const code = cells[2 * cell + 1]!;
    let rc: number;
    // A NULL pointer binds SQL NULL (sqlite3_bind_text documents it); sql.js does not export sqlite3_bind_null.
    if (code >= 0) rc = this.c._sqlite3_bind_text(this.handle, index, base + a, code, SQLITE_STATIC);
    else if (code === CellCode.NULL) rc = this.c._sqlite3_bind_text(this.handle, index, 0, 0, SQLITE_STATIC);
    else if (code === CellCode.INTEGER) rc = this.c._sqlite3_bind_int(this.handle, index, a);
    else rc = this.c._sqlite3_bind_blob(this.handle, index, base + a, CellCode.BLOB_BASE - code, SQLITE_STATIC);
    this.check(rc);
  }

  /** Runs the statement with the values bound; returns the rows it changed (0 for an ignored conflict). */
  step(): number {
    const rc = this.c._sqlite3_step(this.handle);
    if (rc !== SQLITE_DONE) {
      const message = this.c.UTF8ToString(this.c._sqlite3_errmsg(this.dbHandle));
      this.c._sqlite3_reset(this.handle);
      throw new Error(`inserting a row failed: ${message}`);
    }
    const changes = this.c._sqlite3_changes(this.dbHandle);
    this.c._sqlite3_reset(this.handle);
    return changes;
  }

  /** After a batch: nothing may point into its memory once that is freed. */
  clearBindings(): void {
    this.c._sqlite3_clear_bindings(this.handle);
  }

  free(): void {
    this.statement.free();
  }

  private check(rc: number): void {
    if (rc !== SQLITE_OK) throw new Error(`binding a value failed: ${this.c.UTF8ToString(this.c._sqlite3_errmsg(this.dbHandle))}`);
  }
}

/** A batch's bytes in the WebAssembly heap, for as long as its rows are being stepped. */
export class BatchMemory {
  readonly base: number;
  private readonly c: SqliteCApi;

  constructor(SQL: SqlJsStatic, bytes: Uint8Array) {
    this.c = cApiOf(SQL);
    // At least one byte: an empty text must still point somewhere (a NULL pointer would make it NULL).
    this.base = this.c._malloc(Math.max(1, bytes.length));
    if (this.base === 0) throw new Error(`SQLite's memory is full: cannot hold a batch of ${bytes.length} bytes`);
    this.c.writeArrayToMemory(bytes, this.base);
  }

  free(): void {
    this.c._free(this.base);
  }
}
