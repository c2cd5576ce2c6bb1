// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { UserQuery } from '../../src-shared/engine/types';
import type { FileReport } from '../../src-shared/verify/findings';
import { handleShortcut } from '../../src-renderer/app/App';
import type { SourceSummary } from '../../src-shared/api/contract';
import { CountsView } from '../../src-renderer/views/CountsView';
import { HomeView } from '../../src-renderer/views/HomeView';
import { useLibrary } from '../../src-renderer/stores/library';
import { ExplainView } from '../../src-renderer/views/ExplainView';
import { UsersView } from '../../src-renderer/views/UsersView';
import { VerifyView } from '../../src-renderer/views/VerifyView';
import { useCount } from '../../src-renderer/stores/count';
import { useNav } from '../../src-renderer/stores/nav';
import { useNotifications } from '../../src-renderer/stores/notifications';
import { useUi } from '../../src-renderer/stores/ui';
import { useVerify } from '../../src-renderer/stores/verify';
import { ENGINE_UNAVAILABLE, FakeApiError, installFakeApi } from './fake-api';
import { sampleSummary, user } from './fixtures';

const RECOUNT = { kind: 'recount' as const, source: { sourceId: 7 }, countId: 'count-1' };

beforeEach(() => {
  useNav.setState({ route: { view: 'home' }, history: [] });
  useCount.setState({ origin: undefined, summary: undefined, status: 'idle', error: undefined, label: '' });
  useNotifications.getState().clear();
});

