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
import { symbolTest } from './record-columns';
import type { Records, RecordTable } from './records';
import { SPARK_COLUMNS, SUBSCRIBER_COLUMNS, type UcmServices } from './subscribers';
import type { CountNote } from './types';
import type { LinkTable } from './voss-links';
import { MICROSOFT_COLUMNS, teamsAccounts, type VossUserState } from './voss-users';

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

/** A record's label (its name as written); the explanation falls back to its pkid when blank. Read only when a cell is explained. */
export type Label = (i: number) => string;

/** One record counted in a column: record `i` of `table`, by `rule`, `weight` times. */
export type Visit = (table: RecordTable, i: number, label: Label, rule: string, weight: number) => void;

export interface ColumnDef<C extends string> {
  column: C;
  needs: readonly Need[];
  /** Calls `visit` for every record counted in the column, in any row. */
  members(s: CountState, visit: Visit): void;
}

const WEBEX: readonly Need[] = ['webex-users'];
const USERS: readonly Need[] = ['voss-users'];
const NONE: readonly Need[] = [];

const each = (table: RecordTable, test: (i: number) => boolean, label: Label, rule: string, visit: Visit) => {
  for (let i = 0; i < table.length; i += 1) if (test(i)) visit(table, i, label, rule, 1);
};

const ucmLabel = (s: CountState): Label => (i) => s.records.ucmUsers.userid.at(i);
const userLabel = (s: CountState): Label => (i) => s.records.vossUsers.username.at(i) || s.records.vossUsers.email.at(i);
const keyedLabel = (t: { value: { at(i: number): string } }): Label => (i) => t.value.at(i);
const phoneLabel = (s: CountState): Label => (i) => s.records.phones.name.at(i);

/** Row-scoped sets of UCM user ids and e-mail addresses (R52–R54: "no UCM user of the row", agents included, R113). */
const ucmKeysOf = new WeakMap<CountState, { ids: RowKeyMap; mails: RowKeyMap }>();

function ucmKeys(s: CountState): { ids: RowKeyMap; mails: RowKeyMap } {
  const known = ucmKeysOf.get(s);
  if (known) return known;
  const ids = new RowKeyMap(s.records.keyCount, s.records.ucmUsers.length);
  const mails = new RowKeyMap(s.records.keyCount, s.records.ucmUsers.length);
  const u = s.records.ucmUsers;
  for (let i = 0; i < u.length; i += 1) {
    ids.set(u.row[i]!, u.useridKey[i]!, i);
    mails.add(u.row[i]!, u.mailKey[i]!, i);
  }
  ucmKeysOf.set(s, { ids, mails });
  return { ids, mails };
}

const subscriberColumns: Array<ColumnDef<LegacyColumn>> = SUBSCRIBER_COLUMNS.map((c) => ({
  column: c.column,
  // Every subscriber column but Multiple Phones says "No WebEx" or "WebEx".
  needs: c.rule === 'R30' ? NONE : WEBEX,
  members: (s, visit) => each(s.records.ucmUsers, (i) => s.services.column[i] === c, ucmLabel(s), c.rule, visit),
}));

const microsoftColumns: Array<ColumnDef<LegacyColumn>> = MICROSOFT_COLUMNS.map((c, index) => ({
  column: c.column,
  needs: USERS,
  members: (s, visit) => each(s.records.vossUsers, (i) => s.users.microsoft[i] === index + 1, userLabel(s), c.rule, visit),
}));

