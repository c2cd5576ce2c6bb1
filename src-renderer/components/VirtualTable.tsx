/**
 * The one data table: virtualized rows (only what is on screen is in the
 * DOM, so 1M rows cost the same as 100), sticky header with column groups, an
 * optional sticky totals row, pinned first columns, sort by header, and a
 * keyboard model of a spreadsheet: arrows move the active cell, Home/End and
 * PageUp/PageDown jump, Enter opens the cell.
 *
 * The table does not own its rows: `rowAt(i)` may return undefined for a row
 * not loaded yet (paged queries), drawn as a placeholder; `onVisibleRange`
 * tells the owner which rows to fetch.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { SortState, SortValue } from '../model/table-data';

export interface TableColumn<R> {
  id: string;
  header: string;
  /** Header tooltip: the full column name when the header is shortened. */
  title?: string;
  /** Column group shown above the headers; consecutive columns of one group share a band. */
  group?: string;
  width: number;
  align?: 'left' | 'right';
  /** Stays in view while scrolling sideways (the row's name). */
  pinned?: boolean;
  render(row: R): ReactNode;
  /** Sortable when given. */
  sortValue?(row: R): SortValue;
  cellTitle?(row: R): string | undefined;
  cellClass?(row: R): string | undefined;
  /** Whether Enter / a click on this cell opens something. */
  openable?: boolean | ((row: R) => boolean);
}

export interface TableTotals {
  label: string;
  cell(columnId: string): ReactNode;
  cellTitle?(columnId: string): string | undefined;
}

export interface VirtualTableProps<R> {
  /** Accessible name of the grid. */
  label: string;
  columns: ReadonlyArray<TableColumn<R>>;
  rowCount: number;
  rowAt(index: number): R | undefined;
  rowKey(row: R | undefined, index: number): string;
  rowClass?(row: R): string | undefined;
  sort?: SortState | undefined;
  onSort?(columnId: string): void;
  totals?: TableTotals | undefined;
  onOpen?(row: R, column: TableColumn<R>): void;
  onVisibleRange?(start: number, end: number): void;
  /** The active row changed (keyboard or click): toolbars act on it. */
  onActiveRow?(row: R | undefined, index: number): void;
  rowHeight?: number;
  /** Header row height; long column names wrap onto two lines when it is above 30. */
  headerHeight?: number;
  /** The table grows with its rows up to this height, then scrolls (a 3-row table does not fill the screen). */
  maxHeight?: number;
  emptyMessage?: string;
  testId?: string;
}


function isOpenable<R>(column: TableColumn<R>, row: R): boolean {
  return typeof column.openable === 'function' ? column.openable(row) : column.openable === true;
}

