/**
 * Counts: one row per customer (provider rows marked), the 35 legacy columns
 * and the summary counts grouped by license tier, a totals row, sort and
 * filter; a click on a count opens the records behind it (Explain), on a name
 * the Customer view. Unavailable cells say "n/a" with the reason, never 0.
 */
import { useMemo, useState } from 'react';
import type { CountRow, CountSummary } from '../../src-shared/engine/types';
import { call } from '../api/client';
import { LicenseMixChart, PlatformMixChart } from '../components/Charts';
import { ErrorBanner } from '../components/ErrorBanner';
import { FilterInput } from '../components/FilterInput';
import { EmptyState, Toolbar, ViewHeader } from '../components/Toolbar';
import { type TableColumn, VirtualTable } from '../components/VirtualTable';
import { useExportRequest } from '../components/use-export';
import { countsCsv, NAME_COLUMN_ID, visibleRows } from '../model/counts-table';
import type { CellDrill } from '../model/drill';
import { formatCell } from '../model/format';
import { cellOf, isFlagColumn, rowLabel, totalsOf } from '../model/rows';
import { licenseMixPerCustomer, platformMix } from '../model/series';
import { nextSort, type SortState } from '../model/table-data';
import { type ColumnGroupName, countColumnGroups, type CountColumn } from '../model/tiers';
import { useCount } from '../stores/count';
import { useNav } from '../stores/nav';

export const UNAVAILABLE_TITLE = 'n/a: this source cannot tell this count (platform-dump.md §3), so it is not shown as 0.';

export function cellDrill(row: CountRow, column: CountColumn): CellDrill {
  return { kind: 'cell', rowKey: row.key, column: column.name, rowLabel: rowLabel(row) };
}

export function countColumnsFor(summary: CountSummary, groups: ReadonlySet<ColumnGroupName>): Array<TableColumn<CountRow>> {
  const name: TableColumn<CountRow> = {
    id: NAME_COLUMN_ID,
    header: 'Customer',
    width: 240,
    pinned: true,
    render: (r) => (
      <span className="row-name">
        {r.kind !== 'customer' && <span className="tag tag-provider">provider</span>}
        {rowLabel(r)}
      </span>
    ),
    sortValue: (r) => rowLabel(r),
    cellTitle: (r) => `${rowLabel(r)}${r.customerPkid ? ` — ${r.customerPkid}` : ''}. Enter opens the customer.`,
    openable: true,
  };
  const counts = countColumnGroups()
    .filter((g) => groups.has(g.name))
    .flatMap((g) => g.columns)
    .map<TableColumn<CountRow>>((c) => {
      const unavailable = summary.unavailable.includes(c.name);
      return {
        id: c.id,
        header: c.name,
        title: `${c.name} (${c.group})`,
        group: c.group,
        width: isFlagColumn(c) ? 80 : 110,
        align: 'right',
        render: (r) => formatCell(cellOf(r, c)),
        sortValue: (r) => {
          const v = cellOf(r, c);
          return v === 'Y' ? 1 : v === 'N' ? 0 : v;
        },
        cellTitle: (r) => (unavailable || cellOf(r, c) === null ? UNAVAILABLE_TITLE : `${c.name}: ${formatCell(cellOf(r, c))} — Enter shows the records counted here`),
        cellClass: (r) => (cellOf(r, c) === null ? 'na' : cellOf(r, c) === 0 ? 'zero' : undefined),
        openable: (r) => cellOf(r, c) !== null && !isFlagColumn(c),
      };
    });
  return [name, ...counts];
}

const ALL_GROUPS: readonly ColumnGroupName[] = ['Essential', 'Premium', 'Contact Center', 'Info', 'Summary (v5)'];

