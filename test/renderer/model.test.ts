import { describe, expect, it } from 'vitest';
import { LEGACY_COUNT_COLUMNS } from '../../src-shared/audit/columns';
import type { Finding } from '../../src-shared/verify/findings';
import { decodeDrill, encodeDrill, type DrillFilter } from '../../src-renderer/model/drill';
import { plainError } from '../../src-renderer/model/errors';
import { findingsCsv, groupByCheck } from '../../src-renderer/model/findings-view';
import { formatCell, formatDuration } from '../../src-renderer/model/format';
import { PageCache, pagesFor } from '../../src-renderer/model/pages';
import { estimateRate } from '../../src-renderer/model/progress-rate';
import { parseCell, reportedSummary } from '../../src-renderer/model/reported';
import { totalsOf } from '../../src-renderer/model/rows';
import { countsByColumn, licenseMixPerCustomer, monthlyTrend, platformMix } from '../../src-renderer/model/series';
import { nextSort, sortRows } from '../../src-renderer/model/table-data';
import { allCountColumns, countColumnGroups, TIER_OF_LEGACY } from '../../src-renderer/model/tiers';
import { countRow, sampleSummary } from './fixtures';

describe('license tiers (guide §2.5 Table 1)', () => {
  it('maps every one of the 35 legacy columns to a tier, and adds the summary group', () => {
    expect(Object.keys(TIER_OF_LEGACY).sort()).toEqual([...LEGACY_COUNT_COLUMNS].sort());
    const groups = countColumnGroups();
    expect(groups.map((g) => g.name)).toEqual(['Essential', 'Premium', 'Contact Center', 'Info', 'Summary (v5)']);
    expect(groups.slice(0, 4).reduce((n, g) => n + g.columns.length, 0)).toBe(35);
    expect(groups[4]!.columns).toHaveLength(7);
  });

  it('follows the guide’s "VOSS License" column', () => {
    expect(TIER_OF_LEGACY['One Phone (No VM & No WebEx & No Spark)']).toBe('Essential');
    expect(TIER_OF_LEGACY['Standalone Phones (No UCM User)']).toBe('Essential');
    expect(TIER_OF_LEGACY['One Phone & WebEx']).toBe('Premium');
    expect(TIER_OF_LEGACY['PexIP only']).toBe('Premium');
    expect(TIER_OF_LEGACY['Contact Center Enterprise']).toBe('Contact Center');
    expect(TIER_OF_LEGACY['Users With More Than 10 Phones']).toBe('Info');
    expect(TIER_OF_LEGACY['Site Count']).toBe('Info');
  });

  it('gives the two "Contact Center Express" columns (legacy and summary) distinct ids', () => {
    const ids = allCountColumns().map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('legacy:Contact Center Express');
    expect(ids).toContain('summary:Contact Center Express');
  });
});

describe('cells and totals', () => {
  it('shows unavailable cells as n/a, never 0', () => {
    expect(formatCell(null)).toBe('n/a');
    expect(formatCell(0)).toBe('0');
    expect(formatCell(12345)).toBe('12,345');
    expect(formatCell('Y')).toBe('Y');
  });

  it('sums counts, counts Y flags, and keeps an unavailable column unavailable', () => {
    const s = sampleSummary();
    const cols = allCountColumns().filter((c) => ['Multiple Phones', 'Inactive Billing', 'MS Teams & Voice', 'Site Count'].includes(c.name) && c.source === 'legacy');
    const totals = totalsOf(s.rows, cols, s.unavailable);
    expect(totals.get('legacy:Multiple Phones')).toBe(19);
    expect(totals.get('legacy:Site Count')).toBe(5);
    expect(totals.get('legacy:Inactive Billing')).toBe(1);
    expect(totals.get('legacy:MS Teams & Voice')).toBeNull();
  });
});

