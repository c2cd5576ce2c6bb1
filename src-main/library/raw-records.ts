/**
 * The drill-down's "show the record": a stored instance as it was read, from
 * its batch in `raw_chunks` (deflated JSON arrays, one per stored batch).
 */
import { inflateRawSync } from 'node:zlib';
import type { Database } from 'sql.js';
import { OTHER_TABLE, TABLE_BY_MODEL_TYPE } from './model-tables';
import { storedPkid } from './prepare-row';
import { queryAll } from './sql';

/** The record's JSON (pretty-printed), or null when the source has no such record. */
export function rawRecord(db: Database, sourceId: number, modelType: string, pkid: string): { json: string } | null {
  const table = TABLE_BY_MODEL_TYPE.get(modelType);
  const where = table ? 'source_id = ? AND pkid = ?' : 'source_id = ? AND pkid = ? AND model_type = ?';
  // VOSS pkids are stored as their 12 bytes (storedPkid).
  const stored = storedPkid(pkid);
  const params: Array<string | number | Uint8Array> = table ? [sourceId, stored] : [sourceId, stored, modelType];
  const hit = queryAll<{ raw_chunk: number; raw_index: number }>(db, `SELECT raw_chunk, raw_index FROM ${table ? table.table : OTHER_TABLE} WHERE ${where}`, params)[0];
  if (!hit) return null;
  const chunk = queryAll<{ data: Uint8Array }>(db, 'SELECT data FROM raw_chunks WHERE id = ?', [hit.raw_chunk])[0];
  if (!chunk) return null;
  const records = JSON.parse(inflateRawSync(chunk.data).toString('utf8')) as unknown[];
  const record = records[hit.raw_index];
  return record === undefined ? null : { json: JSON.stringify(record, null, 2) };
}
