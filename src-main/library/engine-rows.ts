/**
 * A library source's records as the counting engine reads them: the typed
 * columns of each model table, with each record's path — the same values the
 * import stored, so a recount equals the count from the file (R90).
 */
import type { Database } from 'sql.js';
import type { EngineRow } from '../../src-shared/engine/input';
import { MODEL_TABLES } from './model-tables';

/** Rows of one source, per model table, to `visit` a batch at a time. */
export function forEachEngineRow(db: Database, sourceId: number, visit: (row: EngineRow) => void): number {
  let n = 0;
  for (const table of MODEL_TABLES) {
    const columns = table.columns.map((c) => `m.${c.column}`).join(', ');
    const stmt = db.prepare(`SELECT m.pkid, m.pkid_derived, p.path, ${columns} FROM ${table.table} m JOIN paths p ON p.id = m.path_id WHERE m.source_id = ? ORDER BY m.id`);
    try {
      stmt.bind([sourceId]);
      while (stmt.step()) {
        const values = stmt.get() as Array<string | number | null>;
        visit({ modelType: table.modelType, pkid: String(values[0]), pkidDerived: values[1] === 1, path: String(values[2]), values: values.slice(3) });
        n += 1;
      }
    } finally {
      stmt.free();
    }
  }
  return n;
}
