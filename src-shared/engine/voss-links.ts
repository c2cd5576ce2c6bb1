/**
 * Which service records belong to which VOSS user (counting-rules.md
 * R60–R69, R6A, R112): every link test is OR-ed, and each record goes to one
 * user only — the strongest link, then the user whose username sorts first.
 */
import { compareByKey, RowKeyMap } from './keys';
import { EXPLICIT_FIELDS, type ExplicitField, type Records, type VossUserTable } from './records';
import type { LinkRule } from './types';

/** R6A's strength of a link: an explicit `username_X`, then equal username / user id, then equal e-mail. */
const EXPLICIT = 3;
const USERNAME = 2;
const EMAIL = 1;

export interface LinkSpec {
  rule: LinkRule;
  /** The records to link: their count rows (R7: links never cross rows). */
  records: { readonly length: number; readonly row: Int32Array };
  /** Per record, its key compared with the user's `username_X` field. */
  explicit?: { field: ExplicitField; key: Int32Array };
  /** Per record, its key compared with the user's username. */
  username?: Int32Array;
  /** Per record, its key compared with the user's e-mail. */
  email?: Int32Array;
}

export interface Links {
  /** Per record: the VOSS user it links to, or -1. */
  user: Int32Array;
  /** Per record: the strength of that link (R6A). */
  strength: Uint8Array;
}

export type LinkTable = {
  uccx: Links;
  ucm: Links;
  cuc: Links;
  spark: Links;
  csOnline: Links;
  mailbox: Links;
  conference: Links;
  msol: Links;
  webex: Links;
  ccdm: Links;
};

/** The user lookups of one row: the user that sorts first for each key (R6A among equals, R104). */
class UserIndex {
  private readonly maps = new Map<string, RowKeyMap>();

  constructor(
    private readonly users: VossUserTable,
    private readonly keyCount: number,
  ) {}

  private mapFor(name: string, keyOf: (u: number) => number): RowKeyMap {
    let map = this.maps.get(name);
    if (map) return map;
    const users = this.users;
    map = new RowKeyMap(this.keyCount, users.length);
    const first = (a: number, b: number) => compareByKey(users.username.at(a), users.pkid.at(a), users.username.at(b), users.pkid.at(b));
    // R8: blank keys are never stored, so they never match.
    for (let u = 0; u < users.length; u += 1) map.keepFirst(users.row[u]!, keyOf(u), u, first);
    this.maps.set(name, map);
    return map;
  }

  byUsername(row: number, key: number): number | undefined {
    return key ? this.mapFor('username', (u) => this.users.usernameKey[u]!).get(row, key) : undefined;
  }

  byEmail(row: number, key: number): number | undefined {
    return key ? this.mapFor('email', (u) => this.users.emailKey[u]!).get(row, key) : undefined;
  }

  byExplicit(field: ExplicitField, row: number, key: number): number | undefined {
    const at = EXPLICIT_FIELDS.indexOf(field);
    const { start, items } = this.users.explicit;
    return key ? this.mapFor(field, (u) => items[start[u]! + at]!).get(row, key) : undefined;
  }
}

function linkRecords(index: UserIndex, spec: LinkSpec): Links {
  const n = spec.records.length;
  const user = new Int32Array(n).fill(-1);
  const strength = new Uint8Array(n);
  const rows = spec.records.row;
  for (let i = 0; i < n; i += 1) {
    const row = rows[i]!;
    const explicit = spec.explicit ? index.byExplicit(spec.explicit.field, row, spec.explicit.key[i]!) : undefined;
    if (explicit !== undefined) {
      user[i] = explicit;
      strength[i] = EXPLICIT;
      continue;
    }
    const byName = spec.username ? index.byUsername(row, spec.username[i]!) : undefined;
    if (byName !== undefined) {
      user[i] = byName;
      strength[i] = USERNAME;
      continue;
    }
    const byMail = spec.email ? index.byEmail(row, spec.email[i]!) : undefined;
    if (byMail !== undefined) {
      user[i] = byMail;
      strength[i] = EMAIL;
    }
  }
  return { user, strength };
}

/** R60–R69, one spec per record type. */
export function linkVossUsers(records: Records): LinkTable {
  const index = new UserIndex(records.vossUsers, records.keyCount);
  const r = records;
  return {
    uccx: linkRecords(index, { rule: 'R60', records: r.uccxAgents, explicit: { field: 'username_uccx', key: r.uccxAgents.key }, username: r.uccxAgents.key }),
    ucm: linkRecords(index, {
      rule: 'R61',
      records: r.ucmUsers,
      explicit: { field: 'username_cucm', key: r.ucmUsers.useridKey },
      username: r.ucmUsers.useridKey,
      email: r.ucmUsers.mailKey,
    }),
    cuc: linkRecords(index, { rule: 'R62', records: r.cucUsers, explicit: { field: 'username_cuc', key: r.cucUsers.key }, username: r.cucUsers.key }),
    spark: linkRecords(index, { rule: 'R63', records: r.sparkUsers, explicit: { field: 'username_webex_teams', key: r.sparkUsers.key }, email: r.sparkUsers.key }),
    csOnline: linkRecords(index, { rule: 'R64', records: r.csOnlineUsers, explicit: { field: 'username_ms_teams', key: r.csOnlineUsers.key }, email: r.csOnlineUsers.key }),
    mailbox: linkRecords(index, { rule: 'R65', records: r.mailboxes, explicit: { field: 'username_ms_365', key: r.mailboxes.key }, email: r.mailboxes.key }),
    conference: linkRecords(index, { rule: 'R66', records: r.conferences, email: r.conferences.key }),
    msol: linkRecords(index, { rule: 'R67', records: r.msolUsers, explicit: { field: 'username_ms_365', key: r.msolUsers.key }, email: r.msolUsers.key }),
    webex: linkRecords(index, { rule: 'R68', records: r.webexUsers, username: r.webexUsers.usernameKey, email: r.webexUsers.emailKey }),
    ccdm: linkRecords(index, { rule: 'R69', records: r.ccdmAgents, username: r.ccdmAgents.key }),
  };
}

/** The record types of §6 in `LinkTable` order, with the rule and the first link field (cli.md `Linked Services` key). */
export const LINKED_TYPES = [
  { link: 'uccx', rule: 'R60', list: 'uccxAgents' },
  { link: 'ucm', rule: 'R61', list: 'ucmUsers' },
  { link: 'cuc', rule: 'R62', list: 'cucUsers' },
  { link: 'spark', rule: 'R63', list: 'sparkUsers' },
  { link: 'csOnline', rule: 'R64', list: 'csOnlineUsers' },
  { link: 'mailbox', rule: 'R65', list: 'mailboxes' },
  { link: 'conference', rule: 'R66', list: 'conferences' },
  { link: 'msol', rule: 'R67', list: 'msolUsers' },
  { link: 'webex', rule: 'R68', list: 'webexUsers' },
  { link: 'ccdm', rule: 'R69', list: 'ccdmAgents' },
] as const satisfies ReadonlyArray<{ link: keyof LinkTable; rule: LinkRule; list: keyof Records }>;