describe('chart series', () => {
  it('stacks the billed tiers per customer, largest first', () => {
    const mix = licenseMixPerCustomer(sampleSummary());
    expect(mix[0]).toMatchObject({ label: 'Harbor Bank', Premium: 19, Essential: 0, 'Contact Center': 0, total: 19 });
    expect(mix.find((m) => m.label === 'Delta Logistics')).toMatchObject({ Premium: 4, 'Contact Center': 2, total: 6 });
    expect(mix.find((m) => m.label.startsWith('Acme-Telecom'))).toMatchObject({ Essential: 3 });
  });

  it('sums the platform per tier and leaves Info columns out (they are subsets)', () => {
    expect(platformMix(sampleSummary())).toEqual([
      { tier: 'Essential', value: 3 },
      { tier: 'Premium', value: 23 },
      { tier: 'Contact Center', value: 2 },
    ]);
  });

  it('lists a customer’s non-zero numeric columns in header order', () => {
    const harbor = sampleSummary().rows[1]!;
    expect(countsByColumn(harbor, ['MS Teams & Voice']).map((b) => [b.column, b.value])).toEqual([
      ['Multiple Phones', 19],
      ['Users With More Than 10 Phones', 2],
      ['Site Count', 4],
    ]);
  });

  it('trends one point per month, the latest audit of a month winning, matched by pkid', () => {
    const pkid = '65d5f0a1b2c3d4e5f607a001';
    const row = (n: number) => ({ ...countRow('c:x', 'customer', 'Renamed later', { 'Multiple Phones': n }), customerPkid: pkid });
    const points = monthlyTrend(
      [
        { dateTime: '2024-03-01 03:00', rows: [row(12)], unavailable: [] },
        { dateTime: '2024-02-01 03:00', rows: [row(10)], unavailable: [] },
        { dateTime: '2024-03-15 03:00', rows: [row(13)], unavailable: [] },
        { dateTime: '2024-04-01 03:00', rows: [], unavailable: [] },
      ],
      pkid,
    );
    expect(points.map((p) => [p.month, p.Premium])).toEqual([
      ['2024-02', 10],
      ['2024-03', 13],
    ]);
  });
});

describe('drill filters are data', () => {
  it('round-trips through JSON and rejects what is not a filter', () => {
    const filters: DrillFilter[] = [
      { kind: 'cell', rowKey: 'c:sys.hcs.A.B', column: 'Multiple Phones', rowLabel: 'B' },
      { kind: 'users', rowKey: 'c:x', status: 'Licensed', column: 'Multiple Phones', search: 'ann' },
    ];
    for (const f of filters) expect(decodeDrill(encodeDrill(f))).toEqual(f);
    expect(decodeDrill('{"kind":"users","status":"Maybe"}')).toBeUndefined();
    expect(decodeDrill('{"kind":"cell","rowKey":1}')).toBeUndefined();
    expect(decodeDrill('not json')).toBeUndefined();
  });
});

describe('sorting and paging', () => {
  it('cycles asc → desc → none, and keeps empty values last either way', () => {
    expect(nextSort(undefined, 'a')).toEqual({ columnId: 'a', direction: 'asc' });
    expect(nextSort({ columnId: 'a', direction: 'asc' }, 'a')).toEqual({ columnId: 'a', direction: 'desc' });
    expect(nextSort({ columnId: 'a', direction: 'desc' }, 'a')).toBeUndefined();
    const rows = [{ v: 3 }, { v: null }, { v: 10 }, { v: 1 }];
    expect(sortRows(rows, { columnId: 'v', direction: 'asc' }, (r) => r.v).map((r) => r.v)).toEqual([1, 3, 10, null]);
    expect(sortRows(rows, { columnId: 'v', direction: 'desc' }, (r) => r.v).map((r) => r.v)).toEqual([10, 3, 1, null]);
  });

  it('asks only for the pages around the visible rows of a million', () => {
    expect(pagesFor(500_000, 500_030, 1_000_000, 200)).toEqual([2499, 2500, 2501]);
    expect(pagesFor(0, 20, 1_000_000, 200)).toEqual([0, 1]);
    expect(pagesFor(999_990, 999_999, 1_000_000, 200)).toEqual([4998, 4999]);
    expect(pagesFor(0, 10, 0)).toEqual([]);
  });

  it('drops the least recently used page past its bound', () => {
    const cache = new PageCache<number>(10, 2);
    cache.put(0, [0, 1]);
    cache.put(1, [10, 11]);
    expect(cache.row(1)).toBe(1); // page 0 is now the most recent
    cache.put(2, [20]);
    expect(cache.has(1)).toBe(false);
    expect(cache.row(0)).toBe(0);
    expect(cache.row(20)).toBe(20);
  });
});

