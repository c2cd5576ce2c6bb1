/**
 * Explain (R91): the records counted in one cell, each with the rule that
 * counted it and its weight; they add up to the cell. Rendered from the drill
 * filter alone (row key + column), so any click anywhere can open it.
 */
import { useEffect, useMemo, useState } from 'react';
import type { CountedRecord } from '../../src-shared/engine/types';
import { call } from '../api/client';
import { ErrorBanner } from '../components/ErrorBanner';
import { EmptyState, ViewHeader } from '../components/Toolbar';
import { type TableColumn, VirtualTable } from '../components/VirtualTable';
import { plainError, type PlainError } from '../model/errors';
import { formatCell, formatNumber } from '../model/format';
import { NEEDS_RECOUNT } from '../model/needs-recount';
import { cellOf } from '../model/rows';
import { allCountColumns } from '../model/tiers';
import { useCount } from '../stores/count';
import { useNav } from '../stores/nav';

export function ExplainView() {
  const drill = useNav((s) => (s.route.drill?.kind === 'cell' ? s.route.drill : undefined));
  const { origin, summary, error: countError } = useCount();
  const countId = origin?.kind === 'recount' ? origin.countId : undefined;
  const [records, setRecords] = useState<CountedRecord[] | undefined>();
  const [error, setError] = useState<PlainError | undefined>();

  useEffect(() => {
    setRecords(undefined);
    setError(undefined);
    if (!drill || !countId) return;
    let live = true;
    call('count/explain', { countId, rowKey: drill.rowKey, column: drill.column }, { action: 'Explain' })
      .then((r) => live && setRecords(r))
      .catch((e: unknown) => live && setError(plainError(e, 'Explain')));
    return () => {
      live = false;
    };
  }, [drill?.rowKey, drill?.column, countId]); // eslint-disable-line react-hooks/exhaustive-deps

  const columns = useMemo<Array<TableColumn<CountedRecord>>>(
    () => [
      { id: 'label', header: 'Record', width: 300, pinned: true, render: (r) => r.label || r.pkid },
      { id: 'type', header: 'Model type', width: 220, render: (r) => r.modelType },
      { id: 'rule', header: 'Rule', width: 90, render: (r) => r.rule },
      { id: 'weight', header: 'Adds', width: 80, align: 'right', render: (r) => r.weight },
      { id: 'pkid', header: 'pkid', width: 230, render: (r) => <code>{r.pkid}</code> },
    ],
    [],
  );

  if (!drill) {
    return (
      <section className="view">
        <ViewHeader title="Explain" />
        <EmptyState title="Choose a count">
          <p>Click a count (or press Enter on it) in Counts or Customer: the records counted there show here.</p>
        </EmptyState>
      </section>
    );
  }
  const row = summary?.rows.find((r) => r.key === drill.rowKey);
  const column = allCountColumns().find((c) => c.name === drill.column);
  const shown = row && column ? formatCell(cellOf(row, column)) : undefined;
  const sum = records?.reduce((n, r) => n + r.weight, 0);
  return (
    <section className="view" aria-labelledby="explain-title">
      <ViewHeader title={`Explain: ${drill.column}`} subtitle={`${drill.rowLabel}${shown !== undefined ? ` · count ${shown}` : ''}`} />
      {!countId ? (
        <ErrorBanner error={countError ?? NEEDS_RECOUNT} />
      ) : error ? (
        <ErrorBanner error={error} />
      ) : records ? (
        <>
          <p data-testid="explain-sum">
            {formatNumber(records.length)} record{records.length === 1 ? '' : 's'} adding up to {formatNumber(sum ?? 0)}.
          </p>
          <VirtualTable label="Records counted" testId="explain-table" columns={columns} rowCount={records.length} rowAt={(i) => records[i]} rowKey={(r, i) => (r ? `${r.modelType}-${r.pkid}-${i}` : String(i))} />
        </>
      ) : (
        <p className="muted" role="status">Loading records…</p>
      )}
    </section>
  );
}
