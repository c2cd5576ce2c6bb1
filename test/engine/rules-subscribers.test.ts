/** counting-rules.md §3 Services of a UCM user (R20–R25) and §4 the legacy subscriber columns (R30–R46). */
import { describe, expect, it } from 'vitest';
import type { LegacyColumn } from '../../src-shared/audit/columns';
import { SUBSCRIBER_COLUMNS } from '../../src-shared/engine/subscribers';
import { cell, columnOf, counted, DumpBuilder } from './support/dump-builder';

interface Services {
  phones?: number;
  em?: boolean;
  snr?: boolean;
  vm?: boolean;
  webex?: boolean;
  spark?: boolean;
}

/** A UCM user `userid` at the site of C1 with exactly the services asked for, each made the plainest way. */
function withServices(b: DumpBuilder, at: { customer: string; site: string }, userid: string, s: Services): void {
  const devices = Array.from({ length: s.phones ?? 0 }, (_v, i) => `SEP-${userid}-${i}`);
  b.ucmUser(at.site, userid, {
    mailid: `${userid}@example.com`,
    associatedDevices: devices,
    phoneProfiles: s.em ? [`EM-${userid}`] : [],
    associatedRemoteDestinationProfiles: s.snr ? [`RDP-${userid}`] : [],
  });
  for (const d of devices) b.phone(at.site, d);
  if (s.vm) b.record('device/cuc/User', at.customer, { Alias: userid });
  if (s.webex) b.record('device/webex/User', at.customer, { username: userid, email: `${userid}@example.com` });
  if (s.spark) b.record('device/spark/User', at.customer, { email: `${userid}@example.com` });
}

/** The column one UCM user with these services lands in. */
function columnFor(s: Services): LegacyColumn | undefined {
  const b = new DumpBuilder();
  const t = b.tenant();
  withServices(b, t, 'u', s);
  return columnOf(b.count(), 'C1', 'u');
}

const COLUMN = Object.fromEntries(SUBSCRIBER_COLUMNS.map((c) => [c.rule, c.column])) as Record<(typeof SUBSCRIBER_COLUMNS)[number]['rule'], LegacyColumn>;

/** For each column: services that fit it (with every lower-ranked service on too), and one condition less that moves the user elsewhere. */
const CASES: ReadonlyArray<{ rule: keyof typeof COLUMN; fits: Services; misses: Services; missesTo: keyof typeof COLUMN }> = [
  { rule: 'R30', fits: { phones: 2, em: true, snr: true, vm: true, webex: true, spark: true }, misses: { phones: 1 }, missesTo: 'R34' },
  { rule: 'R31', fits: { phones: 1, webex: true, vm: true, spark: true, em: true, snr: true }, misses: { phones: 1, vm: true, spark: true }, missesTo: 'R32' },
  { rule: 'R32', fits: { phones: 1, vm: true, spark: true, em: true }, misses: { phones: 1, spark: true, em: true }, missesTo: 'R33' },
  { rule: 'R33', fits: { phones: 1, spark: true, snr: true }, misses: { phones: 1, snr: true }, missesTo: 'R34' },
  { rule: 'R34', fits: { phones: 1, em: true, snr: true }, misses: { phones: 0, em: true, snr: true }, missesTo: 'R38' },
  { rule: 'R35', fits: { em: true, webex: true, vm: true, spark: true, snr: true }, misses: { em: true, vm: true, spark: true, snr: true }, missesTo: 'R36' },
  { rule: 'R36', fits: { em: true, vm: true, spark: true, snr: true }, misses: { em: true, spark: true, snr: true }, missesTo: 'R37' },
  { rule: 'R37', fits: { em: true, spark: true, snr: true }, misses: { em: true, snr: true }, missesTo: 'R38' },
  { rule: 'R38', fits: { em: true, snr: true }, misses: { em: true }, missesTo: 'R39' },
  { rule: 'R39', fits: { em: true }, misses: {}, missesTo: 'R44' },
  { rule: 'R40', fits: { webex: true, vm: true, spark: true, snr: true }, misses: { vm: true, spark: true, snr: true }, missesTo: 'R41' },
  { rule: 'R41', fits: { vm: true, spark: true, snr: true }, misses: { spark: true, snr: true }, missesTo: 'R42' },
  { rule: 'R42', fits: { spark: true, snr: true }, misses: { snr: true }, missesTo: 'R43' },
  { rule: 'R43', fits: { snr: true }, misses: {}, missesTo: 'R44' },
  { rule: 'R44', fits: {}, misses: { snr: true }, missesTo: 'R43' },
];