describe('Counts', () => {
  it('shows unavailable cells as n/a with the reason, marks provider rows, groups columns by tier', () => {
    installFakeApi({});
    useCount.getState().show(sampleSummary(), RECOUNT, 'dump');
    render(<CountsView />);
    const grid = screen.getByRole('grid', { name: 'Counts per customer' });
    for (const tier of ['Essential', 'Premium', 'Contact Center', 'Info', 'Summary (v5)']) expect(grid.querySelector('.vt-groups')!.textContent).toContain(tier);
    const harbor = [...grid.querySelectorAll('.vt-data')].find((r) => r.textContent?.includes('Harbor Bank'))!;
    const na = [...harbor.querySelectorAll('.vt-td.na')];
    expect(na.length).toBeGreaterThan(0);
    expect(na[0]!.textContent).toBe('n/a');
    expect(na[0]!.getAttribute('title')).toMatch(/cannot tell this count/);
    const provider = grid.querySelector('.vt-data.provider-row')!;
    expect(provider.textContent).toContain('provider');
    // The totals row keeps the unavailable column unavailable.
    expect([...grid.querySelectorAll('.vt-totals .vt-td')].some((c) => c.textContent === 'n/a')).toBe(true);
  });

  it('a click on a count produces the drill filter Explain renders from', () => {
    installFakeApi({});
    useCount.getState().show(sampleSummary(), RECOUNT, 'dump');
    render(<CountsView />);
    const harbor = [...document.querySelectorAll('.vt-data')].find((r) => r.textContent?.includes('Harbor Bank'))!;
    const cell = [...harbor.querySelectorAll('.vt-td.openable')].find((c) => c.textContent === '19')!;
    fireEvent.click(cell);
    expect(useNav.getState().route).toEqual({ view: 'explain', drill: { kind: 'cell', rowKey: 'c:sys.hcs.Acme-Telecom.Harbor Bank', column: 'Multiple Phones', rowLabel: 'Harbor Bank' } });
  });

  it('filters rows by name', () => {
    installFakeApi({});
    useCount.getState().show(sampleSummary(), RECOUNT, 'dump');
    render(<CountsView />);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter rows' }), { target: { value: 'delta' } });
    const rows = [...document.querySelectorAll('.vt-data')];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain('Delta Logistics');
  });

  it('says plainly that counting is not yet available when the engine is missing', async () => {
    installFakeApi({
      'count/run': () => {
        throw new FakeApiError(ENGINE_UNAVAILABLE);
      },
    });
    render(<CountsView />);
    await act(() => useCount.getState().recount({ sourceId: 3 }, 'dump'));
    const banner = screen.getByTestId('error-banner');
    expect(banner.textContent).toContain('Counting is not yet available');
    expect(banner.textContent).not.toMatch(/\bat \w+ \(/); // no stack frames
    expect(screen.queryByRole('grid')).toBeNull();
    // A state the view shows, not a failure to notify.
    expect(useNotifications.getState().items).toHaveLength(0);
  });
});

describe('Users drill-down', () => {
  it('pages through a million users without loading them all, and shows a user’s rule (R81)', async () => {
    const queries: UserQuery[] = [];
    installFakeApi({
      'count/users': ({ query }) => {
        queries.push(query);
        const offset = query.offset ?? 0;
        const limit = query.limit ?? 100;
        return { total: 1_000_000, offset, users: Array.from({ length: limit }, (_, k) => user(offset + k + 1)) };
      },
    });
    useCount.getState().show(sampleSummary(), RECOUNT, 'dump');
    useNav.setState({ route: { view: 'users', drill: { kind: 'users', rowKey: 'c:sys.hcs.Acme-Telecom.Harbor Bank', rowLabel: 'Harbor Bank', status: 'Licensed' } } });
    render(<UsersView />);
    await screen.findByText('user1');
    expect(screen.getByText('1,000,000 users')).toBeTruthy();
    expect(queries.length).toBeLessThanOrEqual(3);
    expect(queries.every((q) => (q.limit ?? 0) <= 1000 && q.status === 'Licensed' && q.rowKey === 'c:sys.hcs.Acme-Telecom.Harbor Bank')).toBe(true);
    fireEvent.click(screen.getByText('user1'));
    const detail = screen.getByTestId('user-detail');
    expect(within(detail).getByTestId('user-rules').textContent).toContain('R61');
    expect(detail.textContent).toContain('device/cucm/User');
  });

  it('changing the status filter starts a new query from the first page', async () => {
    const queries: UserQuery[] = [];
    installFakeApi({
      'count/users': ({ query }) => {
        queries.push(query);
        return { total: 2, offset: 0, users: [user(3), user(6)] };
      },
    });
    useCount.getState().show(sampleSummary(), RECOUNT, 'dump');
    useNav.setState({ route: { view: 'users', drill: { kind: 'users' } } });
    const { rerender } = render(<UsersView />);
    await screen.findByText('user3');
    fireEvent.change(screen.getByRole('combobox', { name: 'Status filter' }), { target: { value: 'Unlicensed' } });
    rerender(<UsersView />);
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ status: 'Unlicensed', offset: 0 }));
  });

  it('a reported audit has no users behind it: the view says what to do instead', () => {
    installFakeApi({});
    useCount.getState().show(sampleSummary(), { kind: 'reported', sourceId: 1, audit: { sourceId: 1, file: 'f.csv', member: '', view: 'detailed', auditVersion: '4.1.5', dateTime: null, platformId: null, verdict: 'PASS' } }, 'f.csv');
    render(<UsersView />);
    expect(screen.getByTestId('error-banner').textContent).toMatch(/Import the platform dump/);
  });
});

describe('Explain', () => {
  it('lists the records of the cell with their rules, adding up to the count', async () => {
    installFakeApi({
      'count/explain': ({ rowKey, column }) => {
        expect([rowKey, column]).toEqual(['c:sys.hcs.Acme-Telecom.Harbor Bank', 'Multiple Phones']);
        return Array.from({ length: 19 }, (_, i) => ({ modelType: 'device/cucm/User', pkid: `p${i}`, label: `u${i}`, rule: 'R36', weight: 1 }));
      },
    });
    useCount.getState().show(sampleSummary(), RECOUNT, 'dump');
    useNav.setState({ route: { view: 'explain', drill: { kind: 'cell', rowKey: 'c:sys.hcs.Acme-Telecom.Harbor Bank', column: 'Multiple Phones', rowLabel: 'Harbor Bank' } } });
    render(<ExplainView />);
    expect((await screen.findByTestId('explain-sum')).textContent).toBe('19 records adding up to 19.');
    expect(screen.getAllByText('R36').length).toBeGreaterThan(0);
  });
});

