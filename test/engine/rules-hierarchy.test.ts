/** counting-rules.md §1 Hierarchy and scope (R1–R8) and the settled details on rows and scope (R100–R102, R111, R115). */
import { describe, expect, it } from 'vitest';
import { CountError } from '../../src-shared/engine/types';
import { cell, columnOf, DumpBuilder, providerRowOf, rowOf } from './support/dump-builder';

const STANDALONE = 'Standalone Phones (No UCM User)';

function countError(run: () => unknown): CountError {
  try {
    run();
  } catch (e) {
    if (e instanceof CountError) return e;
    throw e;
  }
  throw new Error('no CountError');
}

describe('hierarchy and scope (R1–R8)', () => {
  it('R1 nodes: Provider, Reseller, Customer and Site are recognized (any case, URI form); other types are intermediate nodes', () => {
    const b = new DumpBuilder();
    const p = b.node('/api/data/HierarchyNodeType/Provider', 'sys.hcs', 'P1');
    const r = b.node('reseller', p, 'R1');
    const c = b.node('CUSTOMER', r, 'C1');
    const d = b.node('Division', c, 'D1');
    const notCustomer = b.node('Division', r, 'NotACustomer');
    b.node({ name: 'Site' }, d, 'S1');
    b.phone(`${d}.S1`, 'SEP1');
    b.phone(notCustomer, 'SEP2');
    const e = b.count();
    expect(e.summary.rows.filter((row) => row.kind === 'customer').map((row) => row.customer)).toEqual(['C1']);
    const row = rowOf(e, 'C1');
    expect([row.provider, row.reseller, row.legacy['Site Count'], row.legacy[STANDALONE]]).toEqual(['P1', 'R1', 1, 1]);
    // the phone under the Division that is no customer is above customer level: the provider row
    expect(providerRowOf(e, 'P1')!.legacy[STANDALONE]).toBe(1);
  });

  it('R2 owning customer: a record belongs to the nearest Customer at or above its path; a record at the customer itself too', () => {
    const b = new DumpBuilder();
    const one = b.tenant('C1');
    b.tenant('C2');
    b.phone(one.customer, 'AT-CUSTOMER');
    b.phone(`${one.site}.Floor1.Room2`, 'DEEP');
    const e = b.count();
    expect([cell(e, 'C1', STANDALONE), cell(e, 'C2', STANDALONE)]).toEqual([2, 0]);
  });

  it('R3 provider row: records above customer level are counted for their provider (blank customer pkid); above any provider in the blank-provider row', () => {
    const b = new DumpBuilder();
    const { provider } = b.tenant();
    b.phone(provider, 'AT-PROVIDER');
    b.phone('sys.hcs', 'AT-SYS-HCS');
    const e = b.count();
    const prow = providerRowOf(e, 'P1')!;
    expect([prow.kind, prow.customerPkid, prow.legacy[STANDALONE], prow.written]).toEqual(['provider', '', 1, true]);
    const blank = providerRowOf(e, '')!;
    expect([blank.provider, blank.customerPkid, blank.legacy[STANDALONE], blank.written]).toEqual(['', '', 1, true]);
    expect(cell(e, 'C1', STANDALONE)).toBe(0);
  });

  it('R3/R101 a provider row is written only when one of its counts is non-zero; a customer row always', () => {
    const b = new DumpBuilder();
    b.tenant();
    b.vossUser('sys.hcs.P1', 'unlicensed-at-provider');
    const e = b.count();
    expect(providerRowOf(e, 'P1')!.written).toBe(false); // the row exists (its user is listed) but is not written
    expect(rowOf(e, 'C1').written).toBe(true);
    const b2 = new DumpBuilder();
    b2.tenant();
    b2.record('device/msteamsonline/CsOnlineUser', 'sys.hcs.P1', { UserPrincipalName: 'room', AccountEnabled: 1, EnterpriseVoiceEnabled: 1, FeatureTypes: 'TeamsRoomStandard' });
    expect(providerRowOf(b2.count(), 'P1')!.written).toBe(true); // a summary count (R86) is enough
  });

  it('R4/R100 users in scope: data/User strictly below sys.hcs is counted; at sys.hcs itself or elsewhere it is ignored', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.vossUser(customer, 'in');
    b.vossUser('sys.hcs.P1', 'provider-level');
    b.vossUser('sys.hcs', 'at-hcs');
    b.vossUser('sys', 'at-sys');
    b.vossUser('sys.hcsx.C9', 'lookalike');
    const names = b
      .count()
      .users({})
      .users.map((u) => u.username)
      .sort();
    expect(names).toEqual(['in', 'provider-level']);
  });

  it('R100 records outside sys.hcs are counted in the blank-provider row', () => {
    const b = new DumpBuilder();
    b.tenant();
    b.phone('sys', 'AT-SYS');
    expect(providerRowOf(b.count(), '')!.legacy[STANDALONE]).toBe(1);
  });

  it('R5/R102 --from-hierarchy: only rows in the subtree of the node (pkid exact, then any case; or path); an unknown node is an error', () => {
    const b = new DumpBuilder();
    b.tenant('C1');
    b.tenant('C2');
    b.phone('sys.hcs.P1', 'PROVIDER-PHONE');
    b.phone('sys.hcs', 'BLANK-PHONE');
    const names = (from: string) => b.count({ fromHierarchy: from }).summary.rows.map((r) => `${r.kind}:${r.customer || r.provider}`);
    expect(names('C1-pkid')).toEqual(['customer:C1']);
    expect(names('c2-PKID')).toEqual(['customer:C2']);
    expect(names('sys.hcs.P1.C1')).toEqual(['customer:C1']);
    // the provider keeps its provider row and its customers, never the blank-provider row
    expect(names('sys.hcs.P1')).toEqual(['provider:P1', 'customer:C1', 'customer:C2']);
    expect(countError(() => b.count({ fromHierarchy: 'nope' })).rule).toBe('R5');
    expect(countError(() => b.count({ fromHierarchy: 'SYS.HCS.P1.C1' })).rule).toBe('R5'); // paths match exactly
  });

  it('R102 --from-hierarchy: a reseller keeps its customers but not its provider\'s row; a node below customer level gives no rows and a note', () => {
    const b = new DumpBuilder();
    const p = b.provider('P1');
    const r = b.node('Reseller', p, 'R1');
    const c = b.customer(r, 'C1');
    const s = b.site(c, 'S1');
    b.customer(p, 'Direct');
    b.phone(p, 'PROVIDER-PHONE');
    b.phone(s, 'SITE-PHONE');
    const rows = b.count({ fromHierarchy: r }).summary.rows;
    expect(rows.map((x) => x.customer)).toEqual(['C1']);
    expect(rows[0]!.legacy[STANDALONE]).toBe(1); // rows are filtered, not records: the row is counted in full
    const below = b.count({ fromHierarchy: s });
    expect(below.summary.rows).toEqual([]);
    expect(below.summary.notes.some((n) => n.rule === 'R102')).toBe(true);
  });

  it('R6 no hierarchy: a dump with no Provider and no Customer node is an error; a lone Provider is enough', () => {
    const b = new DumpBuilder();
    b.node('Reseller', 'sys.hcs', 'R1');
    b.phone('sys.hcs.R1', 'SEP1');
    expect(countError(() => b.count()).rule).toBe('R6');
    b.provider('P1');
    expect(() => b.count()).not.toThrow();
  });

  it('R7 matching scope: a phone, service or link never crosses customers; the same records in one customer do link', () => {
    const b = new DumpBuilder();
    const one = b.tenant('C1');
    const two = b.tenant('C2');
    b.ucmUser(one.customer, 'alice', { associatedDevices: ['SEP-A'], mailid: 'a@example.com' });
    b.phone(two.customer, 'SEP-A'); // listed by alice, but in C2
    b.phone(two.customer, 'SEP-B', { ownerUserName: 'alice' });
    b.record('device/cuc/User', two.customer, { Alias: 'alice' });
    b.record('device/cuc/User', one.customer, { Alias: 'alice' });
    const e = b.count();
    expect(columnOf(e, 'C1', 'alice')).toBe('VM (No Phone & No EM & No WebEx)');
    expect([cell(e, 'C2', STANDALONE), cell(e, 'C2', 'Standalone Voicemail (No UCM User)')]).toEqual([2, 1]);
    expect(cell(e, 'C1', 'Standalone Voicemail (No UCM User)')).toBe(0);
  });

  it('R7 a provider-level record does not link to a customer\'s user (different rows)', () => {
    const b = new DumpBuilder();
    const { provider, customer } = b.tenant();
    b.ucmUser(customer, 'alice', { mailid: 'a@example.com' });
    b.record('device/spark/User', provider, { email: 'a@example.com' }); // above alice, but another row
    const e = b.count();
    expect(columnOf(e, 'C1', 'alice')).toBe('UCM User (No Phone & No EM & No VM & No WebEx & No SNR & No Spark)');
    expect(providerRowOf(e, 'P1')!.legacy['Standalone Spark (No UCM User)']).toBe(1);
  });

  it('R8 key comparison: user ids and e-mails match trimmed and in any case; a different key does not', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.vossUser(customer, '  JDoe ', { email: 'JD@Example.COM' });
    b.ucmUser(customer, 'jdoe', { associatedDevices: ['SEP1'] });
    b.phone(customer, 'SEP1');
    b.record('device/msexchangeonline/UserMailbox', customer, { UserPrincipalName: ' jd@example.com' });
    b.record('device/msexchangeonline/UserMailbox', customer, { UserPrincipalName: 'jd@example.org' });
    const e = b.count();
    const user = e.users({}).users[0]!;
    expect(user.linkedServices.map((s) => s.key)).toEqual(['jdoe', 'jd@example.com']);
    expect(user.rules).toEqual(['R61', 'R65']);
  });
});