describe('legacy subscriber columns (R30–R44)', () => {
  it.each(CASES)('$rule: a user that fits lands in its column; one condition less moves it to $missesTo', ({ rule, fits, misses, missesTo }) => {
    expect(columnFor(fits)).toBe(COLUMN[rule]);
    expect(columnFor(misses)).toBe(COLUMN[missesTo]);
  });

  it('R30–R44 each subscriber is in exactly one column, and the columns add up to the subscribers', () => {
    const b = new DumpBuilder();
    const t = b.tenant();
    CASES.forEach((c, i) => withServices(b, t, `u${i}`, c.fits));
    const e = b.count();
    const total = SUBSCRIBER_COLUMNS.reduce((sum, c) => sum + Number(cell(e, 'C1', c.column)), 0);
    expect(total).toBe(CASES.length);
    for (const c of SUBSCRIBER_COLUMNS) expect(cell(e, 'C1', c.column), c.column).toBe(1);
  });
});

describe('services of a UCM user (R20–R25)', () => {
  const EM_ONLY = COLUMN.R39;
  const NOTHING = COLUMN.R44;

  it('R20 EM: phoneProfiles or a DeviceProfile naming the user give EM; a DeviceProfile of another user does not', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.ucmUser(customer, 'byfield', { phoneProfiles: { profileName: ['EMP1'] } });
    b.ucmUser(customer, 'byprofile');
    b.ucmUser(customer, 'other');
    b.record('device/cucm/DeviceProfile', customer, { name: 'EMP2', userid: ' ByProfile ' });
    b.record('device/cucm/DeviceProfile', customer, { name: 'EMP3', userid: 'someone-else' });
    const e = b.count();
    expect(columnOf(e, 'C1', 'byfield')).toBe(EM_ONLY);
    expect(columnOf(e, 'C1', 'byprofile')).toBe(EM_ONLY);
    expect(columnOf(e, 'C1', 'other')).toBe(NOTHING);
  });

  it('R21 SNR: associatedRemoteDestinationProfiles or a RemoteDestinationProfile with the userId give SNR; one of another user does not', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.ucmUser(customer, 'byfield', { associatedRemoteDestinationProfiles: ['RDP1'] });
    b.ucmUser(customer, 'byprofile');
    b.ucmUser(customer, 'other');
    b.record('device/cucm/RemoteDestinationProfile', customer, { name: 'RDP2', userId: 'BYPROFILE' });
    b.record('device/cucm/RemoteDestinationProfile', customer, { name: 'RDP3', userId: 'nobody' });
    const e = b.count();
    expect(columnOf(e, 'C1', 'byfield')).toBe(COLUMN.R43);
    expect(columnOf(e, 'C1', 'byprofile')).toBe(COLUMN.R43);
    expect(columnOf(e, 'C1', 'other')).toBe(NOTHING);
  });

  it('R22 VM: a CUC user whose Alias is the user id gives VM; an Alias of nobody does not (and is standalone voicemail)', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.ucmUser(customer, 'alice');
    b.ucmUser(customer, 'bob');
    b.record('device/cuc/User', customer, { Alias: 'Alice' });
    b.record('device/cuc/User', customer, { Alias: 'bobby' });
    const e = b.count();
    expect(columnOf(e, 'C1', 'alice')).toBe(COLUMN.R41);
    expect(columnOf(e, 'C1', 'bob')).toBe(NOTHING);
    expect(counted(e, 'C1', 'Standalone Voicemail (No UCM User)')).toEqual(['bobby']);
  });

  it('R23 WebEx: a Webex user by username = userid or by email = mailid gives WebEx; neither key matching does not', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.ucmUser(customer, 'byname', { mailid: 'n@example.com' });
    b.ucmUser(customer, 'bymail', { mailid: 'm@example.com' });
    b.ucmUser(customer, 'neither', { mailid: 'x@example.com' });
    b.record('device/webex/User', customer, { username: 'BYNAME', email: 'other1@example.com' });
    b.record('device/webex/User', customer, { username: 'someone', email: ' M@Example.com ' });
    b.record('device/webex/User', customer, { username: 'mailid-not-userid', email: 'neither@example.com' });
    const e = b.count();
    expect(columnOf(e, 'C1', 'byname')).toBe(COLUMN.R40);
    expect(columnOf(e, 'C1', 'bymail')).toBe(COLUMN.R40);
    expect(columnOf(e, 'C1', 'neither')).toBe(NOTHING);
  });

  it('R24 Spark: a Spark user with the mailid at the same level or above gives Spark; one below the UCM user, or with another e-mail, does not', () => {
    const b = new DumpBuilder();
    const { customer, site } = b.tenant();
    b.ucmUser(site, 'same', { mailid: 'same@example.com' });
    b.ucmUser(site, 'above', { mailid: 'above@example.com' });
    b.ucmUser(customer, 'below', { mailid: 'below@example.com' });
    b.ucmUser(site, 'other', { mailid: 'other@example.com' });
    b.record('device/spark/User', site, { email: 'same@example.com' });
    b.record('device/spark/User', customer, { email: 'ABOVE@example.com' });
    b.record('device/spark/User', site, { email: 'below@example.com' });
    b.record('device/spark/User', site, { email: 'another@example.com' });
    const e = b.count();
    expect(columnOf(e, 'C1', 'same')).toBe(COLUMN.R42);
    expect(columnOf(e, 'C1', 'above')).toBe(COLUMN.R42);
    expect(columnOf(e, 'C1', 'below')).toBe(NOTHING);
    expect(columnOf(e, 'C1', 'other')).toBe(NOTHING);
    // R54: the Spark users that gave no UCM user Spark are standalone
    expect(counted(e, 'C1', 'Standalone Spark (No UCM User)')).toEqual(['another@example.com', 'below@example.com']);
  });

  it('R24 Spark: a sibling site is neither the same level nor above, so it gives no Spark', () => {
    const b = new DumpBuilder();
    const { customer, site } = b.tenant();
    const other = b.site(customer, 'S2');
    b.ucmUser(site, 'alice', { mailid: 'a@example.com' });
    b.record('device/spark/User', other, { email: 'a@example.com' });
    const e = b.count();
    expect(columnOf(e, 'C1', 'alice')).toBe(NOTHING);
    expect(cell(e, 'C1', 'Standalone Spark (No UCM User)')).toBe(1);
  });

  it('R25 contact center agents: a UCM user named by a uccx userID or a ccdm Name leaves every subscriber column; others stay', () => {
    const b = new DumpBuilder();
    const { site } = b.tenant();
    b.ucmUser(site, 'express', { associatedDevices: ['SEP1'] });
    b.ucmUser(site, 'enterprise', { associatedDevices: ['SEP2', 'SEP3'] });
    b.ucmUser(site, 'plain', { associatedDevices: ['SEP4'] });
    for (const n of ['SEP1', 'SEP2', 'SEP3', 'SEP4']) b.phone(site, n);
    b.record('device/uccx/Agent', site, { userID: 'Express' });
    b.record('device/ccdm/Agent', site, { Name: 'enterprise ' });
    const e = b.count();
    expect(columnOf(e, 'C1', 'express')).toBeUndefined();
    expect(columnOf(e, 'C1', 'enterprise')).toBeUndefined();
    expect(columnOf(e, 'C1', 'plain')).toBe(COLUMN.R34);
    expect(cell(e, 'C1', 'Multiple Phones')).toBe(0);
    expect(cell(e, 'C1', 'Contact Center Express')).toBe(1);
    expect(cell(e, 'C1', 'Contact Center Enterprise')).toBe(1);
    // the agents' phones are theirs, not standalone
    expect(cell(e, 'C1', 'Standalone Phones (No UCM User)')).toBe(0);
  });
});

