/**
 * Every count column as one definition that both counts and explains
 * (counting-rules.md R30–R59, R71–R77, R83–R88; R91): a column is the list
 * of records it counts, each with its rule and weight, so a number on screen
 * and the records behind it can never disagree.
 */
import type { LegacyColumn, SummaryColumn } from '../audit/columns';
import { isSameOrAbove } from './hierarchy';
import type { PhoneAssignment } from './phones';
import { RowKeyMap } from './keys';
import type { Rec, Records } from './records';
import { SPARK_COLUMNS, SUBSCRIBER_COLUMNS, type UcmServices } from './subscribers';
import type { CountNote } from './types';
import type { LinkTable } from './voss-links';
import { isMeetingRoom, MICROSOFT_COLUMNS, type VossUserState } from './voss-users';

export interface CountState {
  records: Records;
  phones: PhoneAssignment;
  services: UcmServices;
  users: VossUserState;
  links: LinkTable;
  /** R116 and other notes made while counting. */
  notes: CountNote[];
}

/** What a source may lack (platform-dump.md §3); a column that needs it is "not available". */
export type Need = 'voss-users' | 'webex-users' | 'spark-user-configs' | 'customer-flags' | 'cuc-users';

export type Visit = (rec: Rec, label: string, rule: string, weight: number) => void;

export interface ColumnDef<C extends string> {
  column: C;
  needs: readonly Need[];
  /** Calls `visit` for every record counted in the column, in any row. */
  members(s: CountState, visit: Visit): void;
}

const WEBEX: readonly Need[] = ['webex-users'];
const USERS: readonly Need[] = ['voss-users'];
const NONE: readonly Need[] = [];

const each = <R extends Rec>(list: readonly R[], test: (r: R, i: number) => boolean, label: (r: R) => string, rule: string, visit: Visit) => {
  list.forEach((r, i) => {
    if (test(r, i)) visit(r, label(r) || r.pkid, rule, 1);
  });
};

const ucmLabel = (u: { userid: string }) => u.userid;
const userLabel = (u: { username: string; email: string }) => u.username || u.email;
const keyedLabel = (r: { value: string }) => r.value;
const phoneLabel = (p: { name: string }) => p.name;

/** Row-scoped sets of UCM user ids and e-mail addresses (R52–R54: "no UCM user of the row", agents included, R113). */
const ucmKeysOf = new WeakMap<CountState, { ids: RowKeyMap; mails: RowKeyMap }>();

function ucmKeys(s: CountState): { ids: RowKeyMap; mails: RowKeyMap } {
  const known = ucmKeysOf.get(s);
  if (known) return known;
  const ids = new RowKeyMap(s.records.keyCount, s.records.ucmUsers.length);
  const mails = new RowKeyMap(s.records.keyCount, s.records.ucmUsers.length);
  s.records.ucmUsers.forEach((u, i) => {
    ids.set(u.row, u.useridKey, i);
    mails.add(u.row, u.mailKey, i);
  });
  ucmKeysOf.set(s, { ids, mails });
  return { ids, mails };
}

const subscriberColumns: Array<ColumnDef<LegacyColumn>> = SUBSCRIBER_COLUMNS.map((c) => ({
  column: c.column,
  // Every subscriber column but Multiple Phones says "No WebEx" or "WebEx".
  needs: c.rule === 'R30' ? NONE : WEBEX,
  members: (s, visit) => each(s.records.ucmUsers, (_u, i) => s.services.column[i] === c, ucmLabel, c.rule, visit),
}));

const microsoftColumns: Array<ColumnDef<LegacyColumn>> = MICROSOFT_COLUMNS.map((c, index) => ({
  column: c.column,
  needs: USERS,
  members: (s, visit) => each(s.records.vossUsers, (_u, i) => s.users.microsoft[i] === index + 1, userLabel, c.rule, visit),
}));

