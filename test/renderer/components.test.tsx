// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { call } from '../../src-renderer/api/client';
import { Notifications } from '../../src-renderer/components/Notifications';
import { ProgressBar } from '../../src-renderer/components/ProgressBar';
import { type TableColumn, VirtualTable } from '../../src-renderer/components/VirtualTable';
import type { JobState } from '../../src-renderer/stores/jobs';
import { useNotifications } from '../../src-renderer/stores/notifications';
import { installFakeApi } from './fake-api';

interface Row {
  id: number;
  name: string;
  n: number | null;
}

const columns: Array<TableColumn<Row>> = [
  { id: 'name', header: 'Name', width: 200, render: (r) => r.name, sortValue: (r) => r.name, openable: true, group: 'Who' },
  { id: 'n', header: 'Count', width: 100, align: 'right', render: (r) => (r.n === null ? 'n/a' : r.n), sortValue: (r) => r.n, openable: (r) => r.n !== null, group: 'Counts' },
];

function rows(count: number): Row[] {
  return Array.from({ length: count }, (_, i) => ({ id: i, name: `row ${i}`, n: i % 5 === 0 ? null : i }));
}

describe('VirtualTable', () => {
  it('renders only the rows in view, even for 100,000 rows', () => {
    const data = rows(100_000);
    render(<VirtualTable label="t" columns={columns} rowCount={data.length} rowAt={(i) => data[i]} rowKey={(r, i) => String(r?.id ?? i)} />);
    const grid = screen.getByRole('grid', { name: 't' });
    expect(grid.getAttribute('aria-rowcount')).toBe('100001');
    const rendered = grid.querySelectorAll('.vt-data').length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(100);
  });

  it('moves the active cell with the arrows and opens it with Enter', () => {
    const data = rows(50);
    const onOpen = vi.fn();
    render(<VirtualTable label="t" columns={columns} rowCount={data.length} rowAt={(i) => data[i]} rowKey={(r, i) => String(r?.id ?? i)} onOpen={onOpen} />);
    const grid = screen.getByRole('grid');
    grid.focus();
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowRight' });
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(onOpen.mock.calls[0]![0]).toEqual(data[2]);
    expect(onOpen.mock.calls[0]![1].id).toBe('n');
    const active = document.getElementById(grid.getAttribute('aria-activedescendant')!);
    expect(active?.textContent).toBe('2');
  });

  it('does not open an unavailable cell', () => {
    const data = rows(10);
    const onOpen = vi.fn();
    render(<VirtualTable label="t" columns={columns} rowCount={data.length} rowAt={(i) => data[i]} rowKey={(r, i) => String(r?.id ?? i)} onOpen={onOpen} />);
    const grid = screen.getByRole('grid');
    fireEvent.keyDown(grid, { key: 'End' }); // row 0, the Count column: n/a
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('shows column groups, sort state on the header, and the totals row', () => {
    const data = rows(3);
    const onSort = vi.fn();
    render(
      <VirtualTable
        label="t"
        columns={columns}
        rowCount={data.length}
        rowAt={(i) => data[i]}
        rowKey={(r, i) => String(r?.id ?? i)}
        sort={{ columnId: 'n', direction: 'desc' }}
        onSort={onSort}
        totals={{ label: 'Total', cell: (id) => (id === 'n' ? '3' : '') }}
      />,
    );
    expect(screen.getByText('Who')).toBeTruthy();
    expect(screen.getByText('Counts')).toBeTruthy();
    const header = screen.getAllByRole('columnheader').find((h) => h.textContent?.includes('Count'))!;
    expect(header.getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(within(header).getByRole('button'));
    expect(onSort).toHaveBeenCalledWith('n');
    const totals = document.querySelector('.vt-totals')!;
    expect(totals.textContent).toContain('Total');
    expect(totals.textContent).toContain('3');
  });

  it('draws rows not loaded yet as placeholders and reports the visible range', () => {
    const onRange = vi.fn();
    render(<VirtualTable label="t" columns={columns} rowCount={1_000_000} rowAt={() => undefined} rowKey={(_r, i) => String(i)} onVisibleRange={onRange} />);
    expect(document.querySelectorAll('.vt-data.loading').length).toBeGreaterThan(0);
    expect(onRange).toHaveBeenCalled();
    const [start, end] = onRange.mock.calls.at(-1)!;
    expect(start).toBe(0);
    expect(end).toBeLessThan(200);
  });
});

describe('ProgressBar', () => {
  it('shows phase, rate, ETA and a fraction, and cancels its job', () => {
    const job: JobState = {
      jobId: 'j1',
      label: 'Importing 1 item',
      startedAt: 0,
      samples: [],
      last: { jobId: 'j1', phase: 'read', file: 'data_User.json', records: 5000, bytes: 25 * 1024 * 1024, totalBytes: 100 * 1024 * 1024, rate: { recordsPerSecond: 2500, bytesPerSecond: 12.5 * 1024 * 1024 }, etaSeconds: 6, item: 1, items: 2 },
    };
    const onCancel = vi.fn();
    render(<ProgressBar job={job} onCancel={onCancel} />);
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    const group = screen.getByRole('group', { name: 'Importing 1 item' });
    expect(group.textContent).toContain('2,500 records/s');
    expect(group.textContent).toContain('13 MB/s');
    expect(group.textContent).toContain('6 s left');
    expect(group.textContent).toContain('1 of 2 · data_User.json');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledWith('j1');
  });

  it('is indeterminate when the total is unknown', () => {
    const job: JobState = { jobId: 'j', label: 'Counting', startedAt: 0, samples: [], last: { jobId: 'j', phase: 'count', file: '', records: 10, bytes: 0, totalBytes: 0, rate: { recordsPerSecond: 0, bytesPerSecond: 0 }, etaSeconds: null } };
    render(<ProgressBar job={job} onCancel={() => undefined} />);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBeNull();
  });
});

describe('every failed call lands in the notifications', () => {
  beforeEach(() => useNotifications.getState().clear());

  it('shows main’s message, not a stack, and can be dismissed', async () => {
    installFakeApi({});
    render(<Notifications />);
    await act(async () => {
      await call('library/list', {}, { action: 'List the library' }).catch(() => undefined);
    });
    const note = screen.getByRole('status');
    expect(note.textContent).toContain('List the library');
    expect(note.textContent).toContain('no fake handler for library/list');
    fireEvent.click(screen.getByRole('button', { name: /Dismiss/ }));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('keeps quiet about cancelled jobs (the user asked for it)', async () => {
    const fake = installFakeApi({});
    fake.call = async () => ({ ok: false, error: { code: 'cancelled', message: 'cancelled' } });
    await call('verify/run', { jobId: 'x', paths: ['/a'] }).catch(() => undefined);
    expect(useNotifications.getState().items).toHaveLength(0);
  });
});