describe('progress, errors, findings', () => {
  it('estimates rate and ETA over recent samples', () => {
    const est = estimateRate([{ at: 0, done: 0 }, { at: 1000, done: 100 }, { at: 2000, done: 200 }], 1000);
    expect(est.perSecond).toBeCloseTo(100);
    expect(est.etaSeconds).toBeCloseTo(8);
    expect(est.fraction).toBeCloseTo(0.2);
    expect(formatDuration(200)).toBe('3 min 20 s');
  });

  it('says what happened and what to do, without a stack', () => {
    const e = new Error("Error invoking remote method 'vlf:verify/run': Error: /x/a.zip: cannot read\n    at foo (bar.js:1:1)");
    const p = plainError(e, 'Verify');
    expect(p.what).toBe('Verify failed: /x/a.zip: cannot read');
    expect(p.what).not.toMatch(/\bat foo\b/);
    expect(p.todo.length).toBeGreaterThan(10);
    expect(plainError({ error: { code: 'engine-unavailable', message: 'x' } }, 'Count').engineUnavailable).toBe(true);
  });

  it('groups findings by check, worst first, and exports them as CSV', () => {
    const f = (check: Finding['check'], severity: Finding['severity'], location = ''): Finding => ({ check, severity, file: 'a.zip', location, message: `m ${check}, "q"` });
    const groups = groupByCheck([f('V9', 'INFO'), f('V5', 'FAIL', 'x.csv'), f('V1', 'WARN'), f('V5', 'FAIL', 'y.csv')]);
    expect(groups.map((g) => [g.check, g.severity, g.findings.length])).toEqual([
      ['V5', 'FAIL', 2],
      ['V1', 'WARN', 1],
      ['V9', 'INFO', 1],
    ]);
    expect(groups[0]!.title).toBe('Hashes match the files');
    expect(findingsCsv([f('V5', 'FAIL', 'x.csv')])).toBe('file,check,severity,location,message\r\na.zip,V5,FAIL,x.csv,"m V5, ""q"""\r\n');
  });
});

describe('reported audits as counts', () => {
  it('reads cells as written and marks columns the file does not have as unavailable', () => {
    expect(parseCell('12')).toBe(12);
    expect(parseCell('Y')).toBe('Y');
    expect(parseCell('')).toBeNull();
    expect(parseCell(undefined)).toBeNull();
    const summary = reportedSummary(
      { sourceId: 1, file: 'f.csv', member: '', view: 'detailed', auditVersion: '4.1.5', dateTime: '2024-02-21 05:53', platformId: 'p', verdict: 'PASS' },
      [
        { rowKey: 'provider:Acme#1', provider: 'Acme', reseller: '', customer: '', customerPkid: '', cells: { 'Multiple Phones': '0', 'Standalone Phones (No UCM User)': '3' } },
        { rowKey: 'customer:65d5', provider: 'Acme', reseller: '', customer: 'Harbor', customerPkid: '65d5', cells: { 'Multiple Phones': '19', 'Standalone Phones (No UCM User)': '0' } },
      ],
    );
    expect(summary.rows.map((r) => r.kind)).toEqual(['provider', 'customer']);
    expect(summary.rows[1]!.legacy['Multiple Phones']).toBe(19);
    expect(summary.unavailable).toContain('User Licenses');
    expect(summary.unavailable).not.toContain('Multiple Phones');
  });
});
