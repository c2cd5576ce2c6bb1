/** counting-rules.md §6 the Microsoft and Pexip columns (R70–R77) with R107 and R108. */
import { describe, expect, it } from 'vitest';
import type { LegacyColumn } from '../../src-shared/audit/columns';
import type { UserResult } from '../../src-shared/engine/types';
import { cell, counted, DumpBuilder, type Fields, userOf } from './support/dump-builder';

const NO_VOICE: LegacyColumn = 'MS Teams (No Voice)';
const VOICE: LegacyColumn = 'MS Teams & Voice';
const VOICE_EXCHANGE: LegacyColumn = 'MS Teams & Voice & Exchange';
const O365: LegacyColumn = 'MS 0365 User (no Teams)';
const MAIL = 'jo@example.com';
const VOICE_REC: Fields = { AccountEnabled: true, EnterpriseVoiceEnabled: true, FeatureTypes: ['Teams', 'PhoneSystem'] };

interface Setup {
  teams?: Fields[];
  mailbox?: boolean;
  msol?: Array<{ type?: string; IsLicensed: unknown }>;
  cisco?: boolean;
  pexip?: boolean;
  hybrid?: string;
}

/** One VOSS user `jo` with the given Microsoft (and other) records linked by e-mail. */
function jo(s: Setup): { user: UserResult; cell: (c: LegacyColumn) => unknown } {
  const b = new DumpBuilder();
  const { customer } = b.tenant();
  b.vossUser(customer, 'jo', { email: MAIL, mvs_hybrid_status: s.hybrid ?? '' });
  for (const t of s.teams ?? []) b.record('device/msteamsonline/CsOnlineUser', customer, { UserPrincipalName: MAIL, ...t });
  if (s.mailbox) b.record('device/msexchangeonline/UserMailbox', customer, { UserPrincipalName: MAIL });
  for (const m of s.msol ?? []) b.record(m.type ?? 'device/msgraph/MsolUser', customer, { UserPrincipalName: MAIL, IsLicensed: m.IsLicensed });
  if (s.cisco) b.record('device/cuc/User', customer, { Alias: 'jo' });
  if (s.pexip) b.record('device/pexip/Conference', customer, { name: 'VMR', primary_owner_email_address: MAIL });
  const e = b.count();
  return { user: userOf(e, 'jo'), cell: (c) => cell(e, 'C1', c) };
}

const columnOfJo = (s: Setup) => jo(s).user.microsoftColumn;

describe('Microsoft columns (R70–R74, R108)', () => {
  it('R70 voice record: enabled, enterprise voice, PhoneSystem and no TeamsRoom* — each condition missing makes it not voice', () => {
    expect(columnOfJo({ teams: [VOICE_REC] })).toBe(VOICE);
    expect(jo({ teams: [VOICE_REC] }).user.rules).toEqual(['R64']);
    const notVoice: Fields[] = [
      { ...VOICE_REC, AccountEnabled: false },
      { ...VOICE_REC, EnterpriseVoiceEnabled: 'N' },
      { ...VOICE_REC, FeatureTypes: ['Teams', 'AudioConferencing'] },
      { ...VOICE_REC, FeatureTypes: ['PhoneSystem', 'TeamsRoomStandard'] },
      { ...VOICE_REC, FeatureTypes: ['phonesystem'] }, // R111: exact
    ];
    for (const t of notVoice) {
      const r = jo({ teams: [t] });
      expect(r.user.microsoftColumn, JSON.stringify(t)).not.toBe(VOICE);
      expect(r.user.status, JSON.stringify(t)).toBe('Unlicensed');
    }
  });

  it('R71 MS Teams (No Voice): enabled, no voice, features without PhoneSystem; empty/missing FeatureTypes, PhoneSystem or disabled never count', () => {
    expect(columnOfJo({ teams: [{ AccountEnabled: true, EnterpriseVoiceEnabled: false, FeatureTypes: ['Teams'] }] })).toBe(NO_VOICE);
    expect(columnOfJo({ teams: [{ AccountEnabled: 'True', EnterpriseVoiceEnabled: 'False', FeatureTypes: 'Teams' }] })).toBe(NO_VOICE);
    expect(columnOfJo({ teams: [{ AccountEnabled: true, EnterpriseVoiceEnabled: false, FeatureTypes: [] }] })).toBeUndefined();
    expect(columnOfJo({ teams: [{ AccountEnabled: true, EnterpriseVoiceEnabled: false }] })).toBeUndefined();
    expect(columnOfJo({ teams: [{ AccountEnabled: true, EnterpriseVoiceEnabled: false, FeatureTypes: ['Teams', 'PhoneSystem'] }] })).toBeUndefined();
    expect(columnOfJo({ teams: [{ AccountEnabled: false, EnterpriseVoiceEnabled: false, FeatureTypes: ['Teams'] }] })).toBeUndefined();
  });

  it('R72 MS Teams & Voice: voice and no mailbox; a mailbox moves the user to R73, a Cisco service out of every Microsoft column', () => {
    const r = jo({ teams: [VOICE_REC] });
    expect([r.user.microsoftColumn, r.cell(VOICE), r.cell(VOICE_EXCHANGE)]).toEqual([VOICE, 1, 0]);
    expect(columnOfJo({ teams: [VOICE_REC], mailbox: true })).toBe(VOICE_EXCHANGE);
    const cisco = jo({ teams: [VOICE_REC], cisco: true });
    expect([cisco.user.microsoftColumn, cisco.cell(VOICE)]).toEqual([undefined, 0]);
  });

  it('R73 MS Teams & Voice & Exchange: voice and a mailbox; a mailbox without voice is not', () => {
    const r = jo({ teams: [VOICE_REC], mailbox: true });
    expect([r.user.microsoftColumn, r.cell(VOICE_EXCHANGE), r.cell(VOICE)]).toEqual([VOICE_EXCHANGE, 1, 0]);
    const mailOnly = jo({ mailbox: true });
    expect([mailOnly.user.microsoftColumn, mailOnly.cell(VOICE_EXCHANGE), mailOnly.user.status]).toEqual([undefined, 0, 'Licensed']);
  });

  it('R74/R107 MS 0365 User: a licensed MsolUser of any of the three types and no CsOnlineUser; unlicensed, or next to a CsOnlineUser, is not', () => {
    for (const type of ['device/msgraph/MsolUser', 'device/azureadonline/MsolUser', 'device/msonline/MsolUser']) {
      expect(columnOfJo({ msol: [{ type, IsLicensed: 'yes' }] }), type).toBe(O365);
    }
    expect(columnOfJo({ msol: [{ IsLicensed: false }] })).toBeUndefined();
    expect(columnOfJo({ msol: [{ IsLicensed: true }], teams: [{ AccountEnabled: false }] })).toBeUndefined();
    expect(columnOfJo({ msol: [{ IsLicensed: true }], cisco: true })).toBeUndefined();
    // R74 alone does not license (R80 has no MsolUser entry)
    expect(jo({ msol: [{ IsLicensed: true }] }).user.status).toBe('Unlicensed');
  });

  it('R108 one Microsoft column per user, the first that fits of R73, R72, R71, R74', () => {
    const noVoice: Fields = { AccountEnabled: true, EnterpriseVoiceEnabled: false, FeatureTypes: ['Teams'] };
    const all = jo({ teams: [VOICE_REC, noVoice], mailbox: true, msol: [{ IsLicensed: true }] });
    expect([all.cell(VOICE_EXCHANGE), all.cell(VOICE), all.cell(NO_VOICE), all.cell(O365)]).toEqual([1, 0, 0, 0]);
    const noVoiceAndMsol = jo({ teams: [noVoice], msol: [{ IsLicensed: true }] });
    expect([noVoiceAndMsol.cell(NO_VOICE), noVoiceAndMsol.cell(O365)]).toEqual([1, 0]);
    const voiceAndNoVoice = jo({ teams: [noVoice, VOICE_REC] });
    expect([voiceAndNoVoice.cell(VOICE), voiceAndNoVoice.cell(NO_VOICE)]).toEqual([1, 0]);
  });
});

