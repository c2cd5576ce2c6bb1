/**
 * What each VOSS user is: its Microsoft column, vendors, license status and
 * license count (counting-rules.md R70–R82, R84, R108, R114).
 */
import type { LegacyColumn } from '../audit/columns';
import { type Grouped, groupByOwner, membersOf } from './group';
import type { PhoneAssignment } from './phones';
import { RowKeyMap } from './keys';
import type { CsOnlineUser, Records } from './records';
import type { UcmServices } from './subscribers';
import type { LinkRule } from './types';
import type { LinkTable } from './voss-links';

export type LinkGroups = { [K in keyof LinkTable]: Grouped };

export interface VossUserState {
  groups: LinkGroups;
  licensed: Uint8Array;
  /** R82 (0 when unlicensed). */
  licenses: Int32Array;
  /** R108: 0 none, else 1 + index in MICROSOFT_COLUMNS. */
  microsoft: Uint8Array;
  /** R75: `mvs_hybrid_status` is not blank. */
  hybrid: Uint8Array;
  /** R76. */
  multiVendor: Uint8Array;
  /** Per UCM user: linked (R61) to a licensed VOSS user — its phones are not standalone devices (R85). */
  ucmCovered: Uint8Array;
  /** Per Spark user: R114. */
  callingPro: Uint8Array;
}

/** R108's order: the first that fits. */
export const MICROSOFT_COLUMNS = [
  { rule: 'R73', column: 'MS Teams & Voice & Exchange' },
  { rule: 'R72', column: 'MS Teams & Voice' },
  { rule: 'R71', column: 'MS Teams (No Voice)' },
  { rule: 'R74', column: 'MS 0365 User (no Teams)' },
] as const satisfies ReadonlyArray<{ rule: string; column: LegacyColumn }>;

/** R70: a Teams account with enterprise voice on a phone system, not a meeting room. */
export function isVoice(c: CsOnlineUser): boolean {
  return c.accountEnabled && c.enterpriseVoiceEnabled && c.featureTypes.includes('PhoneSystem') && !c.featureTypes.some((t) => t.startsWith('TeamsRoom'));
}

/** R71's record: enabled, no voice, some features but no phone system. Empty FeatureTypes never counts. */
function isTeamsWithoutVoice(c: CsOnlineUser): boolean {
  return c.accountEnabled && !c.enterpriseVoiceEnabled && c.featureTypes.length > 0 && !c.featureTypes.includes('PhoneSystem');
}

/** R86: a Teams room with voice. */
export function isMeetingRoom(c: CsOnlineUser): boolean {
  return c.accountEnabled && c.enterpriseVoiceEnabled && c.featureTypes.some((t) => t.startsWith('TeamsRoom'));
}

/** R114: a Spark user's own calling_pro, or a UserConfig of the row with its e-mail. */
export function sparkCallingPro(records: Records): Uint8Array {
  const configured = new RowKeyMap(records.keyCount);
  records.sparkUserConfigs.forEach((c, i) => {
    if (c.callingPro) configured.set(c.row, c.key, i);
  });
  return Uint8Array.from(records.sparkUsers, (s) => (s.callingPro || configured.has(s.row, s.key) ? 1 : 0));
}

/** R80/R61: a UCM user that licenses: phones, EM, or remote destination profiles on it. */
export function ucmLicenses(records: Records, phones: PhoneAssignment, services: UcmServices, u: number): boolean {
  return phones.phoneCount[u]! > 0 || services.em[u] === 1 || records.ucmUsers[u]!.remoteDestinationProfiles > 0;
}

