/**
 * Paging for tables over a query that may hold a million rows: which pages a
 * visible range needs, and a bounded cache of fetched pages, so scrolling
 * never loads everything and memory stays flat.
 */
export const PAGE_SIZE = 200;

/** Page numbers covering rows `start..end` (inclusive), plus one page either side to scroll into. */
export function pagesFor(start: number, end: number, total: number, pageSize = PAGE_SIZE): number[] {
  if (total <= 0 || end < start) return [];
  const lastPage = Math.floor((total - 1) / pageSize);
  const from = Math.max(0, Math.floor(start / pageSize) - 1);
  const to = Math.min(lastPage, Math.floor(end / pageSize) + 1);
  const pages: number[] = [];
  for (let p = from; p <= to; p += 1) pages.push(p);
  return pages;
}

/** Pages by number; the least recently used go first once `maxPages` is reached. */
export class PageCache<T> {
  private readonly pages = new Map<number, T[]>();
  constructor(
    private readonly pageSize = PAGE_SIZE,
    private readonly maxPages = 50,
  ) {}

  has(page: number): boolean {
    return this.pages.has(page);
  }

  put(page: number, rows: T[]): void {
    this.pages.delete(page);
    this.pages.set(page, rows);
    while (this.pages.size > this.maxPages) {
      const oldest = this.pages.keys().next().value;
      if (oldest === undefined) break;
      this.pages.delete(oldest);
    }
  }

  row(index: number): T | undefined {
    const page = Math.floor(index / this.pageSize);
    const rows = this.pages.get(page);
    if (!rows) return undefined;
    // Reading a page marks it recently used.
    this.pages.delete(page);
    this.pages.set(page, rows);
    return rows[index - page * this.pageSize];
  }

  get size(): number {
    return this.pages.size;
  }
}
