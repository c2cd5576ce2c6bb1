/** counting-rules.md §5 Legacy standalone and other columns (R50–R59) and R113. */
import { describe, expect, it } from 'vitest';
import { cell, counted, DumpBuilder, providerRowOf, rowOf } from './support/dump-builder';

describe('standalone and other legacy columns (R50–R59)', () => {
  it('R50 Standalone Phones: phones of no UCM user count, owned phones and CTI ports do not', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.ucmUser(customer, 'alice', { associatedDevices: ['SEP1'] });
    b.phone(customer, 'SEP1');
    b.phone(customer, 'SEP2');
    b.phone(customer, 'CTI1', { product: 'CTI Port' });
    expect(counted(b.count(), 'C1', 'Standalone Phones (No UCM User)')).toEqual(['SEP2']);
  });

  it('R51 Standalone Analog Ports: standalone analog ports count, an owned analog phone does not', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.ucmUser(customer, 'alice', { associatedDevices: ['AN01'] });
    b.phone(customer, 'AN01', { product: 'Analog Phone' });
    b.phone(customer, 'AN02', { product: 'Analog Phone' });
    const e = b.count();
    expect(counted(e, 'C1', 'Standalone Analog Ports (No UCM User)')).toEqual(['AN02']);
  });

  it('R52 Standalone WebEx: a Webex user matching no UCM user by username or e-mail counts, matching ones do not', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.ucmUser(customer, 'alice', { mailid: 'alice@example.com' });
    b.record('device/webex/User', customer, { username: 'ALICE', email: 'x@example.com' });
    b.record('device/webex/User', customer, { username: 'al', email: 'Alice@example.com' });
    b.record('device/webex/User', customer, { username: 'walter', email: 'walter@example.com' });
    b.record('device/webex/User', customer, { username: '', email: '' });
    expect(cell(b.count(), 'C1', 'Standalone WebEx (No UCM User)')).toBe(2);
  });

  it('R53 Standalone Voicemail: a CUC user whose Alias is no UCM userid counts, one that is does not', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.ucmUser(customer, 'alice');
    b.record('device/cuc/User', customer, { Alias: 'alice' });
    b.record('device/cuc/User', customer, { Alias: 'vm-only' });
    expect(counted(b.count(), 'C1', 'Standalone Voicemail (No UCM User)')).toEqual(['vm-only']);
  });

  it('R54 Standalone Spark: a Spark user linked to no UCM user by R24 counts, a linked one does not', () => {
    const b = new DumpBuilder();
    const { customer, site } = b.tenant();
    b.ucmUser(site, 'alice', { mailid: 'alice@example.com' });
    b.record('device/spark/User', customer, { email: 'alice@example.com' });
    b.record('device/spark/User', customer, { email: 'nobody@example.com' });
    expect(counted(b.count(), 'C1', 'Standalone Spark (No UCM User)')).toEqual(['nobody@example.com']);
  });

  it('R55 Contact Center Enterprise: a ccdm Agent under a Site counts, one at customer level does not', () => {
    const b = new DumpBuilder();
    const { customer, site } = b.tenant();
    b.record('device/ccdm/Agent', site, { Name: 'a1' });
    b.record('device/ccdm/Agent', `${site}.Floor2`, { Name: 'a2' });
    b.record('device/ccdm/Agent', customer, { Name: 'a3' });
    expect(counted(b.count(), 'C1', 'Contact Center Enterprise')).toEqual(['a1', 'a2']);
  });

  it('R56 Contact Center Express: a uccx Agent under a Site counts, one at customer level does not (legacy and summary)', () => {
    const b = new DumpBuilder();
    const { customer, site } = b.tenant();
    b.record('device/uccx/Agent', site, { userID: 'x1' });
    b.record('device/uccx/Agent', customer, { userID: 'x2' });
    const row = rowOf(b.count(), 'C1');
    expect(row.legacy['Contact Center Express']).toBe(1);
    expect(row.summary['Contact Center Express']).toBe(1); // R109
  });

  it('R57 Public Sector / Inactive Billing: Y from the customer flags (any R110 spelling), N when false or absent, N on provider rows', () => {
    const b = new DumpBuilder();
    const p = b.provider('P1');
    b.customer(p, 'Gov', { public_sector: 'Yes', inactive_billing: 'false' });
    b.customer(p, 'Idle', { public_sector: 0, inactive_billing: 't' });
    b.customer(p, 'Plain');
    b.phone(p, 'SEP-P'); // makes the provider row written
    const e = b.count();
    expect([rowOf(e, 'Gov').legacy['Public Sector'], rowOf(e, 'Gov').legacy['Inactive Billing']]).toEqual(['Y', 'N']);
    expect([rowOf(e, 'Idle').legacy['Public Sector'], rowOf(e, 'Idle').legacy['Inactive Billing']]).toEqual(['N', 'Y']);
    expect([rowOf(e, 'Plain').legacy['Public Sector'], rowOf(e, 'Plain').legacy['Inactive Billing']]).toEqual(['N', 'N']);
    const prow = providerRowOf(e, 'P1')!;
    expect([prow.legacy['Public Sector'], prow.legacy['Inactive Billing']]).toEqual(['N', 'N']);
  });

  it('R58 Phone Server Phones: PRS_MultiVendorPhone_DAT instances of the row count, another row\'s do not (R87 the same)', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant('C1');
    b.tenant('C2');
    b.record('data/PRS_MultiVendorPhone_DAT', customer, { mac: 'AA', phoneVendor: 'Yealink' });
    b.record('data/PRS_MultiVendorPhone_DAT', `${customer}.S1`, { mac: 'BB' });
    const e = b.count();
    expect(cell(e, 'C1', 'Phone Server Phones')).toBe(2);
    expect(cell(e, 'C1', 'Voss Phone Servers')).toBe(2);
    expect(cell(e, 'C2', 'Phone Server Phones')).toBe(0);
  });

  it('R59 Site Count: Site nodes of the row count, other node types do not (R88 the same)', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant(); // has S1
    b.site(customer, 'S2');
    b.node('Division', customer, 'D1');
    b.node('site', `${customer}.D1`, 'S3'); // R111: type case-insensitive, under an intermediate node
    const e = b.count();
    expect(counted(e, 'C1', 'Site Count')).toEqual(['S1', 'S2', 'S3']);
    expect(cell(e, 'C1', 'Sites')).toBe(3);
  });

  it('R113 agents are UCM users too: a Webex, CUC or Spark record matching only an agent is not standalone; without the agent it is', () => {
    const build = (withAgent: boolean) => {
      const b = new DumpBuilder();
      const { site } = b.tenant();
      b.ucmUser(site, 'agent1', { mailid: 'agent1@example.com' });
      if (withAgent) b.record('device/uccx/Agent', site, { userID: 'agent1' });
      else b.ucmUser(site, 'unrelated');
      b.record('device/webex/User', site, { username: 'agent1' });
      b.record('device/cuc/User', site, { Alias: 'agent1' });
      b.record('device/spark/User', site, { email: 'agent1@example.com' });
      return b.count();
    };
    for (const e of [build(true), build(false)]) {
      expect(cell(e, 'C1', 'Standalone WebEx (No UCM User)')).toBe(0);
      expect(cell(e, 'C1', 'Standalone Voicemail (No UCM User)')).toBe(0);
      expect(cell(e, 'C1', 'Standalone Spark (No UCM User)')).toBe(0);
    }
    // without any UCM user named agent1 all three are standalone
    const b = new DumpBuilder();
    const { site } = b.tenant();
    b.record('device/uccx/Agent', site, { userID: 'agent1' });
    b.record('device/webex/User', site, { username: 'agent1' });
    b.record('device/cuc/User', site, { Alias: 'agent1' });
    b.record('device/spark/User', site, { email: 'agent1@example.com' });
    const e = b.count();
    expect(cell(e, 'C1', 'Standalone WebEx (No UCM User)')).toBe(1);
    expect(cell(e, 'C1', 'Standalone Voicemail (No UCM User)')).toBe(1);
    expect(cell(e, 'C1', 'Standalone Spark (No UCM User)')).toBe(1);
  });
});
