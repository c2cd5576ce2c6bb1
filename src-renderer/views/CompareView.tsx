/**
 * Compare: two reported audits of the library (this month vs last), or the
 * recount vs a reported audit file. Every differing cell is listed with both
 * values highlighted; a recount difference opens the records behind it.
 */
import { useMemo, useState } from 'react';
import type { AuditComparison, SourceSummary } from '../../src-shared/api/contract';
import type { CellDifference, CountDiff } from '../../src-shared/engine/types';
import { call } from '../api/client';
import { ErrorBanner } from '../components/ErrorBanner';
import { EmptyState, Toolbar, ViewHeader } from '../components/Toolbar';
import { type TableColumn, VirtualTable } from '../components/VirtualTable';
import { plainError, type PlainError } from '../model/errors';
import { formatCell } from '../model/format';
import { useCount } from '../stores/count';
import { useLibrary } from '../stores/library';
import { useNav } from '../stores/nav';

export interface DifferenceRow {
  rowKey: string;
  customer: string;
  column: string;
  left: string;
  right: string;
  /** Present for recount differences: the records behind the recounted value. */
  recount?: CellDifference;
}

/** Both kinds of comparison as one list of rows (pure: tested without rendering). */
export function differenceRows(result: AuditComparison | CountDiff): DifferenceRow[] {
  if ('left' in result) return result.differences.map((d) => ({ ...d }));
  return result.differences.map((d) => ({ rowKey: d.rowKey, customer: d.customer, column: d.column, left: d.reported, right: formatCell(d.recounted), recount: d }));
}

