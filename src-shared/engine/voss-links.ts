/**
 * Which service records belong to which VOSS user (counting-rules.md
 * R60–R69, R6A, R112): every link test is OR-ed, and each record goes to one
 * user only — the strongest link, then the user whose username sorts first.
 */
import { compareByKey, RowKeyMap } from './keys';
import { EXPLICIT_FIELDS, type ExplicitField, type Rec, type Records, type VossUser } from './records';
import type { LinkRule } from './types';

/** R6A's strength of a link: an explicit `username_X`, then equal username / user id, then equal e-mail. */
const EXPLICIT = 3;
const USERNAME = 2;
const EMAIL = 1;

export interface LinkSpec<R extends Rec> {
  rule: LinkRule;
  records: readonly R[];
  /** The record's key compared with the user's `username_X` field. */
  explicit?: { field: ExplicitField; key: (r: R) => number };
  /** The record's key compared with the user's username. */
  username?: (r: R) => number;
  /** The record's key compared with the user's e-mail. */
  email?: (r: R) => number;
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
    private readonly users: readonly VossUser[],
    private readonly keyCount: number,
  ) {}

  private mapFor(name: string, keyOf: (u: VossUser) => number): RowKeyMap {
    let map = this.maps.get(name);
    if (map) return map;
    map = new RowKeyMap(this.keyCount, this.users.length);
    const first = (a: number, b: number) => {
      const x = this.users[a]!;
      const y = this.users[b]!;
      return compareByKey(x.username, x.pkid, y.username, y.pkid);
    };
    // R8: blank keys are never stored, so they never match.
    this.users.forEach((u, i) => map!.keepFirst(u.row, keyOf(u), i, first));
    this.maps.set(name, map);
    return map;
  }

  byUsername(row: number, key: number): number | undefined {
    return key ? this.mapFor('username', (u) => u.usernameKey).get(row, key) : undefined;
  }

  byEmail(row: number, key: number): number | undefined {
    return key ? this.mapFor('email', (u) => u.emailKey).get(row, key) : undefined;
  }

  byExplicit(field: ExplicitField, row: number, key: number): number | undefined {
    const at = EXPLICIT_FIELDS.indexOf(field);
    return key ? this.mapFor(field, (u) => u.explicit[at]!).get(row, key) : undefined;
  }
}

function linkRecords<R extends Rec>(index: UserIndex, spec: LinkSpec<R>): Links {
  const user = new Int32Array(spec.records.length).fill(-1);
  const strength = new Uint8Array(spec.records.length);
  spec.records.forEach((r, i) => {
    const explicit = spec.explicit ? index.byExplicit(spec.explicit.field, r.row, spec.explicit.key(r)) : undefined;
    if (explicit !== undefined) return void ((user[i] = explicit), (strength[i] = EXPLICIT));
    const byName = spec.username ? index.byUsername(r.row, spec.username(r)) : undefined;
    if (byName !== undefined) return void ((user[i] = byName), (strength[i] = USERNAME));
    const byMail = spec.email ? index.byEmail(r.row, spec.email(r)) : undefined;
    if (byMail !== undefined) return void ((user[i] = byMail), (strength[i] = EMAIL));
  });
  return { user, strength };
}

/** R60–R69, one spec per record type. */
export function linkVossUsers(records: Records): LinkTable {
  const index = new UserIndex(records.vossUsers, records.keyCount);
  const key = (r: { key: number }) => r.key;
  return {
    uccx: linkRecords(index, { rule: 'R60', records: records.uccxAgents, explicit: { field: 'username_uccx', key }, username: key }),
    ucm: linkRecords(index, {
      rule: 'R61',
      records: records.ucmUsers,
      explicit: { field: 'username_cucm', key: (u) => u.useridKey },
      username: (u) => u.useridKey,
      email: (u) => u.mailKey,
    }),
    cuc: linkRecords(index, { rule: 'R62', records: records.cucUsers, explicit: { field: 'username_cuc', key }, username: key }),
    spark: linkRecords(index, { rule: 'R63', records: records.sparkUsers, explicit: { field: 'username_webex_teams', key }, email: key }),
    csOnline: linkRecords(index, { rule: 'R64', records: records.csOnlineUsers, explicit: { field: 'username_ms_teams', key }, email: key }),
    mailbox: linkRecords(index, { rule: 'R65', records: records.mailboxes, explicit: { field: 'username_ms_365', key }, email: key }),
    conference: linkRecords(index, { rule: 'R66', records: records.conferences, email: key }),
    msol: linkRecords(index, { rule: 'R67', records: records.msolUsers, explicit: { field: 'username_ms_365', key }, email: key }),
    webex: linkRecords(index, { rule: 'R68', records: records.webexUsers, username: (w) => w.usernameKey, email: (w) => w.emailKey }),
    ccdm: linkRecords(index, { rule: 'R69', records: records.ccdmAgents, username: key }),
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