export function CountsView() {
  const { summary, status, error, label, origin } = useCount();
  const go = useNav((s) => s.go);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortState | undefined>();
  const [groups, setGroups] = useState<ReadonlySet<ColumnGroupName>>(new Set(ALL_GROUPS));

  const columns = useMemo(() => (summary ? countColumnsFor(summary, groups) : []), [summary, groups]);
  const countCols = useMemo(() => countColumnGroups().flatMap((g) => g.columns).filter((c) => groups.has(c.group)), [groups]);
  const rows = useMemo(() => (summary ? visibleRows(summary, filter, sort, countCols) : []), [summary, filter, sort, countCols]);
  const totals = useMemo(() => (summary ? totalsOf(rows, countCols, summary.unavailable) : new Map()), [rows, countCols, summary]);
  const mix = useMemo(() => (summary ? licenseMixPerCustomer(summary) : []), [summary]);
  const platform = useMemo(() => (summary ? platformMix(summary) : []), [summary]);

  useExportRequest(() => {
    if (summary) void call('export/save', { suggestedName: 'counts.csv', content: countsCsv(rows, countCols), filters: [{ name: 'CSV', extensions: ['csv'] }] }, { action: 'Export counts' }).catch(() => undefined);
  });

  function open(row: CountRow, column: TableColumn<CountRow>) {
    if (column.id === NAME_COLUMN_ID) {
      go({ view: 'customer', rowKey: row.key });
      return;
    }
    const c = countCols.find((x) => x.id === column.id);
    if (c) go({ view: 'explain', drill: cellDrill(row, c) });
  }

  const subtitle = origin?.kind === 'reported' ? `Reported by the platform · ${label}` : origin?.kind === 'recount' ? `Recounted · ${label}` : undefined;
  return (
    <section className="view" aria-labelledby="counts-title">
      <ViewHeader title="Counts" subtitle={subtitle} />
      {status === 'loading' && <p className="muted" role="status">Loading counts…</p>}
      {error && <ErrorBanner error={error} action={<button type="button" onClick={() => go({ view: 'verify' })}>Go to Verify</button>} />}
      {!summary && status !== 'loading' && !error && (
        <EmptyState title="No counts open">
          <p>Open a reported audit or a platform dump from the Library (Alt+1).</p>
        </EmptyState>
      )}
      {summary && status === 'ready' && (
        <>
          <Toolbar>
            <FilterInput value={filter} onChange={setFilter} placeholder="Filter customers, resellers, PKIDs…" label="Filter rows" />
            <span className="muted">
              {rows.length} of {summary.rows.length} rows
            </span>
            <span className="sep" />
            <span className="muted">Column groups:</span>
            {ALL_GROUPS.map((g) => (
              <label key={g} className="check">
                <input
                  type="checkbox"
                  checked={groups.has(g)}
                  onChange={(e) => {
                    const next = new Set(groups);
                    if (e.target.checked) next.add(g);
                    else next.delete(g);
                    setGroups(next);
                  }}
                />{' '}
                {g}
              </label>
            ))}
          </Toolbar>
          {!summary.complete && <p className="warn-line">This source is incomplete (the reader or the verification found errors): these counts are not trustworthy.</p>}
          {summary.notes.map((n, i) => (
            <p key={i} className="warn-line">
              {n.rule}: {n.message}
            </p>
          ))}
          <VirtualTable
            label="Counts per customer"
            testId="counts-table"
            columns={columns}
            rowCount={rows.length}
            rowAt={(i) => rows[i]}
            rowKey={(r, i) => r?.key ?? String(i)}
            rowClass={(r) => (r.kind !== 'customer' ? 'provider-row' : undefined)}
            sort={sort}
            onSort={(id) => setSort(nextSort(sort, id))}
            totals={{
              label: `Total (${rows.length} rows)`,
              cell: (id) => formatCell(totals.get(id)),
              cellTitle: (id) => (totals.get(id) === null ? UNAVAILABLE_TITLE : 'Sum of the rows shown; flag columns count the rows marked Y'),
            }}
            onOpen={open}
            headerHeight={46}
          />
          <div className="charts">
            <LicenseMixChart points={mix} onSelect={(p) => go({ view: 'customer', rowKey: p.key })} />
            <PlatformMixChart slices={platform} />
          </div>
        </>
      )}
    </section>
  );
}