export function CompareView() {
  const sources = useLibrary((s) => s.sources);
  const audits = sources.filter((s) => s.kind === 'audit');
  const { origin } = useCount();
  const go = useNav((s) => s.go);
  const countId = origin?.kind === 'recount' ? origin.countId : undefined;
  const [left, setLeft] = useState<number | undefined>(audits[0]?.id);
  const [right, setRight] = useState<number | undefined>(audits[1]?.id ?? audits[0]?.id);
  const [result, setResult] = useState<AuditComparison | CountDiff | undefined>();
  const [labels, setLabels] = useState<[string, string]>(['Left', 'Right']);
  const [error, setError] = useState<PlainError | undefined>();
  const [open, setOpen] = useState<DifferenceRow | undefined>();

  async function compareAudits() {
    if (left === undefined || right === undefined) return;
    setError(undefined);
    setOpen(undefined);
    try {
      setResult(await call('compare/audits', { leftSourceId: left, rightSourceId: right }, { action: 'Compare audits' }));
      // Short headers: the audit's date says which is which; the full names are in the pickers.
      const name = (id: number) => {
        const s = sources.find((x) => x.id === id);
        return s?.dateTime ?? s?.name ?? String(id);
      };
      setLabels([name(left), name(right)]);
    } catch (e) {
      setError(plainError(e, 'Comparing audits'));
    }
  }

  async function compareRecount() {
    setError(undefined);
    setOpen(undefined);
    if (!countId) {
      setError({ what: 'No recount is open.', todo: 'Open a platform dump from the Library first: the recount is compared with the audit file you choose.', engineUnavailable: false });
      return;
    }
    const [reportedPath] = await call('dialog/openFiles', { title: 'The reported audit to compare with', filters: [{ name: 'Audit files', extensions: ['csv', 'zip'] }] }, { action: 'Choose a file' }).catch(() => [] as string[]);
    if (!reportedPath) return;
    try {
      setResult(await call('compare/run', { countId, reportedPath }, { action: 'Compare with the recount' }));
      setLabels(['Reported', 'Recounted']);
    } catch (e) {
      setError(plainError(e, 'Comparing'));
    }
  }

  const rows = useMemo(() => (result ? differenceRows(result) : []), [result]);
  const columns = useMemo<Array<TableColumn<DifferenceRow>>>(
    () => [
      { id: 'customer', header: 'Customer', width: 170, pinned: true, render: (d) => d.customer || d.rowKey, openable: true },
      { id: 'column', header: 'Column', width: 290, render: (d) => d.column, openable: true },
      { id: 'left', header: labels[0], width: 105, align: 'right', render: (d) => d.left || '—', cellClass: () => 'diff-left' },
      { id: 'right', header: labels[1], width: 105, align: 'right', render: (d) => d.right || '—', cellClass: () => 'diff-right' },
    ],
    [labels],
  );
  const onlyLeft = result ? ('left' in result ? result.rowsOnlyInLeft : result.rowsOnlyInReported) : [];
  const onlyRight = result ? ('left' in result ? result.rowsOnlyInRight : result.rowsOnlyInRecount) : [];

  return (
    <section className="view" aria-labelledby="compare-title">
      <ViewHeader title="Compare" subtitle="Two audits cell by cell, or a recount against the audit the platform reported." />
      <Toolbar>
        <label>
          Left{' '}
          <SourceSelect label="Left audit" sources={audits} value={left} onChange={setLeft} />
        </label>
        <label>
          Right{' '}
          <SourceSelect label="Right audit" sources={audits} value={right} onChange={setRight} />
        </label>
        <button type="button" className="primary" disabled={left === undefined || right === undefined} onClick={() => void compareAudits()}>
          Compare audits
        </button>
        <span className="sep" />
        <button type="button" onClick={() => void compareRecount()}>
          Recount vs reported file…
        </button>
      </Toolbar>
      {error && <ErrorBanner error={error} />}
      {!result && !error && (
        <EmptyState title="Nothing compared yet">
          <p>Pick two audits of the library, or open a platform dump and compare its recount with a reported audit file.</p>
        </EmptyState>
      )}
      {result && (
        <>
          <p data-testid="compare-summary">
            {rows.length} differing cell{rows.length === 1 ? '' : 's'}
            {onlyLeft.length ? ` · rows only in ${labels[0]}: ${onlyLeft.join(', ')}` : ''}
            {onlyRight.length ? ` · rows only in ${labels[1]}: ${onlyRight.join(', ')}` : ''}
          </p>
          <div className={open ? 'split' : undefined}>
            <VirtualTable label="Differences" testId="compare-table" columns={columns} rowCount={rows.length} rowAt={(i) => rows[i]} rowKey={(d, i) => (d ? `${d.rowKey}|${d.column}` : String(i))} onOpen={(d) => setOpen(d)} emptyMessage="No differences: every cell agrees." />
            {open && (
              <aside className="detail" aria-label="Difference" data-testid="difference">
                <div className="detail-head">
                  <h2>
                    {open.customer || open.rowKey} · {open.column}
                  </h2>
                  <button type="button" onClick={() => setOpen(undefined)}>Close</button>
                </div>
                <p>
                  {labels[0]}: <span className="diff-left">{open.left || '—'}</span> · {labels[1]}: <span className="diff-right">{open.right || '—'}</span>
                </p>
                {open.recount ? (
                  <>
                    <h3>Records behind the recounted value</h3>
                    <ul className="records">
                      {open.recount.records.map((r) => (
                        <li key={`${r.modelType}-${r.pkid}`}>
                          {r.label || r.pkid} <span className="muted">{r.modelType} · {r.rule} · +{r.weight}</span>
                        </li>
                      ))}
                    </ul>
                    <button type="button" onClick={() => go({ view: 'explain', drill: { kind: 'cell', rowKey: open.rowKey, column: open.column, rowLabel: open.customer } })}>
                      Open in Explain
                    </button>
                  </>
                ) : (
                  <p className="muted">Both sides are reported audits: the platform wrote only the counts. Recount the platform dump to see the records behind either value.</p>
                )}
              </aside>
            )}
          </div>
        </>
      )}
    </section>
  );
}

function SourceSelect({ label, sources, value, onChange }: { label: string; sources: SourceSummary[]; value: number | undefined; onChange(id: number | undefined): void }) {
  return (
    <select aria-label={label} value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : undefined)}>
      {!sources.length && <option value="">No audits in the library</option>}
      {sources.map((s) => (
        <option key={s.id} value={s.id}>
          {s.dateTime ?? ''} {s.name}
        </option>
      ))}
    </select>
  );
}
