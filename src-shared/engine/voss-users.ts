/**
 * What each VOSS user is: its Microsoft column, vendors, license status and
 * license count (counting-rules.md R70–R82, R84, R108, R114).
 */
import type { LegacyColumn } from '../audit/columns';
import { type Grouped, groupByOwner } from './group';
import type { PhoneAssignment } from './phones';
import { RowKeyMap } from './keys';
import { symbolTest } from './record-columns';
import type { CsOnlineUserTable, Records } from './records';
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

/** What the Teams rules ask of each CsOnlineUser, worked out once per table. */
export interface TeamsAccounts {
  /** R70: a Teams account with enterprise voice on a phone system, not a meeting room. */
  voice: Uint8Array;
  /** R71's record: enabled, no voice, some features but no phone system. Empty FeatureTypes never counts. */
  withoutVoice: Uint8Array;
  /** R86: a Teams room with voice. */
  meetingRoom: Uint8Array;
}

const accountsOf = new WeakMap<CsOnlineUserTable, TeamsAccounts>();

export function teamsAccounts(c: CsOnlineUserTable): TeamsAccounts {
  const known = accountsOf.get(c);
  if (known) return known;
  const { start, items } = c.featureTypes;
  // Feature types are a handful of distinct texts: each is tested once.
  const phoneSystem = symbolTest(items, (t) => t === 'PhoneSystem');
  const teamsRoom = symbolTest(items, (t) => t.startsWith('TeamsRoom'));
  const out: TeamsAccounts = { voice: new Uint8Array(c.length), withoutVoice: new Uint8Array(c.length), meetingRoom: new Uint8Array(c.length) };
  for (let i = 0; i < c.length; i += 1) {
    let hasPhoneSystem = false;
    let hasRoom = false;
    for (let k = start[i]!; k < start[i + 1]!; k += 1) {
      if (phoneSystem[items.codes[k]!]) hasPhoneSystem = true;
      if (teamsRoom[items.codes[k]!]) hasRoom = true;
    }
    const enabled = c.accountEnabled[i] === 1;
    const voiceEnabled = c.enterpriseVoiceEnabled[i] === 1;
    const features = start[i + 1]! - start[i]!;
    out.voice[i] = enabled && voiceEnabled && hasPhoneSystem && !hasRoom ? 1 : 0;
    out.withoutVoice[i] = enabled && !voiceEnabled && features > 0 && !hasPhoneSystem ? 1 : 0;
    out.meetingRoom[i] = enabled && voiceEnabled && hasRoom ? 1 : 0;
  }
  accountsOf.set(c, out);
  return out;
}

/** R70 for CsOnlineUser `i`. */
export function isVoice(c: CsOnlineUserTable, i: number): boolean {
  return teamsAccounts(c).voice[i] === 1;
}

/** R114: a Spark user's own calling_pro, or a UserConfig of the row with its e-mail. */
export function sparkCallingPro(records: Records): Uint8Array {
  const { sparkUsers, sparkUserConfigs } = records;
  const configured = new RowKeyMap(records.keyCount, sparkUserConfigs.length);
  for (let i = 0; i < sparkUserConfigs.length; i += 1) {
    if (sparkUserConfigs.callingPro[i]) configured.set(sparkUserConfigs.row[i]!, sparkUserConfigs.key[i]!, i);
  }
  const out = new Uint8Array(sparkUsers.length);
  for (let i = 0; i < sparkUsers.length; i += 1) out[i] = sparkUsers.callingPro[i] === 1 || configured.has(sparkUsers.row[i]!, sparkUsers.key[i]!) ? 1 : 0;
  return out;
}

/** R80/R61: a UCM user that licenses: phones, EM, or remote destination profiles on it. */
export function ucmLicenses(records: Records, phones: PhoneAssignment, services: UcmServices, u: number): boolean {
  return phones.phoneCount[u]! > 0 || services.em[u] === 1 || records.ucmUsers.remoteDestinationProfiles[u]! > 0;
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
  const teams = teamsAccounts(records.csOnlineUsers);
  const hybridStatus = symbolTest(records.vossUsers.hybridStatus, (status) => status.trim() !== '');
  for (let u = 0; u < n; u += 1) {
    const licensed = licensingMask(records, phones, services, callingPro, u, g) !== 0;
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
        const c = g.csOnline.items[k]!;
        if (teams.voice[c]) voice = true;
        if (teams.withoutVoice[c]) noVoice = true;
      }
      let licensedMsol = false;
      for (let k = g.msol.start[u]!; k < g.msol.start[u + 1]!; k += 1) if (records.msolUsers.isLicensed[g.msol.items[k]!]) licensedMsol = true;
      // R108: R73, R72, R71, R74 — the first that fits.
      state.microsoft[u] = voice && mailboxes ? 1 : voice ? 2 : noVoice ? 3 : licensedMsol && cs === 0 ? 4 : 0;
    }
    const hybrid = hybridStatus[records.vossUsers.hybridStatus.codes[u]!] === 1;
    state.hybrid[u] = hybrid ? 1 : 0;
    // R76: Cisco, Microsoft, Pexip — two or more, hybrid users excluded.
    state.multiVendor[u] = !hybrid && Number(cisco) + Number(microsoft) + Number(sizeOf(g.conference, u) > 0) >= 2 ? 1 : 0;
  }
  return state;
}

const sizeOf = (g: Grouped, u: number): number => g.start[u + 1]! - g.start[u]!;

/** Some linked record of group `g` of user `u` passes `test`. */
function anyLinked(g: Grouped, u: number, test: (record: number) => boolean): boolean {
  for (let k = g.start[u]!; k < g.start[u + 1]!; k += 1) if (test(g.items[k]!)) return true;
  return false;
}

/** The link rules of R80, in ascending order; bit i of licensingMask is LICENSING_RULES[i]. */
const LICENSING_RULES: readonly LinkRule[] = ['R60', 'R61', 'R62', 'R63', 'R64', 'R65', 'R66'];

/**
 * R80/R81 as a bit mask (0: unlicensed): which link rules' records license
 * user `u`. A number rather than a list, so the million-user pass allocates
 * nothing; licensingRules spells it out for one user.
 */
function licensingMask(records: Records, phones: PhoneAssignment, services: UcmServices, callingPro: Uint8Array, u: number, g: LinkGroups): number {
  let mask = 0;
  if (sizeOf(g.uccx, u)) mask |= 1 << 0;
  if (anyLinked(g.ucm, u, (v) => ucmLicenses(records, phones, services, v))) mask |= 1 << 1;
  if (sizeOf(g.cuc, u)) mask |= 1 << 2;
  if (anyLinked(g.spark, u, (s) => callingPro[s] === 1)) mask |= 1 << 3;
  if (anyLinked(g.csOnline, u, (c) => isVoice(records.csOnlineUsers, c))) mask |= 1 << 4;
  if (sizeOf(g.mailbox, u)) mask |= 1 << 5;
  if (sizeOf(g.conference, u)) mask |= 1 << 6;
  return mask;
}

/** R80/R81: the link rules whose records license user `u`, ascending (empty: unlicensed). */
export function licensingRules(records: Records, phones: PhoneAssignment, services: UcmServices, callingPro: Uint8Array, u: number, groups: LinkGroups): LinkRule[] {
  const mask = licensingMask(records, phones, services, callingPro, u, groups);
  return LICENSING_RULES.filter((_rule, i) => (mask & (1 << i)) !== 0);
}
