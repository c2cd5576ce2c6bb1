/**
 * The library's SQLite schema, versioned with `PRAGMA user_version` and
 * migrated forward on open. A library written by a newer app is refused
 * rather than damaged.
 */
import type { Database } from 'sql.js';
import { MODEL_TABLES, OTHER_TABLE } from './model-tables';

export const SCHEMA_VERSION = 1;

/** Columns every model table has: where the record came from and where its raw JSON is. */
const RECORD_COLUMNS = `
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  pkid TEXT NOT NULL,
  pkid_derived INTEGER NOT NULL,
  path_id INTEGER NOT NULL,
  raw_chunk INTEGER NOT NULL,
  raw_index INTEGER NOT NULL`;

function modelTableDdl(): string {
  const tables = MODEL_TABLES.map((t) => {
    const columns = t.columns.map((c) => `  ${c.column} ${c.kind === 'bool' ? 'INTEGER' : 'TEXT'}`).join(',\n');
    // UNIQUE (source_id, pkid) is the conflict rule of an import (a record already stored is not overwritten);
    // (source_id, path_id) serves "records of a customer" once paths are resolved.
    return `CREATE TABLE ${t.table} (${RECORD_COLUMNS},\n${columns},\n  UNIQUE (source_id, pkid));
CREATE INDEX ${t.table}_by_path ON ${t.table} (source_id, path_id);`;
  });
  tables.push(`CREATE TABLE ${OTHER_TABLE} (${RECORD_COLUMNS},
  model_type TEXT NOT NULL,
  export_type TEXT,
  fields TEXT NOT NULL,
  UNIQUE (source_id, model_type, pkid));
CREATE INDEX ${OTHER_TABLE}_by_path ON ${OTHER_TABLE} (source_id, path_id);`);
  return tables.join('\n');
}

const V1 = `
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- One platform snapshot: its Platform ID and Date Time, or failing those a hash of its content.
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  identity TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('dump', 'export', 'audit')),
  name TEXT NOT NULL,
  platform_id TEXT,
  date_time TEXT,
  meta TEXT NOT NULL,
  complete INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  archived_at TEXT
);

-- The import log: who imported what, when, with counts per type and findings.
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  input_path TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  tallies TEXT NOT NULL,
  findings TEXT NOT NULL,
  complete INTEGER NOT NULL
);
CREATE INDEX imports_by_source ON imports (source_id);

-- Every hierarchy path a record lives at, resolved to its owning customer, reseller and provider nodes (R2, R3).
CREATE TABLE paths (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  customer_path TEXT,
  reseller_path TEXT,
  provider_path TEXT,
  UNIQUE (source_id, path)
);
CREATE INDEX paths_by_customer ON paths (source_id, customer_path);

-- Raw instances as read, deflate-compressed JSON arrays of up to a batch of records, for the drill-down.
CREATE TABLE raw_chunks (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  data BLOB NOT NULL
);
CREATE INDEX raw_chunks_by_source ON raw_chunks (source_id);

-- Reported audits: an audit CSV (detailed or anonymous) as the platform wrote it.
CREATE TABLE audits (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  file TEXT NOT NULL,
  member TEXT NOT NULL,
  view TEXT NOT NULL,
  audit_version TEXT,
  header TEXT NOT NULL,
  verdict TEXT NOT NULL,
  UNIQUE (source_id, view)
);
CREATE TABLE audit_metadata (
  audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
  line INTEGER NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL
);
CREATE INDEX audit_metadata_by_audit ON audit_metadata (audit_id);
CREATE TABLE audit_rows (
  id INTEGER PRIMARY KEY,
  audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
  line INTEGER NOT NULL,
  row_key TEXT NOT NULL,
  provider TEXT,
  reseller TEXT,
  customer TEXT,
  provider_pkid TEXT,
  customer_pkid TEXT,
  UNIQUE (audit_id, row_key)
);
CREATE INDEX audit_rows_by_pkid ON audit_rows (customer_pkid);
CREATE TABLE audit_cells (
  row_id INTEGER NOT NULL REFERENCES audit_rows(id) ON DELETE CASCADE,
  column_name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (row_id, column_name)
) WITHOUT ROWID;
${modelTableDdl()}
`;

/** Each entry upgrades a library from `to - 1` to `to`. */
export const MIGRATIONS: ReadonlyArray<{ to: number; up(db: Database): void }> = [{ to: 1, up: (db) => db.exec(V1) }];

export class LibraryVersionError extends Error {}

export function schemaVersion(db: Database): number {
  const row = db.exec('PRAGMA user_version')[0]?.values[0]?.[0];
  return typeof row === 'number' ? row : 0;
}

/** Bring the schema to SCHEMA_VERSION inside one transaction. */
export function migrate(db: Database): { from: number; to: number } {
  const from = schemaVersion(db);
  if (from > SCHEMA_VERSION) {
    throw new LibraryVersionError(
      `the library was written by a newer VLF Audit Desk (schema ${from}, this version reads up to ${SCHEMA_VERSION}); update the app`,
    );
  }
  if (from === SCHEMA_VERSION) return { from, to: from };
  db.exec('BEGIN');
  try {
    for (const m of MIGRATIONS) if (m.to > from) m.up(db);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    db.exec('COMMIT');
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
  return { from, to: SCHEMA_VERSION };
}
