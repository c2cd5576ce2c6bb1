/**
 * Recount vs a reported audit CSV (cli.md `diff`): every cell that differs,
 * with the records behind the recounted number (R91). Rows are matched by
 * Customer PKID; provider rows (blank PKID) by Provider PKID (v5) or provider
 * name (detailed legacy), else by their order among provider rows.
 */
import { CUSTOMER_PKID, PROVIDER_PKID, resolveColumnSet } from '../audit/columns';
import type { AuditCsv } from '../audit/csv';
import type { CellDifference, CellValue, CountDiff, CountRow, CountSession } from './types';

export function diffAgainstReported(session: CountSession, reported: Pick<AuditCsv, 'header' | 'rows'>): CountDiff {
  const columns = resolveColumnSet(reported.header);
  const at = (name: string) => reported.header.indexOf(name);
  const pkidAt = at(CUSTOMER_PKID);
  const providerPkidAt = at(PROVIDER_PKID);
  const providerAt = at('Provider');
  const written = session.summary.rows.filter((r) => r.written);
  const customers = new Map(written.filter((r) => r.customerPkid).map((r) => [r.customerPkid.toLowerCase(), r]));
  const providerRows = written.filter((r) => !r.customerPkid);
  const matched = new Set<CountRow>();
  const differences: CellDifference[] = [];
  const rowsOnlyInReported: string[] = [];
  let providerOrdinal = 0;

  for (const line of reported.rows) {
    if (line.fields.length !== reported.header.length) continue; // V10 reports it; a short row has no cells to compare
    const field = (i: number) => (i >= 0 ? line.fields[i]!.trim() : '');
    const pkid = field(pkidAt);
    let row: CountRow | undefined;
    if (pkid) row = customers.get(pkid.toLowerCase());
    else {
      const providerPkid = field(providerPkidAt);
      const provider = field(providerAt);
      row =
        providerPkidAt >= 0
          ? providerRows.find((r) => !matched.has(r) && r.providerPkid === providerPkid)
          : providerAt >= 0
            ? providerRows.find((r) => !matched.has(r) && r.provider === provider)
            : providerRows[providerOrdinal];
      providerOrdinal += 1;
    }
    if (!row) {
      rowsOnlyInReported.push(pkid || field(providerAt) || field(providerPkidAt) || `line ${line.line}`);
      continue;
    }
    matched.add(row);
    for (const column of columns.valueColumns) {
      const recounted = cellOf(row, column);
      if (recounted === undefined || recounted === null) continue; // not a column we count, or not available from this source
      const reportedText = field(at(column));
      if (sameCell(reportedText, recounted)) continue;
      differences.push({
        rowKey: row.key,
        customerPkid: row.customerPkid,
        customer: row.customer || row.provider,
        column,
        reported: reportedText,
        recounted,
        records: session.explain(row.key, column),
      });
    }
  }
  const rowsOnlyInRecount = written.filter((r) => !matched.has(r)).map((r) => r.customerPkid || r.provider || '(no provider)');
  return { differences, rowsOnlyInReported, rowsOnlyInRecount };
}

function cellOf(row: CountRow, column: string): CellValue | undefined {
  if (column in row.legacy) return row.legacy[column as keyof CountRow['legacy']];
  if (column in row.summary) return row.summary[column as keyof CountRow['summary']];
  return undefined;
}

function sameCell(reported: string, recounted: Exclude<CellValue, null>): boolean {
  if (typeof recounted === 'number') return reported !== '' && Number(reported) === recounted;
  return reported.toUpperCase() === recounted;
}
