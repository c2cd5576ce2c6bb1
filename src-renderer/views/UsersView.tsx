/**
 * Users drill-down: the VOSS users of a count (or one customer), fetched a
 * page at a time from `count/users` as they scroll into view — a million
 * users never sit in the window at once. Filter by status and column, search;
 * a user shows its linked services, the rule that licensed it (R81) and the
 * raw records.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { LEGACY_COUNT_COLUMNS, type LegacyColumn } from '../../src-shared/audit/columns';
import type { UserQuery, UserResult, UserStatus } from '../../src-shared/engine/types';
import { call } from '../api/client';
import { ErrorBanner } from '../components/ErrorBanner';
import { FilterInput } from '../components/FilterInput';
import { EmptyState, Toolbar, ViewHeader } from '../components/Toolbar';
import { type TableColumn, VirtualTable } from '../components/VirtualTable';
import { useExportRequest } from '../components/use-export';
import type { UsersDrill } from '../model/drill';
import { plainError, type PlainError } from '../model/errors';
import { formatNumber } from '../model/format';
import { NEEDS_RECOUNT } from '../model/needs-recount';
import { PAGE_SIZE, PageCache, pagesFor } from '../model/pages';
import { useCount } from '../stores/count';
import { useNav } from '../stores/nav';

function queryOf(drill: UsersDrill): UserQuery {
  const q: UserQuery = {};
  if (drill.rowKey) q.rowKey = drill.rowKey;
  if (drill.status) q.status = drill.status;
  if (drill.column) q.column = drill.column;
  if (drill.search) q.search = drill.search;
  return q;
}

/** The rows of one query, page by page; a new query starts a new cache (a stale page never shows under a new filter). */
function usePagedUsers(countId: string | undefined, query: UserQuery) {
  const key = JSON.stringify(query);
  const [total, setTotal] = useState<number | undefined>();
  const [error, setError] = useState<PlainError | undefined>();
  const [, setVersion] = useState(0);
  const cache = useRef(new PageCache<UserResult>());
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);

  const fetchPage = useCallback(
    async (page: number, gen: number) => {
      if (!countId || cache.current.has(page) || inFlight.current.has(page)) return;
      inFlight.current.add(page);
      try {
        const result = await call('count/users', { countId, query: { ...JSON.parse(key), offset: page * PAGE_SIZE, limit: PAGE_SIZE } }, { action: 'Load users' });
        if (gen !== generation.current) return;
        cache.current.put(page, result.users);
        setTotal(result.total);
        setVersion((v) => v + 1);
      } catch (e) {
        if (gen === generation.current) setError(plainError(e, 'Loading users'));
      } finally {
        inFlight.current.delete(page);
      }
    },
    [countId, key],
  );

  useEffect(() => {
    generation.current += 1;
    cache.current = new PageCache<UserResult>();
    inFlight.current = new Set();
    setTotal(undefined);
    setError(undefined);
    void fetchPage(0, generation.current);
  }, [fetchPage]);

  const onVisibleRange = useCallback(
    (start: number, end: number) => {
      for (const page of pagesFor(start, end, total ?? 0)) void fetchPage(page, generation.current);
    },
    [fetchPage, total],
  );
  return { total, error, rowAt: (i: number) => cache.current.row(i), onVisibleRange };
}

