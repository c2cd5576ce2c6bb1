import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | undefined;
let loaded: SqlJsStatic | undefined;

/** sql.js, loaded once per process (its wasm sits beside its JS in node_modules). */
export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= initSqlJs().then((SQL) => (loaded = SQL));
  return loading;
}

/** sql.js once loadSqlJs has resolved: whoever holds a Database has it. */
export function loadedSqlJs(): SqlJsStatic {
  if (!loaded) throw new Error('sql.js is not loaded yet (loadSqlJs)');
  return loaded;
}

/**
 * Settings measured for bulk import into an in-memory database: the database
 * is saved by exporting it whole, so SQLite's own journal only has to support
 * ROLLBACK of an import (MEMORY), never crash recovery. The database file
 * itself lives in memory, so a large page cache would only hold a second copy
 * of it (16 MB cost no time against 256 MB and saves the difference in RSS).
 */
export function tune(db: Database): void {
  db.exec(`PRAGMA journal_mode = MEMORY;
PRAGMA synchronous = OFF;
PRAGMA temp_store = MEMORY;
PRAGMA cache_size = -16384;
PRAGMA foreign_keys = ON;`);
}

/** Rows of a query as plain objects. */
export function queryAll<T extends Record<string, unknown>>(db: Database, sql: string, params: Array<string | number | Uint8Array | null> = []): T[] {
  const stmt = db.prepare(sql);
  try {
    stmt.bind(params);
    const rows: T[] = [];
    while (stmt.step()) rows.push(stmt.getAsObject() as T);
    return rows;
  } finally {
    stmt.free();
  }
}