describe('settled details on the hierarchy (R111, R115)', () => {
  it('R111 hierarchy paths are compared exactly: a record at a path differing in case is not under the customer', () => {
    const b = new DumpBuilder();
    b.tenant();
    b.phone('sys.hcs.P1.C1', 'EXACT');
    b.phone('sys.hcs.P1.c1', 'OTHER-CASE');
    const e = b.count();
    expect(cell(e, 'C1', STANDALONE)).toBe(1);
    expect(providerRowOf(e, 'P1')!.legacy[STANDALONE]).toBe(1);
  });

  it('R115 duplicate nodes: of two nodes with one path the smaller pkid wins, with a warning; distinct paths give no warning', () => {
    const b = new DumpBuilder();
    const p = b.provider('P1');
    b.customer(p, 'C1', {}, 'pk-b');
    b.customer(p, 'C1', {}, 'pk-a');
    b.customer(p, 'C2', {}, 'pk-c');
    const e = b.count();
    expect(rowOf(e, 'C1').customerPkid).toBe('pk-a');
    expect(e.summary.notes.filter((n) => n.rule === 'R115')).toHaveLength(1);
    expect(e.summary.rows.filter((r) => r.customer === 'C1')).toHaveLength(1);
    // a duplicated Site node is one site (R59)
    const b2 = new DumpBuilder();
    const { customer } = b2.tenant();
    b2.site(customer, 'S1');
    b2.site(customer, 'S2');
    expect(cell(b2.count(), 'C1', 'Site Count')).toBe(2);
  });

  it('R115 a node without pkid gets its derived id prefixed derived-; a real pkid is kept as is', () => {
    const b = new DumpBuilder();
    const p = b.provider('P1');
    b.customer(p, 'C1', {}, 'abc123');
    b.customer(p, 'C2', {}, 'f00d');
    b.derived('f00d');
    const e = b.count();
    expect(rowOf(e, 'C1').customerPkid).toBe('abc123');
    expect(rowOf(e, 'C2').customerPkid).toBe('derived-f00d');
  });
});