export function vossUserState(records: Records, phones: PhoneAssignment, services: UcmServices, links: LinkTable): VossUserState {
  const n = records.vossUsers.length;
  const groups = Object.fromEntries(Object.entries(links).map(([k, l]) => [k, groupByOwner(l.user, n)])) as LinkGroups;
  const callingPro = sparkCallingPro(records);
  const state: VossUserState = {
    groups,
    licensed: new Uint8Array(n),
    licenses: new Int32Array(n),
    microsoft: new Uint8Array(n),
    hybrid: new Uint8Array(n),
    multiVendor: new Uint8Array(n),
    ucmCovered: new Uint8Array(records.ucmUsers.length),
    callingPro,
  };
  const g = groups;
  for (let u = 0; u < n; u += 1) {
    const licensed = licensesAny(records, phones, services, callingPro, u, g);
    let phoneTotal = 0;
    for (let k = g.ucm.start[u]!; k < g.ucm.start[u + 1]!; k += 1) phoneTotal += phones.phoneCount[g.ucm.items[k]!]!;
    state.licensed[u] = licensed ? 1 : 0;
    // R82: 1 license, or one per started ten phones past ten.
    state.licenses[u] = licensed ? (phoneTotal > 10 ? Math.ceil(phoneTotal / 10) : 1) : 0;
    if (licensed) for (let k = g.ucm.start[u]!; k < g.ucm.start[u + 1]!; k += 1) state.ucmCovered[g.ucm.items[k]!] = 1;

    const cs = sizeOf(g.csOnline, u);
    const mailboxes = sizeOf(g.mailbox, u) > 0;
    const cisco = sizeOf(g.ucm, u) + sizeOf(g.cuc, u) + sizeOf(g.webex, u) + sizeOf(g.spark, u) + sizeOf(g.uccx, u) + sizeOf(g.ccdm, u) > 0;
    const microsoft = cs > 0 || mailboxes || sizeOf(g.msol, u) > 0;
    if (!cisco) {
      let voice = false;
      let noVoice = false;
      for (let k = g.csOnline.start[u]!; k < g.csOnline.start[u + 1]!; k += 1) {
        const rec = records.csOnlineUsers[g.csOnline.items[k]!]!;
        if (isVoice(rec)) voice = true;
        if (isTeamsWithoutVoice(rec)) noVoice = true;
      }
      let licensedMsol = false;
      for (let k = g.msol.start[u]!; k < g.msol.start[u + 1]!; k += 1) if (records.msolUsers[g.msol.items[k]!]!.isLicensed) licensedMsol = true;
      // R108: R73, R72, R71, R74 — the first that fits.
      state.microsoft[u] = voice && mailboxes ? 1 : voice ? 2 : noVoice ? 3 : licensedMsol && cs === 0 ? 4 : 0;
    }
    const hybrid = records.vossUsers[u]!.hybridStatus.trim() !== '';
    state.hybrid[u] = hybrid ? 1 : 0;
    // R76: Cisco, Microsoft, Pexip — two or more, hybrid users excluded.
    state.multiVendor[u] = !hybrid && Number(cisco) + Number(microsoft) + Number(sizeOf(g.conference, u) > 0) >= 2 ? 1 : 0;
  }
  return state;
}

const sizeOf = (g: Grouped, u: number): number => g.start[u + 1]! - g.start[u]!;

/** R80: does any linked record license user `u`? (licensingRules without building the list, for a million users.) */
function licensesAny(records: Records, phones: PhoneAssignment, services: UcmServices, callingPro: Uint8Array, u: number, g: LinkGroups): boolean {
  if (sizeOf(g.uccx, u) || sizeOf(g.cuc, u) || sizeOf(g.mailbox, u) || sizeOf(g.conference, u)) return true;
  for (let k = g.ucm.start[u]!; k < g.ucm.start[u + 1]!; k += 1) if (ucmLicenses(records, phones, services, g.ucm.items[k]!)) return true;
  for (let k = g.spark.start[u]!; k < g.spark.start[u + 1]!; k += 1) if (callingPro[g.spark.items[k]!] === 1) return true;
  for (let k = g.csOnline.start[u]!; k < g.csOnline.start[u + 1]!; k += 1) if (isVoice(records.csOnlineUsers[g.csOnline.items[k]!]!)) return true;
  return false;
}

/** R80/R81: the link rules whose records license user `u`, ascending (empty: unlicensed). */
export function licensingRules(
  records: Records,
  phones: PhoneAssignment,
  services: UcmServices,
  callingPro: Uint8Array,
  u: number,
  groups: LinkGroups,
): LinkRule[] {
  const rules: LinkRule[] = [];
  const of = (k: keyof LinkTable) => membersOf(groups[k], u);
  if (of('uccx').length) rules.push('R60');
  if (Array.from(of('ucm')).some((v) => ucmLicenses(records, phones, services, v))) rules.push('R61');
  if (of('cuc').length) rules.push('R62');
  if (Array.from(of('spark')).some((s) => callingPro[s] === 1)) rules.push('R63');
  if (Array.from(of('csOnline')).some((c) => isVoice(records.csOnlineUsers[c]!))) rules.push('R64');
  if (of('mailbox').length) rules.push('R65');
  if (of('conference').length) rules.push('R66');
  return rules;
}