export const LEGACY_COLUMN_DEFS: ReadonlyArray<ColumnDef<LegacyColumn>> = [
  ...subscriberColumns,
  ...microsoftColumns,
  {
    column: 'Users With More Than 10 Phones',
    needs: NONE,
    members: (s, visit) => each(s.records.ucmUsers, (i) => s.services.column[i] !== null && s.phones.phoneCount[i]! > 10, ucmLabel(s), 'R45', visit),
  },
  {
    column: 'Standard Users with Spark',
    needs: WEBEX,
    members: (s, visit) =>
      each(s.records.ucmUsers, (i) => s.services.spark[i] === 1 && s.services.column[i] !== null && !SPARK_COLUMNS.has(s.services.column[i]!.rule), ucmLabel(s), 'R46', visit),
  },
  {
    column: 'Standalone Phones (No UCM User)',
    needs: NONE,
    members: (s, visit) => each(s.records.phones, (i) => s.phones.owner[i] === -1 && s.phones.cti[i] === 0, phoneLabel(s), 'R50', visit),
  },
  {
    column: 'Standalone Analog Ports (No UCM User)',
    needs: NONE,
    members: (s, visit) => each(s.records.phones, (i) => s.phones.analog[i] === 1, phoneLabel(s), 'R51', visit),
  },
  {
    column: 'Standalone WebEx (No UCM User)',
    needs: WEBEX,
    members: (s, visit) => {
      const { ids, mails } = ucmKeys(s);
      const matches = (row: number, key: number, set: RowKeyMap) => set.has(row, key);
      const w = s.records.webexUsers;
      each(w, (i) => !matches(w.row[i]!, w.usernameKey[i]!, ids) && !matches(w.row[i]!, w.emailKey[i]!, mails), (i) => w.username.at(i) || w.email.at(i), 'R52', visit);
    },
  },
  {
    column: 'Standalone Voicemail (No UCM User)',
    needs: ['cuc-users'],
    members: (s, visit) => {
      const { ids } = ucmKeys(s);
      const c = s.records.cucUsers;
      each(c, (i) => !ids.has(c.row[i]!, c.key[i]!), keyedLabel(c), 'R53', visit);
    },
  },
  {
    column: 'Standalone Spark (No UCM User)',
    needs: NONE,
    members: (s, visit) => {
      const { mails } = ucmKeys(s);
      // R54: linked only to a UCM user with its e-mail at its level or below (R24).
      const ucm = s.records.ucmUsers;
      const sp = s.records.sparkUsers;
      const linked = (i: number) => mails.some(sp.row[i]!, sp.key[i]!, (u) => isSameOrAbove(sp.path.at(i), ucm.path.at(u)));
      each(sp, (i) => !linked(i), keyedLabel(sp), 'R54', visit);
    },
  },
  {
    column: 'Contact Center Enterprise',
    needs: NONE,
    members: (s, visit) => each(s.records.ccdmAgents, (i) => s.records.ccdmAgents.underSite[i] === 1, keyedLabel(s.records.ccdmAgents), 'R55', visit),
  },
  {
    column: 'Contact Center Express',
    needs: NONE,
    members: (s, visit) => each(s.records.uccxAgents, (i) => s.records.uccxAgents.underSite[i] === 1, keyedLabel(s.records.uccxAgents), 'R56', visit),
  },
  {
    column: 'Cisco and MS Integrated Service',
    needs: USERS,
    members: (s, visit) => each(s.records.vossUsers, (i) => s.users.hybrid[i] === 1, userLabel(s), 'R75', visit),
  },
  {
    column: 'Multi-vendor Users',
    needs: USERS,
    members: (s, visit) => each(s.records.vossUsers, (i) => s.users.multiVendor[i] === 1, userLabel(s), 'R76', visit),
  },
  {
    column: 'PexIP only',
    needs: USERS,
    members: (s, visit) => {
      // R77: conferences whose owner e-mail is no licensed user's of the row.
      const licensedMails = new RowKeyMap(s.records.keyCount);
      const u = s.records.vossUsers;
      for (let i = 0; i < u.length; i += 1) if (s.users.licensed[i]) licensedMails.set(u.row[i]!, u.emailKey[i]!, i);
      const c = s.records.conferences;
      each(c, (i) => !licensedMails.has(c.row[i]!, c.key[i]!), (i) => c.name.at(i) || c.value.at(i), 'R77', visit);
    },
  },
  {
    column: 'Phone Server Phones',
    needs: NONE,
    members: (s, visit) => each(s.records.phoneServerPhones, () => true, keyedLabel(s.records.phoneServerPhones), 'R58', visit),
  },
  {
    column: 'Site Count',
    needs: NONE,
    members: (s, visit) => each(s.records.sites, () => true, keyedLabel(s.records.sites), 'R59', visit),
  },
];

export const SUMMARY_COLUMN_DEFS: ReadonlyArray<ColumnDef<SummaryColumn>> = [
  {
    column: 'User Licenses',
    needs: USERS,
    members: (s, visit) => {
      const label = userLabel(s);
      for (let i = 0; i < s.records.vossUsers.length; i += 1) if (s.users.licensed[i]) visit(s.records.vossUsers, i, label, 'R83', s.users.licenses[i]!);
    },
  },
  {
    column: 'Contact Center Express',
    needs: NONE,
    members: (s, visit) => each(s.records.uccxAgents, (i) => s.records.uccxAgents.underSite[i] === 1, keyedLabel(s.records.uccxAgents), 'R109', visit),
  },
  {
    column: 'Cisco and MS Integrated Services',
    needs: USERS,
    members: (s, visit) => each(s.records.vossUsers, (i) => s.users.licensed[i] === 1 && s.users.hybrid[i] === 1, userLabel(s), 'R84', visit),
  },
  {
    column: 'Standalone Devices',
    needs: USERS,
    members: (s, visit) => {
      // R85: phones no licensed user's UCM user covers, and Spark places that call.
      each(s.records.phones, (i) => s.phones.cti[i] === 0 && (s.phones.owner[i] === -1 || s.users.ucmCovered[s.phones.owner[i]!] === 0), phoneLabel(s), 'R85', visit);
      const places = s.records.sparkPlaces;
      const calls = symbolTest(places.callingType, (type) => type.trim() !== '' && type.trim().toLowerCase() !== 'none');
      each(places, (i) => calls[places.callingType.codes[i]!] === 1, (i) => places.displayName.at(i), 'R85', visit);
    },
  },
  {
    column: 'Meeting Rooms',
    needs: NONE,
    members: (s, visit) => {
      const rooms = teamsAccounts(s.records.csOnlineUsers).meetingRoom;
      each(s.records.csOnlineUsers, (i) => rooms[i] === 1, keyedLabel(s.records.csOnlineUsers), 'R86', visit);
    },
  },
  {
    column: 'Voss Phone Servers',
    needs: NONE,
    members: (s, visit) => each(s.records.phoneServerPhones, () => true, keyedLabel(s.records.phoneServerPhones), 'R87', visit),
  },
  {
    column: 'Sites',
    needs: NONE,
    members: (s, visit) => each(s.records.sites, () => true, keyedLabel(s.records.sites), 'R88', visit),
  },
];
