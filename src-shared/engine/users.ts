/**
 * The VOSS users of a count, one result each (counting-rules.md R80–R82;
 * cli.md `users`), materialized a page at a time: a million users are
 * filtered and ordered as indices, and only the rows asked for become objects.
 */
import { LEGACY_COUNT_COLUMNS, type LegacyColumn } from '../audit/columns';
import type { CountState } from './columns';
import type { Texts } from './record-columns';
import type { RecordTable } from './records';
import { membersOf } from './group';
import { compareByKey, compareCodePoints, keyOf } from './keys';
import { ENTERPRISE_AGENT, EXPRESS_AGENT } from './subscribers';
import type { LinkedService, LinkRule, UserPage, UserQuery, UserResult } from './types';
import { LINKED_TYPES } from './voss-links';
import { isVoice, licensingRules, ucmLicenses } from './voss-users';

const COLUMN_POSITION = new Map<string, number>(LEGACY_COUNT_COLUMNS.map((c, i) => [c, i]));

export class UserDirectory {
  private ordered: Int32Array | undefined;
  private readonly rowRank: Int32Array;
  private lowerNames: string[] | undefined;

  constructor(
    private readonly s: CountState,
    /** Row indices in R90 order (rows left out by --from-hierarchy are absent). */
    rowOrder: readonly number[],
    private readonly available: (column: string) => boolean,
  ) {
    this.rowRank = new Int32Array(s.records.hierarchy.rows.length).fill(-1);
    rowOrder.forEach((row, rank) => (this.rowRank[row] = rank));
  }

  /** Users in R90 row order, then by user name (R8 key, as stored, pkid). */
  private order(): Int32Array {
    if (this.ordered) return this.ordered;
    const users = this.s.records.vossUsers;
    const kept: number[] = [];
    for (let i = 0; i < users.length; i += 1) if (this.rowRank[users.row[i]!]! >= 0) kept.push(i);
    kept.sort((a, b) => this.rowRank[users.row[a]!]! - this.rowRank[users.row[b]!]! || compareByKey(users.username.at(a), users.pkid.at(a), users.username.at(b), users.pkid.at(b)));
    this.ordered = Int32Array.from(kept);
    return this.ordered;
  }

  page(query: UserQuery, row: number | undefined): UserPage {
    const offset = Math.max(0, query.offset ?? 0);
    const limit = Math.max(0, query.limit ?? Number.MAX_SAFE_INTEGER);
    const wanted = query.status === undefined ? -1 : query.status === 'Licensed' ? 1 : 0;
    const search = query.search?.trim().toLowerCase() ?? '';
    const users = this.s.records.vossUsers;
    if (search) this.lowerNames ??= Array.from({ length: users.length }, (_x, u) => `${users.username.at(u)}\u0000${users.email.at(u)}`.toLowerCase());
    const out: UserResult[] = [];
    let total = 0;
    for (const u of this.order()) {
      if (row !== undefined && users.row[u] !== row) continue;
      if (wanted >= 0 && this.s.users.licensed[u] !== wanted) continue;
      if (search && !this.lowerNames![u]!.includes(search)) continue;
      if (query.column !== undefined && !this.legacyColumns(u).includes(query.column)) continue;
      if (total >= offset && out.length < limit) out.push(this.result(u));
      total += 1;
    }
    return { total, offset, users: out };
  }

  /** The legacy columns of the UCM users linked to user `u` (an agent's is its contact center column), in header order. */
  legacyColumns(u: number): LegacyColumn[] {
    const found = new Set<LegacyColumn>();
    for (const v of membersOf(this.s.users.groups.ucm, u)) {
      const column = this.s.services.column[v];
      if (column) found.add(column.column);
      const agent = this.s.services.agent[v]!;
      if (agent & EXPRESS_AGENT) found.add('Contact Center Express');
      if (agent & ENTERPRISE_AGENT) found.add('Contact Center Enterprise');
    }
    return [...found].filter((c) => this.available(c)).sort((a, b) => COLUMN_POSITION.get(a)! - COLUMN_POSITION.get(b)!);
  }

  result(u: number): UserResult {
    const { records, users, phones, services } = this.s;
    const user = records.vossUsers;
    const id = records.hierarchy.rows[user.row[u]!]!;
    const rules: LinkRule[] = licensingRules(records, phones, services, users.callingPro, u, users.groups);
    const linkedServices: LinkedService[] = [];
    for (const type of LINKED_TYPES) {
      for (const r of membersOf(users.groups[type.link], u)) {
        const rec = linkedRecord(this.s, type.link, r);
        linkedServices.push({ modelType: rec.modelType, key: rec.key || rec.pkid, pkid: rec.pkid, rule: type.rule, licensing: rec.licensing });
      }
    }
    linkedServices.sort((a, b) => compareCodePoints(a.modelType, b.modelType) || compareCodePoints(a.key, b.key) || compareCodePoints(a.pkid, b.pkid));
    const microsoft = users.microsoft[u]!;
    const result: UserResult = {
      rowKey: id.key,
      customerPkid: id.customerPkid,
      pkid: user.pkid.at(u),
      username: user.username.at(u),
      email: user.email.at(u),
      status: users.licensed[u] ? 'Licensed' : 'Unlicensed',
      licenses: users.licenses[u]!,
      legacyColumns: this.legacyColumns(u),
      linkedServices,
      rules,
    };
    if (microsoft) result.microsoftColumn = (['MS Teams & Voice & Exchange', 'MS Teams & Voice', 'MS Teams (No Voice)', 'MS 0365 User (no Teams)'] as const)[microsoft - 1];
    return result;
  }
}

/** A linked record's type, its first link field (cli.md: the `Linked Services` key) and whether it licenses (R80). */
function linkedRecord(s: CountState, link: (typeof LINKED_TYPES)[number]['link'], i: number): { modelType: string; pkid: string; key: string; licensing: boolean } {
  const r = s.records;
  switch (link) {
    case 'uccx':
      return { ...pick(r.uccxAgents, i), licensing: true };
    case 'ucm':
      return { ...pick(r.ucmUsers, i, r.ucmUsers.userid), licensing: ucmLicenses(r, s.phones, s.services, i) };
    case 'cuc':
      return { ...pick(r.cucUsers, i), licensing: true };
    case 'spark':
      return { ...pick(r.sparkUsers, i), licensing: s.users.callingPro[i] === 1 };
    case 'csOnline':
      return { ...pick(r.csOnlineUsers, i), licensing: isVoice(r.csOnlineUsers, i) };
    case 'mailbox':
      return { ...pick(r.mailboxes, i), licensing: true };
    case 'conference':
      return { ...pick(r.conferences, i), licensing: true };
    case 'msol':
      return { ...pick(r.msolUsers, i), licensing: false };
    case 'webex':
      return { ...pick(r.webexUsers, i, r.webexUsers.username), licensing: false };
    case 'ccdm':
      return { ...pick(r.ccdmAgents, i), licensing: false };
  }
}

/** Record i's type, pkid and R8 key of its link field (`value` for a keyed record). */
function pick(table: RecordTable & { value?: Texts }, i: number, field: Texts | undefined = table.value) {
  return { modelType: table.modelType.at(i), pkid: table.pkid.at(i), key: keyOf(field ? field.at(i) : '') };
}
