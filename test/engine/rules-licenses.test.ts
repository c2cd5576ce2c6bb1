/** counting-rules.md §7 Summary counts and user license status (R80–R88) with R109 and R114. */
import { describe, expect, it } from 'vitest';
import { cell, counted, DumpBuilder, type Fields, rowOf, userOf } from './support/dump-builder';

/** One VOSS user `jo` (e-mail jo@example.com) and the records `add` puts next to it. */
function jo(add: (b: DumpBuilder, at: string) => void) {
  const b = new DumpBuilder();
  const { customer } = b.tenant();
  b.vossUser(customer, 'jo', { email: 'jo@example.com' });
  add(b, customer);
  const e = b.count();
  return { e, user: userOf(e, 'jo') };
}

describe('licensed user (R80, R81, R114)', () => {
  it('R80 uccx Agent: linked licenses (R60), not linked does not', () => {
    expect(jo((b, at) => b.record('device/uccx/Agent', at, { userID: 'jo' })).user.rules).toEqual(['R60']);
    expect(jo((b, at) => b.record('device/uccx/Agent', at, { userID: 'other' })).user.status).toBe('Unlicensed');
  });

  it('R80 UCM user: phones, EM or an associatedRemoteDestinationProfiles entry license (R61); a bare UCM user or one with only a CTI port does not', () => {
    const withUcm = (fields: Fields, more?: (b: DumpBuilder, at: string) => void) =>
      jo((b, at) => {
        b.ucmUser(at, 'jo', fields);
        more?.(b, at);
      }).user;
    expect(withUcm({ associatedDevices: ['SEP1'] }, (b, at) => b.phone(at, 'SEP1')).rules).toEqual(['R61']);
    expect(withUcm({}, (b, at) => b.phone(at, 'SEP1', { ownerUserName: 'jo' })).rules).toEqual(['R61']);
    expect(withUcm({ phoneProfiles: ['EMP'] }).rules).toEqual(['R61']);
    expect(withUcm({}, (b, at) => b.record('device/cucm/DeviceProfile', at, { name: 'EMP', userid: 'jo' })).rules).toEqual(['R61']);
    expect(withUcm({ associatedRemoteDestinationProfiles: ['RDP1'] }).rules).toEqual(['R61']);
    const bare = withUcm({});
    expect([bare.status, bare.licenses, bare.rules, bare.linkedServices.map((s) => s.licensing)]).toEqual(['Unlicensed', 0, [], [false]]);
    expect(withUcm({ associatedDevices: ['CTI1'] }, (b, at) => b.phone(at, 'CTI1', { product: 'CTI Port' })).status).toBe('Unlicensed');
  });

  it('R80 UCM user: a RemoteDestinationProfile record alone gives SNR (R21) but does not license — R80 names the associatedRemoteDestinationProfiles field', () => {
    const { e, user } = jo((b, at) => {
      b.ucmUser(at, 'jo');
      b.record('device/cucm/RemoteDestinationProfile', at, { name: 'RDP1', userId: 'jo' });
    });
    expect(user.status).toBe('Unlicensed');
    expect(user.legacyColumns).toEqual(['SNR (No Phone & No EM & No VM & No WebEx & No Spark)']);
    expect(cell(e, 'C1', 'User Licenses')).toBe(0);
  });

  it('R80 CUC user: linked licenses (R62), another alias does not', () => {
    expect(jo((b, at) => b.record('device/cuc/User', at, { Alias: 'JO' })).user.rules).toEqual(['R62']);
    expect(jo((b, at) => b.record('device/cuc/User', at, { Alias: 'joe' })).user.status).toBe('Unlicensed');
  });

  it('R80/R114 Spark user: calling_pro on a UserConfig with the same e-mail or on the Spark user itself licenses (R63); false or another e-mail does not', () => {
    const spark = (own: unknown, config?: Fields) =>
      jo((b, at) => {
        b.record('device/spark/User', at, { email: 'jo@example.com', calling_pro: own });
        if (config) b.record('device/spark/UserConfig', at, config);
      }).user;
    expect(spark(undefined, { email: 'JO@example.com', calling_pro: 'true' }).rules).toEqual(['R63']);
    expect(spark('Y').rules).toEqual(['R63']);
    expect(spark(false, { email: 'jo@example.com', calling_pro: false }).status).toBe('Unlicensed');
    expect(spark(false, { email: 'other@example.com', calling_pro: true }).status).toBe('Unlicensed');
    // the linked Spark user is still listed, as not licensing
    expect(spark(false).linkedServices.map((s) => [s.rule, s.licensing])).toEqual([['R63', false]]);
  });

  it('R80 mailbox and conference license (R65, R66); Webex, ccdm Agent and MsolUser links do not', () => {
    expect(jo((b, at) => b.record('device/msexchangeonline/UserMailbox', at, { UserPrincipalName: 'jo@example.com' })).user.rules).toEqual(['R65']);
    expect(jo((b, at) => b.record('device/pexip/Conference', at, { primary_owner_email_address: 'jo@example.com' })).user.rules).toEqual(['R66']);
    const { user } = jo((b, at) => {
      b.record('device/webex/User', at, { username: 'jo' });
      b.record('device/ccdm/Agent', at, { Name: 'jo' });
      b.record('device/msgraph/MsolUser', at, { UserPrincipalName: 'jo@example.com', IsLicensed: true });
    });
    expect(user.linkedServices.map((s) => s.rule).sort()).toEqual(['R67', 'R68', 'R69']);
    expect(user.status).toBe('Unlicensed');
  });

  it('R81 linked services: every licensing rule with its record; non-licensing links kept but not in Rules', () => {
    const { user } = jo((b, at) => {
      b.record('device/cuc/User', at, { Alias: 'jo' });
      b.record('device/msexchangeonline/UserMailbox', at, { UserPrincipalName: 'jo@example.com' });
      b.record('device/webex/User', at, { username: 'jo' });
    });
    expect(user.rules).toEqual(['R62', 'R65']);
    expect(user.linkedServices.map((s) => `${s.modelType}:${s.key}:${s.licensing}`)).toEqual([
      'device/cuc/User:jo:true',
      'device/msexchangeonline/UserMailbox:jo@example.com:true',
      'device/webex/User:jo:false',
    ]);
  });
});

