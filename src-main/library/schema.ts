/**
 * The library's SQLite schema, versioned with `PRAGMA user_version` and
 * migrated forward on open. A library written by a newer app is refused
 * rather than damaged.
 */
import type { Database } from 'sql.js';
import { MODEL_TABLES, OTHER_TABLE } from './model-tables';
import { storedPkidSql } from './prepare-row';

export const SCHEMA_VERSION = 3;

/**
 * Columns every model table has: where the record came from and where its raw
 * JSON is. From v2 a VOSS pkid is stored as its 12 bytes, any other as text
 * (prepare-row.ts, storedPkid); TEXT affinity leaves a blob a blob.
 */
const RECORD_COLUMNS = `
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  pkid TEXT NOT NULL,
  pkid_derived INTEGER NOT NULL,
  path_id INTEGER NOT NULL,
  raw_chunk INTEGER NOT NULL,
  raw_index INTEGER NOT NULL`;

/** A model table's own columns, after the record columns (m_other: its model type, export type and fields JSON). */
function fieldColumnsDdl(table: string): string {
  const model = MODEL_TABLES.find((t) => t.table === table);
  if (!model) return '  model_type TEXT NOT NULL,\n  export_type TEXT,\n  fields TEXT NOT NULL';
  return model.columns.map((c) => `  ${c.column} ${c.kind === 'bool' ? 'INTEGER' : 'TEXT'}`).join(',\n');
}

/** Every model table: one per model type the rules read, and m_other. */
export const MODEL_TABLE_NAMES: readonly string[] = [...MODEL_TABLES.map((t) => t.table), OTHER_TABLE];

/** What makes two records of a model table the same record of a snapshot (the conflict rule of an import). */
export function recordKeyColumns(table: string): readonly string[] {
  return table === OTHER_TABLE ? ['source_id', 'model_type', 'pkid'] : ['source_id', 'pkid'];
}

export interface TableIndex {
  name: string;
  create: string;
}

/**
 * A model table's record key as a UNIQUE index of its own rather than a
 * table constraint (as in v1), so that an import into an empty table can drop
 * it and build it once at the end: building it from the loaded rows costs a
 * fraction of keeping it up to date row by row (pkids are random, so each
 * insert lands on a random page).
 */
export function recordKeyIndex(table: string): TableIndex {
  return { name: `${table}_by_key`, create: `CREATE UNIQUE INDEX ${table}_by_key ON ${table} (${recordKeyColumns(table).join(', ')})` };
}

/**
 * v1 and v2's "records of a customer" index. No query ever used it (the
 * engine reads a source's rows by id, the drill-down by record key), and
 * keeping it up to date cost the import a B-tree insert per row and the
 * library 7% of its size (80 MB at 1,000,000 users): v3 drops it.
 */
function pathIndexV2(table: string): TableIndex {
  return { name: `${table}_by_path`, create: `CREATE INDEX ${table}_by_path ON ${table} (source_id, path_id)` };
}

/** v1's model tables: the record key as a table constraint. Kept as written then, for the v1 → v2 migration of new libraries. */
function modelTableDdlV1(): string {
  return MODEL_TABLE_NAMES.map(
    (table) => `CREATE TABLE ${table} (${RECORD_COLUMNS},\n${fieldColumnsDdl(table)},\n  UNIQUE (${recordKeyColumns(table).join(', ')}));
CREATE INDEX ${table}_by_path ON ${table} (source_id, path_id);`,
  ).join('\n');
}

/**
 * v1 → v2: each model table is rebuilt without its UNIQUE constraint (SQLite
 * cannot drop one) and gets the same rule as a named UNIQUE index; VOSS
 * pkids become their 12 bytes (prepare-row.ts, storedPkid). Rows and their
 * ids are kept.
 */
function migrateToV2(db: Database): void {
  for (const table of MODEL_TABLE_NAMES) {
    db.exec(`DROP INDEX ${table}_by_path;
ALTER TABLE ${table} RENAME TO ${table}_v1;
CREATE TABLE ${table} (${RECORD_COLUMNS},\n${fieldColumnsDdl(table)});
INSERT INTO ${table} SELECT * FROM ${table}_v1;
DROP TABLE ${table}_v1;
UPDATE ${table} SET pkid = ${storedPkidSql('pkid')};
${recordKeyIndex(table).create};
${pathIndexV2(table).create};`);
  }
}

/** v2 → v3: the unused path indexes go (pathIndexV2). */
function migrateToV3(db: Database): void {
  for (const table of MODEL_TABLE_NAMES) db.exec(`DROP INDEX IF EXISTS ${pathIndexV2(table).name}`);
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
${modelTableDdlV1()}
`;

/** Each entry upgrades a library from `to - 1` to `to`. */
export const MIGRATIONS: ReadonlyArray<{ to: number; up(db: Database): void }> = [
  { to: 1, up: (db) => db.exec(V1) },
  { to: 2, up: migrateToV2 },
  { to: 3, up: migrateToV3 },
];

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