describe('hybrid, multi-vendor and Pexip (R75–R77)', () => {
  it('R75 Cisco and MS Integrated Service: a non-blank mvs_hybrid_status counts, blank or white space does not', () => {
    expect(jo({ hybrid: 'Enabled' }).cell('Cisco and MS Integrated Service')).toBe(1);
    expect(jo({ hybrid: '   ' }).cell('Cisco and MS Integrated Service')).toBe(0);
    expect(jo({}).cell('Cisco and MS Integrated Service')).toBe(0);
  });

  it('R76 Multi-vendor Users: two vendors of Cisco, Microsoft, Pexip count; one vendor, or a hybrid user, does not', () => {
    const MV: LegacyColumn = 'Multi-vendor Users';
    expect(jo({ cisco: true, mailbox: true }).cell(MV)).toBe(1);
    expect(jo({ cisco: true, pexip: true }).cell(MV)).toBe(1);
    expect(jo({ msol: [{ IsLicensed: false }], pexip: true }).cell(MV)).toBe(1);
    expect(jo({ mailbox: true, teams: [VOICE_REC], msol: [{ IsLicensed: true }] }).cell(MV)).toBe(0); // all Microsoft
    expect(jo({ cisco: true }).cell(MV)).toBe(0);
    expect(jo({ cisco: true, mailbox: true, hybrid: 'Enabled' }).cell(MV)).toBe(0);
  });

  it('R76 Decision: a UCM user with a phone is one vendor (Cisco), not multi-vendor', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.vossUser(customer, 'jo', { email: MAIL });
    b.ucmUser(customer, 'jo', { associatedDevices: ['SEP1'] });
    b.phone(customer, 'SEP1');
    b.record('device/cuc/User', customer, { Alias: 'jo' });
    expect(cell(b.count(), 'C1', 'Multi-vendor Users')).toBe(0);
  });

  it('R77 PexIP only: a conference whose owner e-mail is no licensed user of the row counts; one owned by a user of the row does not', () => {
    const b = new DumpBuilder();
    const one = b.tenant('C1');
    const two = b.tenant('C2');
    b.vossUser(one.customer, 'jo', { email: MAIL });
    b.record('device/pexip/Conference', one.customer, { name: 'VMR-jo', primary_owner_email_address: 'JO@example.com' });
    b.record('device/pexip/Conference', one.customer, { name: 'VMR-nobody', primary_owner_email_address: 'nobody@example.com' });
    b.record('device/pexip/Conference', two.customer, { name: 'VMR-jo-elsewhere', primary_owner_email_address: MAIL }); // R7
    const e = b.count();
    expect(counted(e, 'C1', 'PexIP only')).toEqual(['VMR-nobody']);
    expect(counted(e, 'C2', 'PexIP only')).toEqual(['VMR-jo-elsewhere']);
    expect(userOf(e, 'jo').rules).toEqual(['R66']);
  });
});
