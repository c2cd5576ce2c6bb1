/**
 * Sorting and filtering for the data table, apart from rendering: pure, so
 * the order and the filter are tested without a DOM.
 */
export type SortDirection = 'asc' | 'desc';

export interface SortState {
  columnId: string;
  direction: SortDirection;
}

export type SortValue = number | string | null | undefined;

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Numbers before text; empty/unavailable values last whatever the direction (they are not "smallest"). */
export function compareValues(a: SortValue, b: SortValue): number {
  const aEmpty = a === null || a === undefined || a === '';
  const bEmpty = b === null || b === undefined || b === '';
  if (aEmpty || bEmpty) return aEmpty === bEmpty ? 0 : aEmpty ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return collator.compare(a, b);
}

export function sortRows<R>(rows: readonly R[], sort: SortState | undefined, valueOf: (row: R, columnId: string) => SortValue): R[] {
  if (!sort) return [...rows];
  const sign = sort.direction === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((x, y) => {
      const a = valueOf(x.row, sort.columnId);
      const b = valueOf(y.row, sort.columnId);
      const aEmpty = a === null || a === undefined || a === '';
      const bEmpty = b === null || b === undefined || b === '';
      if (aEmpty || bEmpty) return aEmpty === bEmpty ? x.index - y.index : aEmpty ? 1 : -1;
      return sign * compareValues(a, b) || x.index - y.index;
    })
    .map(({ row }) => row);
}

/** Case-insensitive: every word of the filter must appear in one of the row's searchable texts. */
export function filterRows<R>(rows: readonly R[], filter: string, textsOf: (row: R) => readonly string[]): R[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...rows];
  return rows.filter((row) => {
    const haystack = textsOf(row).join('\u0000').toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

/** The next sort when a header is activated: ascending, then descending, then none. */
export function nextSort(current: SortState | undefined, columnId: string): SortState | undefined {
  if (!current || current.columnId !== columnId) return { columnId, direction: 'asc' };
  if (current.direction === 'asc') return { columnId, direction: 'desc' };
  return undefined;
}