describe('licenses and summary counts (R82–R88, R109)', () => {
  const withPhones = (...counts: number[]) =>
    jo((b, at) => {
      counts.forEach((n, k) => {
        const names = Array.from({ length: n }, (_v, i) => `SEP${k}-${i}`);
        b.ucmUser(at, k === 0 ? 'jo' : `jo${k}`, { mailid: 'jo@example.com', associatedDevices: names });
        for (const name of names) b.phone(at, name);
      });
    });

  it('R82 licenses per user: 1 up to 10 phones, ceil(P/10) past 10, P summed over the linked UCM users', () => {
    expect(withPhones(1).user.licenses).toBe(1);
    expect(withPhones(10).user.licenses).toBe(1);
    expect(withPhones(11).user.licenses).toBe(2);
    expect(withPhones(15).user.licenses).toBe(2);
    expect(withPhones(30).user.licenses).toBe(3);
    expect(withPhones(6, 6).user.licenses).toBe(2); // two UCM users, one by userid, one by e-mail
    expect(withPhones(5, 5).user.licenses).toBe(1);
  });

  it('R83 User Licenses: the sum of R82 over the licensed users of the row, unlicensed users add nothing', () => {
    const { e } = withPhones(15);
    expect(cell(e, 'C1', 'User Licenses')).toBe(2);
    const more = jo((bb, at) => {
      bb.vossUser(at, 'idle', { email: 'idle@example.com' });
      bb.record('device/cuc/User', at, { Alias: 'jo' });
    });
    expect(cell(more.e, 'C1', 'User Licenses')).toBe(1);
    expect(more.e.explain(rowOf(more.e, 'C1').key, 'User Licenses').map((r) => [r.label, r.weight])).toEqual([['jo', 1]]);
  });

  it('R84 Cisco MS Integrated Services: hybrid users that are licensed count; unlicensed hybrid users do not', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.vossUser(customer, 'lic', { email: 'lic@example.com', mvs_hybrid_status: 'on' });
    b.vossUser(customer, 'unlic', { email: 'unlic@example.com', mvs_hybrid_status: 'on' });
    b.record('device/msexchangeonline/UserMailbox', customer, { UserPrincipalName: 'lic@example.com' });
    const e = b.count();
    expect(counted(e, 'C1', 'Cisco and MS Integrated Services')).toEqual(['lic']);
    expect(cell(e, 'C1', 'Cisco and MS Integrated Service')).toBe(2); // R75 counts both
  });

  it('R85 Standalone Devices: phones no licensed user covers and calling Spark places count; covered phones, CTI ports and non-calling places do not', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.vossUser(customer, 'jo', { email: 'jo@example.com' });
    b.ucmUser(customer, 'jo', { associatedDevices: ['COVERED'] });
    b.ucmUser(customer, 'nobody', { associatedDevices: ['UNCOVERED'] }); // no VOSS user links it
    b.phone(customer, 'COVERED');
    b.phone(customer, 'UNCOVERED');
    b.phone(customer, 'LOOSE');
    b.phone(customer, 'GHOST', { ownerUserName: 'ghost' });
    b.phone(customer, 'CTI', { product: 'CTI Port' });
    b.record('device/spark/Place', customer, { displayName: 'calling', calling: { type: 'webexCalling' } });
    b.record('device/spark/Place', customer, { displayName: 'none', calling: { type: 'NONE ' } });
    b.record('device/spark/Place', customer, { displayName: 'blank', calling: { type: ' ' } });
    b.record('device/spark/Place', customer, { displayName: 'null', calling: { type: null } });
    b.record('device/spark/Place', customer, { displayName: 'absent' });
    const e = b.count();
    expect(counted(e, 'C1', 'Standalone Devices')).toEqual(['GHOST', 'LOOSE', 'UNCOVERED', 'calling']);
  });

  it('R86 Meeting Rooms: enabled voice CsOnlineUsers with a TeamsRoom* feature count; without voice or the feature they do not', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    const room = (upn: string, f: Fields) => b.record('device/msteamsonline/CsOnlineUser', customer, { UserPrincipalName: upn, ...f });
    room('room1', { AccountEnabled: true, EnterpriseVoiceEnabled: true, FeatureTypes: ['TeamsRoomPremium', 'PhoneSystem'] });
    room('room2', { AccountEnabled: true, EnterpriseVoiceEnabled: true, FeatureTypes: [' TeamsRoomStandard '] });
    room('novoice', { AccountEnabled: true, EnterpriseVoiceEnabled: false, FeatureTypes: ['TeamsRoomStandard'] });
    room('disabled', { AccountEnabled: false, EnterpriseVoiceEnabled: true, FeatureTypes: ['TeamsRoomStandard'] });
    room('person', { AccountEnabled: true, EnterpriseVoiceEnabled: true, FeatureTypes: ['PhoneSystem'] });
    expect(counted(b.count(), 'C1', 'Meeting Rooms')).toEqual(['room1', 'room2']);
  });

  it('R109 summary set: Provider PKID is the Provider node\'s pkid (blank without one); Contact Center Express is R56', () => {
    const b = new DumpBuilder();
    b.record('data/HierarchyNode', 'sys.hcs', { name: 'P1', node_type: 'Provider' }, 'prov-pk');
    const c = b.customer('sys.hcs.P1', 'C1');
    const site = b.site(c, 'S1');
    b.customer('sys.hcs', 'Orphan');
    b.record('device/uccx/Agent', site, { userID: 'a' });
    const e = b.count();
    expect(rowOf(e, 'C1').providerPkid).toBe('prov-pk');
    expect(rowOf(e, 'Orphan').providerPkid).toBe('');
    expect(rowOf(e, 'C1').summary['Contact Center Express']).toBe(rowOf(e, 'C1').legacy['Contact Center Express']);
    expect(rowOf(e, 'C1').summary['Contact Center Express']).toBe(1);
  });
});