export const LEGACY_COLUMN_DEFS: ReadonlyArray<ColumnDef<LegacyColumn>> = [
  ...subscriberColumns,
  ...microsoftColumns,
  {
    column: 'Users With More Than 10 Phones',
    needs: NONE,
    members: (s, visit) => each(s.records.ucmUsers, (_u, i) => s.services.column[i] !== null && s.phones.phoneCount[i]! > 10, ucmLabel, 'R45', visit),
  },
  {
    column: 'Standard Users with Spark',
    needs: WEBEX,
    members: (s, visit) =>
      each(s.records.ucmUsers, (_u, i) => s.services.spark[i] === 1 && s.services.column[i] !== null && !SPARK_COLUMNS.has(s.services.column[i]!.rule), ucmLabel, 'R46', visit),
  },
  {
    column: 'Standalone Phones (No UCM User)',
    needs: NONE,
    members: (s, visit) => each(s.records.phones, (_p, i) => s.phones.owner[i] === -1 && s.phones.cti[i] === 0, phoneLabel, 'R50', visit),
  },
  {
    column: 'Standalone Analog Ports (No UCM User)',
    needs: NONE,
    members: (s, visit) => each(s.records.phones, (_p, i) => s.phones.analog[i] === 1, phoneLabel, 'R51', visit),
  },
  {
    column: 'Standalone WebEx (No UCM User)',
    needs: WEBEX,
    members: (s, visit) => {
      const { ids, mails } = ucmKeys(s);
      const matches = (row: number, key: number, set: RowKeyMap) => set.has(row, key);
      each(s.records.webexUsers, (w) => !matches(w.row, w.usernameKey, ids) && !matches(w.row, w.emailKey, mails), (w) => w.username || w.email, 'R52', visit);
    },
  },
  {
    column: 'Standalone Voicemail (No UCM User)',
    needs: ['cuc-users'],
    members: (s, visit) => {
      const { ids } = ucmKeys(s);
      each(s.records.cucUsers, (c) => !ids.has(c.row, c.key), keyedLabel, 'R53', visit);
    },
  },
  {
    column: 'Standalone Spark (No UCM User)',
    needs: NONE,
    members: (s, visit) => {
      const { mails } = ucmKeys(s);
      // R54: linked only to a UCM user with its e-mail at its level or below (R24).
      const ucm = s.records.ucmUsers;
      const linked = (row: number, key: number, path: string) => mails.some(row, key, (u) => isSameOrAbove(path, ucm[u]!.path));
      each(s.records.sparkUsers, (sp) => !linked(sp.row, sp.key, sp.path), keyedLabel, 'R54', visit);
    },
  },
  {
    column: 'Contact Center Enterprise',
    needs: NONE,
    members: (s, visit) => each(s.records.ccdmAgents, (a) => a.underSite, keyedLabel, 'R55', visit),
  },
  {
    column: 'Contact Center Express',
    needs: NONE,
    members: (s, visit) => each(s.records.uccxAgents, (a) => a.underSite, keyedLabel, 'R56', visit),
  },
  {
    column: 'Cisco and MS Integrated Service',
    needs: USERS,
    members: (s, visit) => each(s.records.vossUsers, (_u, i) => s.users.hybrid[i] === 1, userLabel, 'R75', visit),
  },
  {
    column: 'Multi-vendor Users',
    needs: USERS,
    members: (s, visit) => each(s.records.vossUsers, (_u, i) => s.users.multiVendor[i] === 1, userLabel, 'R76', visit),
  },
  {
    column: 'PexIP only',
    needs: USERS,
    members: (s, visit) => {
      // R77: conferences whose owner e-mail is no licensed user's of the row.
      const licensedMails = new RowKeyMap(s.records.keyCount);
      s.records.vossUsers.forEach((u, i) => {
        if (s.users.licensed[i]) licensedMails.set(u.row, u.emailKey, i);
      });
      each(s.records.conferences, (c) => !licensedMails.has(c.row, c.key), (c) => c.name || c.value, 'R77', visit);
    },
  },
  {
    column: 'Phone Server Phones',
    needs: NONE,
    members: (s, visit) => each(s.records.phoneServerPhones, () => true, keyedLabel, 'R58', visit),
  },
  {
    column: 'Site Count',
    needs: NONE,
    members: (s, visit) => each(s.records.sites, () => true, keyedLabel, 'R59', visit),
  },
];

export const SUMMARY_COLUMN_DEFS: ReadonlyArray<ColumnDef<SummaryColumn>> = [
  {
    column: 'User Licenses',
    needs: USERS,
    members: (s, visit) =>
      s.records.vossUsers.forEach((u, i) => {
        if (s.users.licensed[i]) visit(u, userLabel(u) || u.pkid, 'R83', s.users.licenses[i]!);
      }),
  },
  {
    column: 'Contact Center Express',
    needs: NONE,
    members: (s, visit) => each(s.records.uccxAgents, (a) => a.underSite, keyedLabel, 'R109', visit),
  },
  {
    column: 'Cisco and MS Integrated Services',
    needs: USERS,
    members: (s, visit) => each(s.records.vossUsers, (_u, i) => s.users.licensed[i] === 1 && s.users.hybrid[i] === 1, userLabel, 'R84', visit),
  },
  {
    column: 'Standalone Devices',
    needs: USERS,
    members: (s, visit) => {
      // R85: phones no licensed user's UCM user covers, and Spark places that call.
      each(s.records.phones, (_p, i) => s.phones.cti[i] === 0 && (s.phones.owner[i] === -1 || s.users.ucmCovered[s.phones.owner[i]!] === 0), phoneLabel, 'R85', visit);
      each(s.records.sparkPlaces, (p) => p.callingType.trim() !== '' && p.callingType.trim().toLowerCase() !== 'none', (p) => p.displayName, 'R85', visit);
    },
  },
  {
    column: 'Meeting Rooms',
    needs: NONE,
    members: (s, visit) => each(s.records.csOnlineUsers, isMeetingRoom, keyedLabel, 'R86', visit),
  },
  {
    column: 'Voss Phone Servers',
    needs: NONE,
    members: (s, visit) => each(s.records.phoneServerPhones, () => true, keyedLabel, 'R87', visit),
  },
  {
    column: 'Sites',
    needs: NONE,
    members: (s, visit) => each(s.records.sites, () => true, keyedLabel, 'R88', visit),
  },
];
