/**
 * counting-rules.md §8 Determinism (R90, R91), R110 booleans, R104 ties, and
 * the export-bundle source (platform-dump.md §3: what a bundle cannot tell).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLAG_COLUMNS, LEGACY_COUNT_COLUMNS, SUMMARY_COUNT_COLUMNS } from '../../src-shared/audit/columns';
import { auditCsv, usersCsv } from '../../src-shared/engine/output';
import { SUBSCRIBER_COLUMNS } from '../../src-shared/engine/subscribers';
import { countSource } from '../../src-main/services/count-service';
import { type BuiltRecord, cell, DumpBuilder, rowOf } from './support/dump-builder';

const FIXTURES = join(__dirname, '..', '..', '..', 'shared', 'fixtures');

/** A small dump touching most columns. */
function sample(order: (records: BuiltRecord[]) => BuiltRecord[] = (r) => r): DumpBuilder {
  const b = new DumpBuilder();
  const one = b.tenant('Beta');
  const two = b.tenant('alpha');
  for (const t of [one, two]) {
    b.vossUser(t.site, 'jo', { email: 'jo@example.com' });
    b.vossUser(t.site, 'Jo', { email: 'jo2@example.com', mvs_hybrid_status: 'x' });
    b.ucmUser(t.site, 'jo', { associatedDevices: ['SEP1', 'SEP2'], mailid: 'jo@example.com' });
    b.phone(t.site, 'SEP1');
    b.phone(t.site, 'SEP2');
    b.phone(t.site, 'SEP3');
    b.record('device/msexchangeonline/UserMailbox', t.customer, { UserPrincipalName: 'jo2@example.com' });
    b.record('device/webex/User', t.customer, { username: 'solo' });
  }
  b.phone('sys.hcs.P1', 'PROVIDER-PHONE');
  const shuffled = order([...b.records]);
  b.records.splice(0, b.records.length, ...shuffled);
  return b;
}

describe('determinism (R90)', () => {
  it('R90 the same records in any order give byte-identical legacy, v5 and users CSVs', () => {
    const outputs = (b: DumpBuilder) => {
      const e = b.count();
      return [auditCsv(e.summary, 'legacy', 'detailed'), auditCsv(e.summary, 'v5', 'detailed'), usersCsv(e.users({}).users)];
    };
    const reference = outputs(sample());
    expect(outputs(sample((r) => r.reverse()))).toEqual(reference);
    expect(outputs(sample((r) => [...r.filter((_x, i) => i % 2), ...r.filter((_x, i) => i % 2 === 0)]))).toEqual(reference);
    // and different records do give a different output (the comparison can fail)
    const other = sample();
    other.phone('sys.hcs.P1.alpha', 'EXTRA');
    expect(outputs(other)[0]).not.toBe(reference[0]);
  });

  it('R90 row order: provider, provider rows first, reseller, customer name then pkid, in code-point order', () => {
    const b = new DumpBuilder();
    const p2 = b.provider('Zeta');
    const p1 = b.provider('Acme');
    b.customer(p2, 'z1', {}, 'pk-z');
    b.customer(p1, 'b', {}, 'pk-2');
    b.customer(p1, 'b', {}, 'pk-1'); // same name, same path: R115 keeps one
    const r = b.node('Reseller', p1, 'R');
    b.customer(r, 'a', {}, 'pk-3');
    b.customer(p1, 'B', {}, 'pk-4');
    b.customer(p1, 'é', {}, 'pk-5');
    b.customer(`${p1}.Other`, 'b', {}, 'pk-0'); // same name, other path: pkid decides
    b.phone(p1, 'SEP');
    b.phone('sys.hcs', 'SEP');
    const rows = b.count().summary.rows.map((x) => `${x.provider}|${x.reseller}|${x.customer}|${x.customerPkid}`);
    expect(rows).toEqual(['|||', 'Acme|||', 'Acme||B|pk-4', 'Acme||b|pk-0', 'Acme||b|pk-1', 'Acme||é|pk-5', 'Acme|R|a|pk-3', 'Zeta||z1|pk-z']);
  });

  it('R104 ties: equal R8 keys are ordered by the raw value, then the pkid — in the users list as for links', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.vossUser(customer, 'bob', {}); // pk-0004
    b.vossUser(customer, 'Bob', {});
    b.vossUser(customer, 'alice', {});
    b.record('data/User', customer, { username: 'bob' }, 'pk-0000');
    expect(b.count().users({}).users.map((u) => `${u.username}/${u.pkid}`)).toEqual(['alice/pk-0006', 'Bob/pk-0005', 'bob/pk-0000', 'bob/pk-0004']);
  });
});

describe('R110 booleans', () => {
  it('R110 true is true, a non-zero number, or y/yes/t/true/1 text in any case; everything else, absent or null is false', () => {
    const b = new DumpBuilder();
    const p = b.provider('P1');
    const truthy: unknown[] = [true, 1, 2, -1, 'true', ' TRUE ', 'y', 'Yes', 't', 'T', '1'];
    const falsy: unknown[] = [false, 0, 'false', 'n', 'no', 'f', '0', '', 'maybe', null, undefined, ['true'], { value: true }];
    truthy.forEach((v, i) => b.customer(p, `T${i}`, { public_sector: v }));
    falsy.forEach((v, i) => b.customer(p, `F${i}`, v === undefined ? {} : { public_sector: v }));
    const e = b.count();
    truthy.forEach((v, i) => expect(cell(e, `T${i}`, 'Public Sector'), JSON.stringify(v)).toBe('Y'));
    falsy.forEach((v, i) => expect(cell(e, `F${i}`, 'Public Sector'), JSON.stringify(v) ?? 'undefined').toBe('N'));
  });
});

