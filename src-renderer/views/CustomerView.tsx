/**
 * Customer: one count row — its counts by column (a bar chart and a list that
 * opens the records behind each count), its users, and the month-over-month
 * trend when the library holds earlier audits of the same platform.
 */
import { useMemo } from 'react';
import type { CountRow } from '../../src-shared/engine/types';
import { ColumnBarsChart, TrendChart } from '../components/Charts';
import { ErrorBanner } from '../components/ErrorBanner';
import { EmptyState, Toolbar, ViewHeader } from '../components/Toolbar';
import { type TableColumn, VirtualTable } from '../components/VirtualTable';
import { formatCell } from '../model/format';
import { reportedSummary } from '../model/reported';
import { cellOf, rowLabel } from '../model/rows';
import { type AuditPoint, countsByColumn, monthlyTrend } from '../model/series';
import { allCountColumns, type CountColumn } from '../model/tiers';
import { useCount } from '../stores/count';
import { useNav } from '../stores/nav';
import { cellDrill, UNAVAILABLE_TITLE } from './CountsView';

export function CustomerView() {
  const { summary, history, error } = useCount();
  const route = useNav((s) => s.route);
  const go = useNav((s) => s.go);
  const row: CountRow | undefined = summary?.rows.find((r) => r.key === route.rowKey);

  const bars = useMemo(() => (row && summary ? countsByColumn(row, summary.unavailable) : []), [row, summary]);
  const trend = useMemo(() => {
    if (!history || !row?.customerPkid) return [];
    const audits: AuditPoint[] = history.audits.map(({ rows, ...audit }) => {
      const s = reportedSummary(audit, rows);
      return { dateTime: audit.dateTime ?? '', rows: s.rows, unavailable: s.unavailable };
    });
    return monthlyTrend(audits, row.customerPkid);
  }, [history, row]);

  const columns = useMemo<Array<TableColumn<CountColumn>>>(
    () =>
      row && summary
        ? [
            { id: 'group', header: 'Tier', width: 104, render: (c) => c.group },
            { id: 'column', header: 'Column', width: 420, render: (c) => c.name, openable: (c) => cellOf(row, c) !== null },
            {
              id: 'value',
              header: 'Count',
              width: 90,
              align: 'right',
              render: (c) => formatCell(cellOf(row, c)),
              cellTitle: (c) => (cellOf(row, c) === null ? UNAVAILABLE_TITLE : 'Enter shows the records counted here'),
              cellClass: (c) => (cellOf(row, c) === null ? 'na' : undefined),
              openable: (c) => typeof cellOf(row, c) === 'number',
            },
          ]
        : [],
    [row, summary],
  );
  const allColumns = useMemo(() => allCountColumns(), []);

  if (!summary) {
    return (
      <section className="view">
        <ViewHeader title="Customer" />
        {error ? <ErrorBanner error={error} /> : <EmptyState title="No customer open"><p>Open counts from the Library, then a customer name (Enter).</p></EmptyState>}
      </section>
    );
  }
  if (!row) {
    return (
      <section className="view">
        <ViewHeader title="Customer" />
        <EmptyState title="Choose a customer">
          <p>Open one from the Counts table (click or Enter on its name).</p>
          <button type="button" onClick={() => go({ view: 'counts' })}>Go to Counts</button>
        </EmptyState>
      </section>
    );
  }
  return (
    <section className="view" aria-labelledby="customer-title">
      <ViewHeader title={rowLabel(row)} subtitle={[row.provider, row.reseller, row.customerPkid].filter(Boolean).join(' · ')}>
        <button type="button" className="primary" onClick={() => go({ view: 'users', drill: { kind: 'users', rowKey: row.key, rowLabel: rowLabel(row) } })}>
          Users of this customer
        </button>
      </ViewHeader>
      <Toolbar>
        <span className="muted">Enter on a count shows the records counted there (Explain).</span>
      </Toolbar>
      <div className="split">
        <VirtualTable
          label={`Counts of ${rowLabel(row)}`}
          testId="customer-table"
          columns={columns}
          rowCount={allColumns.length}
          rowAt={(i) => allColumns[i]}
          rowKey={(c, i) => c?.id ?? String(i)}
          onOpen={(c) => go({ view: 'explain', drill: cellDrill(row, c) })}
        />
        <div className="charts-col">
          {trend.length > 1 ? <TrendChart points={trend} /> : <p className="muted">The month-over-month trend appears when the library holds earlier audits of this platform.</p>}
          {bars.length ? <ColumnBarsChart bars={bars} onSelect={(b) => { const c = allColumns.find((x) => x.id === b.columnId); if (c) go({ view: 'explain', drill: cellDrill(row, c) }); }} /> : <p className="muted">No non-zero counts.</p>}
        </div>
      </div>
    </section>
  );
}
