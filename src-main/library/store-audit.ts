/**
 * A reported audit (an audit CSV as the platform wrote it) stored as its
 * metadata lines, rows and cells, so a computed audit can later be compared
 * cell by cell. Rows are stored under their row keys (row-keys.ts).
 */
import type { Database } from 'sql.js';
import { CUSTOMER_PKID, PROVIDER_PKID } from '../../src-shared/audit/columns';
import { auditRowKeys } from '../../src-shared/audit/row-keys';
import type { TypeTally } from '../../src-shared/ingest/types';
import type { CsvDocument } from '../../src-shared/verify/csv-document';
import type { Verdict } from '../../src-shared/verify/findings';
import { queryAll } from './sql';

export function auditModelType(doc: CsvDocument): string {
  return `audit/${doc.kind}`;
}

/**
 * Store one audit CSV; if this snapshot already holds an audit of the same
 * view, every row is a conflict. `view` is the CSV's kind for a reported
 * audit, `computed-legacy` / `computed-v5` for the engine's own count.
 */
export function storeAudit(db: Database, sourceId: number, doc: CsvDocument, verdict: Verdict, tally: TypeTally, view: string = doc.kind): void {
  const rows = doc.csv.rows.filter((r) => r.fields.length === doc.csv.header.length);
  tally.read += rows.length;
  tally.skipped += doc.csv.rows.length - rows.length;
  const exists = queryAll(db, 'SELECT id FROM audits WHERE source_id = ? AND view = ?', [sourceId, view]).length > 0;
  if (exists) {
    tally.conflicts += rows.length;
    return;
  }
  db.run('INSERT INTO audits (source_id, file, member, view, audit_version, header, verdict) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    sourceId,
    doc.file,
    doc.member,
    view,
    doc.auditVersion?.text ?? null,
    JSON.stringify(doc.csv.header),
    verdict,
  ]);
  const auditId = Number(queryAll<{ id: number }>(db, 'SELECT last_insert_rowid() AS id')[0]!.id);
  for (const m of doc.csv.metadata) db.run('INSERT INTO audit_metadata (audit_id, line, key, value) VALUES (?, ?, ?, ?)', [auditId, m.line, m.key, m.value]);

  const header = doc.csv.header;
  const at = (name: string) => header.indexOf(name);
  const [provider, reseller, customer, providerPkid, customerPkid] = ['Provider', 'Reseller', 'Customer', PROVIDER_PKID, CUSTOMER_PKID].map(at) as [number, number, number, number, number];
  const valueColumns = doc.columns.valueColumns.map((c) => [c, at(c)] as const).filter(([, i]) => i >= 0);
  const keys = auditRowKeys(header, rows);
  const insertRow = db.prepare('INSERT OR IGNORE INTO audit_rows (audit_id, line, row_key, provider, reseller, customer, provider_pkid, customer_pkid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insertCell = db.prepare('INSERT INTO audit_cells (row_id, column_name, value) VALUES (?, ?, ?)');
  const cell = (fields: string[], i: number) => (i >= 0 ? fields[i]! : null);
  try {
    for (const [k, row] of rows.entries()) {
      const pkid = cell(row.fields, customerPkid);
      insertRow.run([auditId, row.line, keys[k]!, cell(row.fields, provider), cell(row.fields, reseller), cell(row.fields, customer), cell(row.fields, providerPkid), pkid]);
      if (db.getRowsModified() === 0) {
        // The same Customer PKID twice in one file (V12 fails it): the first row stands.
        tally.conflicts += 1;
        continue;
      }
      tally.stored += 1;
      const rowId = Number(queryAll<{ id: number }>(db, 'SELECT last_insert_rowid() AS id')[0]!.id);
      for (const [column, i] of valueColumns) insertCell.run([rowId, column, row.fields[i]!]);
    }
  } finally {
    insertRow.free();
    insertCell.free();
  }
}
