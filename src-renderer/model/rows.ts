/**
 * Reading count rows for display: a cell by column, a row's label, and the
 * totals row. Kept apart from the table so charts, Compare and tests share it.
 */
import type { CellValue, CountRow, CountSummary } from '../../src-shared/engine/types';
import { FLAG_COLUMNS } from '../../src-shared/audit/columns';
import type { CountColumn } from './tiers';

export function cellOf(row: CountRow, column: CountColumn): CellValue {
  const record = column.source === 'legacy' ? row.legacy : row.summary;
  return (record as Record<string, CellValue | undefined>)[column.name] ?? null;
}

/** How a row is named on screen: the customer, or the provider for provider rows. */
export function rowLabel(row: CountRow): string {
  if (row.kind === 'customer') return row.customer || row.customerPkid || '(unnamed customer)';
  if (row.kind === 'provider') return `${row.provider || '(unnamed provider)'} — above customer level`;
  return '(no provider) — above any provider';
}

export function isUnavailable(summary: Pick<CountSummary, 'unavailable'>, column: CountColumn): boolean {
  return summary.unavailable.includes(column.name);
}

/**
 * The totals row: counts add up; flag columns show how many rows say `Y`;
 * a column the source cannot support stays unavailable (null), never 0.
 */
export function totalsOf(rows: readonly CountRow[], columns: readonly CountColumn[], unavailable: readonly string[]): Map<string, CellValue> {
  const totals = new Map<string, CellValue>();
  for (const column of columns) {
    if (unavailable.includes(column.name)) {
      totals.set(column.id, null);
      continue;
    }
    let sum = 0;
    let anyValue = false;
    for (const row of rows) {
      const v = cellOf(row, column);
      if (typeof v === 'number') {
        sum += v;
        anyValue = true;
      } else if (v === 'Y') {
        sum += 1;
        anyValue = true;
      } else if (v === 'N') anyValue = true;
    }
    totals.set(column.id, anyValue || rows.length === 0 ? sum : null);
  }
  return totals;
}

export function isFlagColumn(column: CountColumn): boolean {
  return column.source === 'legacy' && FLAG_COLUMNS.has(column.name);
}