describe('Verify', () => {
  const report: FileReport = {
    file: 'vlf_A_H_license_legacy_2024-02-21_0553.zip',
    verdict: 'FAIL',
    findings: [
      { check: 'V5', severity: 'FAIL', file: 'vlf_A_H_license_legacy_2024-02-21_0553.zip', location: 'x/anon.csv', message: 'does not match its SHA-256 hash' },
      { check: 'V1', severity: 'WARN', file: 'vlf_A_H_license_legacy_2024-02-21_0553.zip', location: '', message: 'odd name' },
    ],
  };

  it('groups an opened file’s findings by check and exports them through the save channel', async () => {
    const fake = installFakeApi({ 'export/save': ({ suggestedName }) => `/tmp/${suggestedName}` });
    useVerify.setState({ report: { files: [report], summary: { PASS: 0, WARN: 0, FAIL: 1 } }, openFile: report.file, error: undefined });
    render(<VerifyView />);
    const v5 = screen.getByRole('region', { name: 'V5 Hashes match the files' });
    expect(v5.textContent).toContain('x/anon.csv');
    expect(screen.getByRole('region', { name: 'V1 File name' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(fake.callsOf('export/save')).toHaveLength(1));
    const args = fake.callsOf('export/save')[0] as { suggestedName: string; content: string };
    expect(args.suggestedName).toBe(`${report.file}-findings.csv`);
    expect(args.content.split('\r\n')[1]).toBe(`${report.file},V5,FAIL,x/anon.csv,does not match its SHA-256 hash`);
  });
});

describe('keyboard', () => {
  it('? toggles the help, Alt+digit switches views, Escape closes help', () => {
    const key = (init: KeyboardEventInit) => handleShortcut(new KeyboardEvent('keydown', init));
    expect(key({ key: '?' })).toBe(true);
    expect(useUi.getState().helpOpen).toBe(true);
    expect(key({ key: 'Escape' })).toBe(true);
    expect(useUi.getState().helpOpen).toBe(false);
    expect(key({ key: '3', code: 'Digit3', altKey: true })).toBe(true);
    expect(useNav.getState().route.view).toBe('counts');
    expect(key({ key: 'ArrowLeft', altKey: true })).toBe(true);
    expect(useNav.getState().route.view).toBe('home');
    expect(key({ key: 'x' })).toBe(false);
  });
});

describe('Library', () => {
  const source = (id: number, over: Partial<SourceSummary>): SourceSummary => ({
    id,
    identity: `id${id}`,
    kind: 'audit',
    name: `source ${id}`,
    platformId: '65d5f0a1b2c3d4e5f6071829',
    dateTime: '2024-02-21 05:53',
    importedAt: '2026-12-01T18:00:00.000Z',
    archivedAt: null,
    complete: true,
    verdict: 'PASS',
    provider: 'Acme-Telecom',
    host: 'VOSS-PRD-1',
    ...over,
  });

  it('lists kind, provider, status and verdict, and archives the selected source', async () => {
    const sources = [source(1, {}), source(2, { kind: 'dump', name: 'dump-folder', verdict: null, complete: false, provider: null, host: null })];
    const fake = installFakeApi({ 'library/list': () => sources, 'library/archive': ({ id }) => ({ ...sources[id - 1]!, archivedAt: 'now' }) });
    useLibrary.setState({ sources, loaded: true, error: undefined });
    render(<HomeView />);
    const rows = [...document.querySelectorAll('.vt-data')];
    expect(rows[0]!.textContent).toContain('Reported audit');
    expect(rows[0]!.textContent).toContain('Acme-Telecom · VOSS-PRD-1');
    expect(rows[0]!.querySelector('.badge-pass')).not.toBeNull();
    expect(rows[1]!.textContent).toContain('Platform dump');
    expect(rows[1]!.textContent).toContain('Incomplete');
    const grid = screen.getByRole('grid', { name: 'Library sources' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' }); // select the dump
    fireEvent.click(screen.getByRole('button', { name: 'Archive' }));
    await waitFor(() => expect(fake.callsOf('library/archive')).toEqual([{ id: 2 }]));
  });
});