describe('explain (R91)', () => {
  it.each(['basic', 'edge-cases', 'multi-tenant'])('R91 %s: for every cell, the weights explain(row, column) lists sum to the cell (non-zero cells have records)', async (name) => {
    const counted = await countSource({ kind: 'path', path: join(FIXTURES, name, 'dump') });
    let nonZero = 0;
    for (const row of counted.summary.rows) {
      const cells: Array<[string, unknown]> = [
        ...LEGACY_COUNT_COLUMNS.filter((c) => !FLAG_COLUMNS.has(c)).map((c): [string, unknown] => [c, row.legacy[c]]),
        ...SUMMARY_COUNT_COLUMNS.map((c): [string, unknown] => [c, row.summary[c]]),
      ];
      for (const [column, value] of cells) {
        const records = counted.explain(row.key, column);
        const sum = records.reduce((s, r) => s + r.weight, 0);
        expect(sum, `${row.key} ${column}`).toBe(value);
        if (value !== 0) {
          nonZero += 1;
          expect(records.every((r) => r.pkid !== '' && r.rule.startsWith('R')), `${row.key} ${column}`).toBe(true);
        }
      }
      for (const flag of FLAG_COLUMNS) {
        const records = counted.explain(row.key, flag);
        if (row.kind === 'customer') expect(records.map((r) => r.weight), `${row.key} ${flag}`).toEqual([row.legacy[flag as 'Public Sector'] === 'Y' ? 1 : 0]);
      }
    }
    expect(nonZero).toBeGreaterThan(5);
  });

  it('R91 an unknown row or column explains to nothing', () => {
    const e = sample().count();
    expect(e.explain('c:nowhere', 'Multiple Phones')).toEqual([]);
    expect(e.explain(rowOf(e, 'alpha').key, 'No Such Column')).toEqual([]);
    expect(e.explain(rowOf(e, 'alpha').key, 'Multiple Phones').map((r) => r.label)).toEqual(['jo']);
  });
});

describe('export-bundle sources (platform-dump.md §3)', () => {
  /** What §3 says a bundle lacks: data/User, device/webex/User, UserConfig, customer flags. */
  const NEEDS_VOSS_USERS = [
    'User Licenses',
    'Cisco and MS Integrated Services',
    'Standalone Devices',
    'MS Teams (No Voice)',
    'MS Teams & Voice',
    'MS Teams & Voice & Exchange',
    'MS 0365 User (no Teams)',
    'Cisco and MS Integrated Service',
    'Multi-vendor Users',
    'PexIP only',
  ];
  /** R31–R44 each say "WebEx" or "No WebEx"; R46 rests on them; R52 is Webex users. R30 does not depend on WebEx. */
  const NEEDS_WEBEX: string[] = [
    ...SUBSCRIBER_COLUMNS.filter((c) => c.rule !== 'R30').map((c) => c.column),
    'Standard Users with Spark',
    'Standalone WebEx (No UCM User)',
  ];
  const FLAGS = ['Public Sector', 'Inactive Billing'];
  /**
   * Spec-silent: a bundle holds no device/cuc/User records (only the subscriber's
   * `voicemail` flag), so Standalone Voicemail (R53) cannot be counted either.
   */
  const NO_CUC_USERS = ['Standalone Voicemail (No UCM User)'];

  it('§3 the columns a bundle cannot support are null (not 0) and listed in summary.unavailable; the others are counted', () => {
    const e = sample().count({ sourceKind: 'export' });
    const expected = new Set([...NEEDS_VOSS_USERS, ...NEEDS_WEBEX, ...FLAGS, ...NO_CUC_USERS]);
    expect(new Set(e.summary.unavailable)).toEqual(expected);
    const row = rowOf(e, 'alpha');
    for (const c of LEGACY_COUNT_COLUMNS) expect(row.legacy[c] === null, c).toBe(expected.has(c));
    for (const c of SUMMARY_COUNT_COLUMNS) expect(row.summary[c] === null, c).toBe(expected.has(c));
    expect([row.legacy['Multiple Phones'], row.legacy['Standalone Phones (No UCM User)'], row.summary.Sites]).toEqual([1, 1, 1]);
    // the same records as a dump: nothing unavailable
    const dump = sample().count();
    expect(dump.summary.unavailable).toEqual([]);
    // R6A/R104: 'Jo' sorts before 'jo', so Jo gets the UCM user jo as well as its mailbox; jo is unlicensed
    expect(rowOf(dump, 'alpha').summary['User Licenses']).toBe(1);
  });

  it('§3 the export CSV has empty cells and a #Unavailable line; the dump CSV has neither', () => {
    const exportCsv = auditCsv(sample().count({ sourceKind: 'export' }).summary, 'v5', 'detailed');
    expect(exportCsv).toMatch(/^#Unavailable=User Licenses;Cisco and MS Integrated Services;Standalone Devices$/m);
    const alpha = exportCsv.split('\n').find((l) => l.includes(',alpha,'))!;
    expect(alpha.split(',').slice(-7)).toEqual(['', '0', '', '', '0', '0', '1']);
    expect(auditCsv(sample().count().summary, 'v5', 'detailed')).not.toContain('#Unavailable');
  });
});