describe('info columns over the subscribers (R45, R46)', () => {
  it('R45 Users With More Than 10 Phones: 11 phones counts, 10 does not; the user stays in Multiple Phones too', () => {
    const b = new DumpBuilder();
    const t = b.tenant();
    withServices(b, t, 'eleven', { phones: 11 });
    withServices(b, t, 'ten', { phones: 10 });
    const e = b.count();
    expect(counted(e, 'C1', 'Users With More Than 10 Phones')).toEqual(['eleven']);
    expect(cell(e, 'C1', 'Multiple Phones')).toBe(2);
  });

  it('R45/R25 a contact center agent with 11 phones is no subscriber, so not in Users With More Than 10 Phones', () => {
    const b = new DumpBuilder();
    const t = b.tenant();
    withServices(b, t, 'agent', { phones: 11 });
    b.record('device/uccx/Agent', t.site, { userID: 'agent' });
    expect(cell(b.count(), 'C1', 'Users With More Than 10 Phones')).toBe(0);
  });

  it('R46 Standard Users with Spark: Spark users outside the Spark columns (R33, R37, R42) count; those inside, and users without Spark, do not', () => {
    const b = new DumpBuilder();
    const t = b.tenant();
    withServices(b, t, 'multi', { phones: 2, spark: true }); // R30 + Spark → counted
    withServices(b, t, 'webex', { phones: 1, webex: true, spark: true }); // R31 + Spark → counted
    withServices(b, t, 'em-vm', { em: true, vm: true, spark: true }); // R36 + Spark → counted
    withServices(b, t, 'onephone', { phones: 1, spark: true }); // R33: already says Spark
    withServices(b, t, 'em', { em: true, spark: true }); // R37
    withServices(b, t, 'only', { spark: true }); // R42
    withServices(b, t, 'nospark', { phones: 2 }); // no Spark at all
    const e = b.count();
    expect(counted(e, 'C1', 'Standard Users with Spark')).toEqual(['em-vm', 'multi', 'webex']);
  });
});
