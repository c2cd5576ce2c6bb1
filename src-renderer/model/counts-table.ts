/**
 * The Counts table's rows and columns as data: which rows match the filter,
 * how a cell sorts, and the CSV of what is on screen (export).
 */
import type { CountRow, CountSummary } from '../../src-shared/engine/types';
import { formatCell } from './format';
import { cellOf, rowLabel } from './rows';
import { filterRows, type SortState, sortRows, type SortValue } from './table-data';
import type { CountColumn } from './tiers';

export const NAME_COLUMN_ID = 'name';

export function sortValueOf(row: CountRow, columnId: string, columns: readonly CountColumn[]): SortValue {
  if (columnId === NAME_COLUMN_ID) return rowLabel(row);
  if (columnId === 'reseller') return row.reseller;
  const column = columns.find((c) => c.id === columnId);
  if (!column) return undefined;
  const v = cellOf(row, column);
  return v === 'Y' ? 1 : v === 'N' ? 0 : v;
}

/** Rows the table shows: provider rows R101 leaves out of the files are hidden unless asked for. */
export function visibleRows(summary: CountSummary, filter: string, sort: SortState | undefined, columns: readonly CountColumn[], showUnwritten = false): CountRow[] {
  const rows = summary.rows.filter((r) => showUnwritten || r.written || r.kind === 'customer');
  const filtered = filterRows(rows, filter, (r) => [r.customer, r.reseller, r.provider, r.customerPkid, r.kind]);
  return sortRows(filtered, sort, (r, id) => sortValueOf(r, id, columns));
}

function field(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** What is on screen as CSV: unavailable cells written as `n/a`, like the table shows them. */
export function countsCsv(rows: readonly CountRow[], columns: readonly CountColumn[]): string {
  const lines = [['Row', 'Kind', 'Provider', 'Reseller', 'Customer', 'Customer PKID', ...columns.map((c) => c.name)].map(field).join(',')];
  for (const r of rows) {
    lines.push([rowLabel(r), r.kind, r.provider, r.reseller, r.customer, r.customerPkid, ...columns.map((c) => formatCell(cellOf(r, c)).replace(/,/g, ''))].map(field).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