export function UsersView() {
  const route = useNav((s) => s.route);
  const go = useNav((s) => s.go);
  const { origin, error: countError } = useCount();
  const countId = origin?.kind === 'recount' ? origin.countId : undefined;
  const drill: UsersDrill = route.drill?.kind === 'users' ? route.drill : { kind: 'users' };
  const [search, setSearch] = useState(drill.search ?? '');
  const [debounced, setDebounced] = useState(search);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(search), 250);
    return () => clearTimeout(t);
  }, [search]);

  const query = useMemo(() => queryOf({ ...drill, search: debounced || undefined } as UsersDrill), [drill, debounced]);
  const { total, error, rowAt, onVisibleRange } = usePagedUsers(countId, query);
  const [selected, setSelected] = useState<UserResult | undefined>();

  const setDrill = (patch: Partial<UsersDrill>) => go({ view: 'users', drill: { ...drill, ...patch } });

  useExportRequest(() => {
    if (countId) {
      void call('count/usersCsv', { countId, query }, { action: 'Export users' })
        .then((content) => call('export/save', { suggestedName: 'users.csv', content, filters: [{ name: 'CSV', extensions: ['csv'] }] }, { action: 'Export users' }))
        .catch(() => undefined);
    }
  });

  const columns = useMemo<Array<TableColumn<UserResult>>>(
    () => [
      { id: 'username', header: 'Username', width: 200, pinned: true, render: (u) => u.username || '—', openable: true },
      { id: 'status', header: 'Status', width: 100, render: (u) => <span className={`status status-${u.status.toLowerCase()}`}>{u.status}</span> },
      { id: 'licenses', header: 'Licenses', width: 80, align: 'right', render: (u) => u.licenses },
      { id: 'rules', header: 'Licensed by (R81)', width: 140, render: (u) => u.rules.join(', ') || '—' },
      { id: 'email', header: 'E-mail', width: 260, render: (u) => u.email || '—' },
      { id: 'columns', header: 'Legacy columns', width: 420, render: (u) => u.legacyColumns.join('; ') || '—' },
      { id: 'services', header: 'Linked services', width: 120, align: 'right', render: (u) => u.linkedServices.length },
    ],
    [],
  );

  const heading = drill.rowLabel ? `Users of ${drill.rowLabel}` : 'Users';
  if (!countId) {
    return (
      <section className="view">
        <ViewHeader title={heading} />
        <ErrorBanner error={countError ?? NEEDS_RECOUNT} action={<button type="button" onClick={() => go({ view: 'home' })}>Go to Library</button>} />
      </section>
    );
  }
  return (
    <section className="view" aria-labelledby="users-title">
      <ViewHeader title={heading} subtitle={total !== undefined ? `${formatNumber(total)} users` : 'Loading…'} />
      <Toolbar>
        <FilterInput value={search} onChange={setSearch} placeholder="Search username or e-mail…" label="Search users" />
        <label>
          Status{' '}
          <select aria-label="Status filter" value={drill.status ?? ''} onChange={(e) => setDrill({ status: (e.target.value || undefined) as UserStatus | undefined })}>
            <option value="">Any</option>
            <option value="Licensed">Licensed</option>
            <option value="Unlicensed">Unlicensed</option>
          </select>
        </label>
        <label>
          Column{' '}
          <select aria-label="Column filter" value={drill.column ?? ''} onChange={(e) => setDrill({ column: (e.target.value || undefined) as LegacyColumn | undefined })}>
            <option value="">Any</option>
            {LEGACY_COUNT_COLUMNS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      </Toolbar>
      {error && <ErrorBanner error={error} />}
      <div className="split">
        <VirtualTable
          label={heading}
          testId="users-table"
          columns={columns}
          rowCount={total ?? 0}
          rowAt={rowAt}
          rowKey={(u, i) => (u ? `${u.pkid}-${i}` : `loading-${i}`)}
          onVisibleRange={onVisibleRange}
          onOpen={(u) => setSelected(u)}
          emptyMessage={total === undefined ? 'Loading users…' : 'No user matches.'}
        />
        {selected ? <UserDetail user={selected} sourceId={origin?.kind === 'recount' && 'sourceId' in origin.source ? origin.source.sourceId : undefined} onClose={() => setSelected(undefined)} /> : (
          <EmptyState title="Choose a user">
            <p>Enter on a username shows its linked services and the rule that licensed it.</p>
          </EmptyState>
        )}
      </div>
    </section>
  );
}

export function UserDetail({ user, sourceId, onClose }: { user: UserResult; sourceId: number | undefined; onClose(): void }) {
  const [raw, setRaw] = useState<Record<string, string>>({});
  async function showRaw(modelType: string, pkid: string) {
    if (sourceId === undefined) return;
    const record = await call('records/raw', { sourceId, modelType, pkid }, { action: 'Show the raw record' }).catch(() => null);
    setRaw((r) => ({ ...r, [pkid]: record ? record.json : 'The library holds no such record.' }));
  }
  return (
    <aside className="detail" aria-label={`User ${user.username}`} data-testid="user-detail">
      <div className="detail-head">
        <h2>{user.username || user.pkid}</h2>
        <button type="button" onClick={onClose}>Close</button>
      </div>
      <p>
        <span className={`status status-${user.status.toLowerCase()}`}>{user.status}</span> · {user.licenses} license{user.licenses === 1 ? '' : 's'} · {user.email || 'no e-mail'}
      </p>
      <p data-testid="user-rules">
        {user.status === 'Licensed' ? <>Licensed by rule{user.rules.length === 1 ? '' : 's'} <strong>{user.rules.join(', ')}</strong> (R81: the linked record that made the user licensed).</> : 'Not licensed: no linked record meets a licensing condition (R80).'}
      </p>
      {user.microsoftColumn && <p>Counted in the Microsoft column “{user.microsoftColumn}” (R108).</p>}
      <h3>Linked services</h3>
      <table className="plain">
        <thead>
          <tr>
            <th>Type</th>
            <th>Key</th>
            <th>Rule</th>
            <th>Licensing</th>
            <th>Raw</th>
          </tr>
        </thead>
        <tbody>
          {user.linkedServices.map((s) => (
            <tr key={`${s.modelType}-${s.pkid}`} className={s.licensing ? 'licensing' : undefined}>
              <td>{s.modelType}</td>
              <td>{s.key}</td>
              <td>{s.rule}</td>
              <td>{s.licensing ? 'yes' : ''}</td>
              <td>
                {sourceId !== undefined && (
                  <button type="button" className="link" onClick={() => void showRaw(s.modelType, s.pkid)}>
                    Show
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {Object.entries(raw).map(([pkid, json]) => (
        <pre key={pkid} className="raw" aria-label={`Raw record ${pkid}`}>
          {json}
        </pre>
      ))}
    </aside>
  );
}