export function VirtualTable<R>(props: VirtualTableProps<R>) {
  const { columns, rowCount, rowAt, rowHeight = 28, headerHeight: HEADER_ROW = 30, maxHeight = 520 } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState({ row: 0, col: 0 });
  const gridId = useId();

  const template = columns.map((c) => `${c.width}px`).join(' ');
  const totalWidth = columns.reduce((n, c) => n + c.width, 0);
  const pinnedLeft = useMemo(() => {
    const lefts: Array<number | undefined> = [];
    let left = 0;
    for (const c of columns) {
      lefts.push(c.pinned ? left : undefined);
      if (c.pinned) left += c.width;
    }
    return lefts;
  }, [columns]);

  const groups = useMemo(() => {
    const bands: Array<{ name: string; span: number; start: number }> = [];
    columns.forEach((c, i) => {
      const name = c.group ?? '';
      const last = bands[bands.length - 1];
      if (last && last.name === name) last.span += 1;
      else bands.push({ name, span: 1, start: i + 1 });
    });
    return bands.some((b) => b.name) ? bands : [];
  }, [columns]);

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    scrollPaddingStart: HEADER_ROW + (groups.length ? 30 : 0),
    scrollPaddingEnd: props.totals ? rowHeight : 0,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  const { onVisibleRange } = props;
  useEffect(() => {
    if (last >= first) onVisibleRange?.(first, last);
  }, [first, last, onVisibleRange]);

  // Rows may shrink under the active cell (a filter): keep it inside the table.
  const row = Math.min(active.row, Math.max(0, rowCount - 1));
  const col = Math.min(active.col, Math.max(0, columns.length - 1));
  const cellId = (r: number, c: number) => `${gridId}-r${r}-c${c}`;

  const { onActiveRow } = props;
  const activeRow = rowCount ? rowAt(row) : undefined;
  useEffect(() => {
    onActiveRow?.(activeRow, row);
  }, [activeRow, row, onActiveRow]);

  function move(nextRow: number, nextCol: number) {
    const r = Math.max(0, Math.min(rowCount - 1, nextRow));
    const c = Math.max(0, Math.min(columns.length - 1, nextCol));
    setActive({ row: r, col: c });
    virtualizer.scrollToIndex(r, { align: 'auto' });
    // Sideways: bring the cell into view once it is rendered.
    requestAnimationFrame(() => document.getElementById(cellId(r, c))?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' }));
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (!rowCount) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight) - 2);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(row + 1, col),
      ArrowUp: () => move(row - 1, col),
      ArrowRight: () => move(row, col + 1),
      ArrowLeft: () => move(row, col - 1),
      PageDown: () => move(row + page, col),
      PageUp: () => move(row - page, col),
      Home: () => (e.ctrlKey || e.metaKey ? move(0, 0) : move(row, 0)),
      End: () => (e.ctrlKey || e.metaKey ? move(rowCount - 1, columns.length - 1) : move(row, columns.length - 1)),
      Enter: () => {
        const r = rowAt(row);
        const c = columns[col];
        if (r !== undefined && c && isOpenable(c, r)) props.onOpen?.(r, c);
      },
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  }

  const headHeight = HEADER_ROW + (groups.length ? 30 : 0);
  const fitted = headHeight + Math.max(rowCount, 3) * rowHeight + (props.totals ? rowHeight : 0) + 4;
  const pinStyle = (i: number) => (pinnedLeft[i] !== undefined ? { position: 'sticky' as const, left: pinnedLeft[i], zIndex: 1 } : undefined);

  return (
    <div
      ref={scrollRef}
      className="vt"
      role="grid"
      aria-label={props.label}
      aria-rowcount={rowCount + 1}
      aria-colcount={columns.length}
      aria-activedescendant={rowCount ? cellId(row, col) : undefined}
      tabIndex={0}
      style={{ height: Math.min(maxHeight, fitted) }}
      onKeyDown={onKeyDown}
      data-testid={props.testId}
    >
      <div className="vt-inner" style={{ width: totalWidth }}>
        <div className="vt-head" role="rowgroup">
          {groups.length > 0 && (
            <div className="vt-row vt-groups" style={{ gridTemplateColumns: template, height: 30 }} aria-hidden="true">
              {groups.map((g, i) => (
                <div
                  key={`${g.name}-${g.start}`}
                  className={`vt-group ${g.name ? `group-${g.name.replace(/[^a-z]+/gi, '-').toLowerCase()}` : ''}`}
                  style={{ gridColumn: `${g.start} / span ${g.span}`, ...(i === 0 && pinnedLeft[0] !== undefined ? { position: 'sticky', left: 0, zIndex: 2 } : {}) }}
                >
                  {g.name}
                </div>
              ))}
            </div>
          )}
          <div className="vt-row vt-headers" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template, height: HEADER_ROW }}>
            {columns.map((c, i) => {
              const sorted = props.sort?.columnId === c.id ? props.sort.direction : undefined;
              return (
                <div
                  key={c.id}
                  role="columnheader"
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                  className={`vt-th ${c.align === 'right' ? 'num' : ''}`}
                  title={c.title ?? c.header}
                  style={pinStyle(i)}
                >
                  {c.sortValue && props.onSort ? (
                    <button type="button" className="vt-sort" onClick={() => props.onSort?.(c.id)} tabIndex={-1}>
                      <span className="vt-th-text">{c.header}</span>
                      <span className="vt-sort-mark" aria-hidden="true">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}</span>
                    </button>
                  ) : (
                    <span className="vt-th-text">{c.header}</span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div className="vt-body" role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const r = rowAt(item.index);
            return (
              <div
                key={props.rowKey(r, item.index)}
                role="row"
                aria-rowindex={item.index + 2}
                className={`vt-row vt-data ${item.index === row ? 'active-row' : ''} ${r !== undefined ? (props.rowClass?.(r) ?? '') : 'loading'}`}
                style={{ gridTemplateColumns: template, height: rowHeight, transform: `translateY(${item.start}px)` }}
              >
                {columns.map((c, ci) => {
                  const isActive = item.index === row && ci === col;
                  const openable = r !== undefined && isOpenable(c, r);
                  return (
                    <div
                      key={c.id}
                      id={cellId(item.index, ci)}
                      role="gridcell"
                      aria-selected={isActive}
                      className={`vt-td ${c.align === 'right' ? 'num' : ''} ${isActive ? 'active' : ''} ${openable ? 'openable' : ''} ${r !== undefined ? (c.cellClass?.(r) ?? '') : ''}`}
                      title={r !== undefined ? c.cellTitle?.(r) : undefined}
                      style={pinStyle(ci)}
                      onClick={() => {
                        setActive({ row: item.index, col: ci });
                        if (openable) props.onOpen?.(r, c);
                      }}
                    >
                      {r !== undefined ? c.render(r) : ci === 0 ? '…' : ''}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
        {props.totals && (
          <div className="vt-row vt-totals" role="row" aria-rowindex={rowCount + 2} style={{ gridTemplateColumns: template, height: rowHeight }}>
            {columns.map((c, i) => (
              <div key={c.id} role="gridcell" className={`vt-td ${c.align === 'right' ? 'num' : ''}`} style={pinStyle(i)} title={props.totals?.cellTitle?.(c.id)}>
                {i === 0 ? props.totals?.label : props.totals?.cell(c.id)}
              </div>
            ))}
          </div>
        )}
      </div>
      {rowCount === 0 && <div className="vt-empty">{props.emptyMessage ?? 'No rows.'}</div>}
    </div>
  );
}
