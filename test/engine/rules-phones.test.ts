/** counting-rules.md §2 Phones (R10–R16) and the settled details on phones (R103–R106, R111, R116). */
import { describe, expect, it } from 'vitest';
import { cell, columnOf, counted, DumpBuilder } from './support/dump-builder';

const ONE = 'One Phone (No VM & No WebEx & No Spark)';
const MULTI = 'Multiple Phones';
const NONE = 'UCM User (No Phone & No EM & No VM & No WebEx & No SNR & No Spark)';
const STANDALONE = 'Standalone Phones (No UCM User)';
const ANALOG = 'Standalone Analog Ports (No UCM User)';

describe('phones (R10–R16)', () => {
  it('R10 CTI ports: a CTI port (by product or by class) is counted nowhere, an ordinary phone is', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.vossUser(customer, 'alice');
    b.ucmUser(customer, 'alice', { associatedDevices: ['CTI1', 'SEP1'] });
    b.phone(customer, 'CTI1', { product: 'CTI Port' });
    b.phone(customer, 'SEP1');
    b.phone(customer, 'CTI2', { product: 'Cisco 7841', class: 'CTI Port' });
    b.phone(customer, 'SEP2');
    const e = b.count();
    expect(columnOf(e, 'C1', 'alice')).toBe(ONE); // CTI1 is not her second phone
    expect(counted(e, 'C1', STANDALONE)).toEqual(['SEP2']); // CTI2 is not standalone
    expect(counted(e, 'C1', 'Standalone Devices')).toEqual(['SEP2']); // R85 skips CTI ports too
  });

  it('R11 ownership: associatedDevices or ownerUserName make the phone the user\'s; association wins over the owner id', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.ucmUser(customer, 'alice', { associatedDevices: ['SEP1'] });
    b.ucmUser(customer, 'bob');
    b.ucmUser(customer, 'carol');
    b.phone(customer, 'SEP1', { ownerUserName: 'bob' }); // associated to alice, owned by bob → alice's
    b.phone(customer, 'SEP2', { ownerUserName: 'carol' }); // owned by carol
    b.phone(customer, 'SEP3', { ownerUserName: 'carol' });
    const e = b.count();
    expect(columnOf(e, 'C1', 'alice')).toBe(ONE);
    expect(columnOf(e, 'C1', 'bob')).toBe(NONE);
    expect(columnOf(e, 'C1', 'carol')).toBe(MULTI);
    expect(cell(e, 'C1', STANDALONE)).toBe(0);
  });

  it('R11/R104 two users list the same phone: it belongs to the one whose userid sorts first, never to both', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.ucmUser(customer, 'zoe', { associatedDevices: ['SEP1', 'SEP2'] });
    b.ucmUser(customer, 'Adam', { associatedDevices: ['SEP1'] });
    b.phone(customer, 'SEP1');
    b.phone(customer, 'SEP2');
    const e = b.count();
    expect(columnOf(e, 'C1', 'Adam')).toBe(ONE);
    expect(columnOf(e, 'C1', 'zoe')).toBe(ONE);
  });

  it('R12 unknown owner: an ownerUserName naming no UCM user of the row leaves the phone standalone, a known one does not', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.ucmUser(customer, 'alice');
    b.phone(customer, 'SEP1', { ownerUserName: 'ghost' });
    b.phone(customer, 'SEP2', { ownerUserName: 'alice' });
    const e = b.count();
    expect(counted(e, 'C1', STANDALONE)).toEqual(['SEP1']);
    expect(columnOf(e, 'C1', 'alice')).toBe(ONE);
  });

  it('R13 Spark Remote Device: dropped next to another phone, kept when it is the only one (R105)', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.ucmUser(customer, 'alice', { associatedDevices: ['SEP1', 'SPARK1'] });
    b.ucmUser(customer, 'bob', { associatedDevices: ['SPARK2'] });
    b.ucmUser(customer, 'carol', { associatedDevices: ['SPARK3', 'SPARK4'] });
    b.phone(customer, 'SEP1');
    b.phone(customer, 'SPARK1', { product: 'Cisco Spark Remote Device' });
    b.phone(customer, 'SPARK2', { product: ' cisco spark remote device ' }); // R111: trimmed, any case
    b.phone(customer, 'SPARK3', { product: 'Cisco Spark Remote Device' });
    b.phone(customer, 'SPARK4', { product: 'Cisco Spark Remote Device' });
    const e = b.count();
    expect(columnOf(e, 'C1', 'alice')).toBe(ONE); // 2 phones, the Spark one dropped
    expect(columnOf(e, 'C1', 'bob')).toBe(ONE); // only a Spark Remote Device: kept
    expect(columnOf(e, 'C1', 'carol')).toBe(MULTI); // R105: all Spark, all kept
    // a dropped Spark Remote Device still belongs to alice: it is neither standalone nor a standalone device
    expect(cell(e, 'C1', STANDALONE)).toBe(0);
  });

  it('R13/R10 a Spark Remote Device next to a CTI port only is the only counted phone, so it is kept', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.ucmUser(customer, 'alice', { associatedDevices: ['CTI1', 'SPARK1'] });
    b.phone(customer, 'CTI1', { product: 'CTI Port' });
    b.phone(customer, 'SPARK1', { product: 'Cisco Spark Remote Device' });
    expect(columnOf(b.count(), 'C1', 'alice')).toBe(ONE);
  });

  it('R14 phone count: P counts every phone of the user after R10–R13 (0, 1, >1)', () => {
    const b = new DumpBuilder();
    const { customer, site } = b.tenant();
    b.ucmUser(site, 'none');
    b.ucmUser(site, 'one', { associatedDevices: ['SEP1'] });
    b.ucmUser(site, 'three', { associatedDevices: ['SEP2', 'SEP3'] });
    b.phone(customer, 'SEP1');
    b.phone(customer, 'SEP2');
    b.phone(site, 'SEP3');
    b.phone(site, 'SEP4', { ownerUserName: 'three' });
    const e = b.count();
    expect(columnOf(e, 'C1', 'none')).toBe(NONE);
    expect(columnOf(e, 'C1', 'one')).toBe(ONE);
    expect(columnOf(e, 'C1', 'three')).toBe(MULTI);
  });

  it('R15 standalone phone: a phone of no UCM user is standalone, an owned one is not', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.ucmUser(customer, 'alice', { associatedDevices: ['SEP1'] });
    b.phone(customer, 'SEP1');
    b.phone(customer, 'SEP2');
    b.phone(customer, 'SEP3', { ownerUserName: '  ' });
    expect(counted(b.count(), 'C1', STANDALONE)).toEqual(['SEP2', 'SEP3']);
  });

  it('R16/R106 analog port: a standalone "Analog Phone" or AN+hex name is an analog port; owned ones, other names and partial matches are not', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.ucmUser(customer, 'alice', { associatedDevices: ['AN0A1B2C3D4E5'] });
    b.phone(customer, 'AN0A1B2C3D4E5', { product: 'Analog Phone' }); // owned: not standalone
    b.phone(customer, 'ANALOG1', { product: ' analog phone ' }); // by product (R111)
    b.phone(customer, 'AN00AABB', { product: 'Cisco VG' }); // by name
    b.phone(customer, 'ANXY01', { product: 'Cisco VG' }); // not hex
    b.phone(customer, 'SEPAN0001', { product: 'Cisco VG' }); // AN not at the start
    b.phone(customer, 'CTIAN', { product: 'Analog Phone', class: 'CTI Port' }); // CTI: never counted
    const e = b.count();
    expect(counted(e, 'C1', ANALOG)).toEqual(['AN00AABB', 'ANALOG1']);
    // R51 is inside R50, not on top of it
    expect(counted(e, 'C1', STANDALONE)).toEqual(['AN00AABB', 'ANALOG1', 'ANXY01', 'SEPAN0001']);
  });

  it('R103 device names: associatedDevices entries match phone names trimmed and case-insensitively; a different name does not', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.ucmUser(customer, 'alice', { associatedDevices: [' sepabc '] });
    b.ucmUser(customer, 'bob', { associatedDevices: ['SEPABD'] });
    b.phone(customer, 'SEPABC');
    b.phone(customer, 'SEPABE');
    const e = b.count();
    expect(columnOf(e, 'C1', 'alice')).toBe(ONE);
    expect(columnOf(e, 'C1', 'bob')).toBe(NONE);
    expect(counted(e, 'C1', STANDALONE)).toEqual(['SEPABE']);
  });

  it('R110 list shapes: associatedDevices as a list, a single value or an AXL wrapper mean the same list; blank items are dropped', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.ucmUser(customer, 'list', { associatedDevices: ['SEP1', '', 'SEP2'] });
    b.ucmUser(customer, 'single', { associatedDevices: 'SEP3' });
    b.ucmUser(customer, 'wrapped', { associatedDevices: { device: ['SEP4', 'SEP5'] } });
    b.ucmUser(customer, 'wrappedone', { associatedDevices: { device: 'SEP6' } });
    b.ucmUser(customer, 'blank', { associatedDevices: { device: null } });
    for (let i = 1; i <= 6; i += 1) b.phone(customer, `SEP${i}`);
    const e = b.count();
    expect(columnOf(e, 'C1', 'list')).toBe(MULTI);
    expect(columnOf(e, 'C1', 'single')).toBe(ONE);
    expect(columnOf(e, 'C1', 'wrapped')).toBe(MULTI);
    expect(columnOf(e, 'C1', 'wrappedone')).toBe(ONE);
    expect(columnOf(e, 'C1', 'blank')).toBe(NONE);
  });

  it('R116 dangling names: an associatedDevices entry naming no phone and an unknown owner are notes; names that resolve are not', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.ucmUser(customer, 'alice', { associatedDevices: ['SEP1', 'SEPMISSING'] });
    b.phone(customer, 'SEP1');
    b.phone(customer, 'SEP2', { ownerUserName: 'ghost' });
    b.phone(customer, 'SEP3', { ownerUserName: 'alice' });
    const e = b.count();
    const r116 = e.summary.notes.filter((n) => n.rule === 'R116').map((n) => n.message);
    expect(r116).toHaveLength(2);
    expect(r116.some((m) => m.toLowerCase().includes('sepmissing'))).toBe(true);
    expect(r116.some((m) => m.includes('ghost'))).toBe(true);
    expect(r116.some((m) => m.includes('SEP3') || m.includes('"sep1"'))).toBe(false);
    expect(columnOf(e, 'C1', 'alice')).toBe(MULTI); // the dangling name adds nothing: SEP1 + SEP3
  });
});
