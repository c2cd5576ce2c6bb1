/**
 * Property tests of the counting engine over generated dumps: the subscriber
 * columns partition the non-agent UCM users (R30–R44), totals are the sums
 * of the per-user results (R83, R91), and the way a dump is written —
 * record order, pages, gzip, JSON lines, API shape, field-name case, key
 * case (R8) — never changes a single count (through real files and
 * countSource).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FLAG_COLUMNS, LEGACY_COUNT_COLUMNS, SUMMARY_COUNT_COLUMNS } from '../../src-shared/audit/columns';
import type { CountedEngine } from '../../src-shared/engine/count';
import { usersCsv } from '../../src-shared/engine/output';
import { SUBSCRIBER_COLUMNS } from '../../src-shared/engine/subscribers';
import { countSource } from '../../src-main/services/count-service';
import { Rng } from '../../src-main/tools/gen-dump-model';
import { type BuiltRecord, DumpBuilder, type Fields, rowOf } from './support/dump-builder';

// ---------------------------------------------------------------------------
// A random but realistic platform: a provider, customers with sites, people
// with a VOSS user and/or a UCM user and their services, loose records.

const NAMES = ['ann', 'ben', 'cat', 'dan', 'eve'] as const;

interface Person {
  customer: number;
  atSite: boolean;
  name: (typeof NAMES)[number];
  voss: boolean;
  hybrid: boolean;
  ucm: boolean;
  /** How each phone is tied to the user (associated or owner id) and what it is. */
  phones: Array<{ tie: 'associated' | 'owner'; kind: 'plain' | 'spark' | 'cti' | 'analog' }>;
  em: 0 | 1 | 2;
  snr: 0 | 1 | 2;
  vm: boolean;
  webex: 0 | 1 | 2;
  spark: 0 | 1 | 2;
  callingPro: boolean;
  agent: 0 | 1 | 2;
  teams: 0 | 1 | 2 | 3;
  mailbox: boolean;
  msol: 0 | 1 | 2;
  pexip: boolean;
}

interface World {
  customers: number;
  people: Person[];
  loosePhones: Array<{ customer: number; owner: 'ghost' | '' | 'ann'; analog: boolean }>;
  places: Array<{ customer: number; calling: 'webexCalling' | 'none' | null }>;
  providerPhones: number;
}

const person = (customers: number): fc.Arbitrary<Person> =>
  fc.record({
    customer: fc.nat(customers - 1),
    atSite: fc.boolean(),
    name: fc.constantFrom(...NAMES),
    voss: fc.boolean(),
    hybrid: fc.boolean(),
    ucm: fc.boolean(),
    phones: fc.array(
      fc.record({ tie: fc.constantFrom('associated' as const, 'owner' as const), kind: fc.constantFrom('plain' as const, 'plain' as const, 'spark' as const, 'cti' as const, 'analog' as const) }),
      { maxLength: 3 },
    ),
    em: fc.constantFrom(0 as const, 1 as const, 2 as const),
    snr: fc.constantFrom(0 as const, 1 as const, 2 as const),
    vm: fc.boolean(),
    webex: fc.constantFrom(0 as const, 0 as const, 1 as const, 2 as const),
    spark: fc.constantFrom(0 as const, 0 as const, 1 as const, 2 as const),
    callingPro: fc.boolean(),
    agent: fc.constantFrom(0 as const, 0 as const, 0 as const, 1 as const, 2 as const),
    teams: fc.constantFrom(0 as const, 0 as const, 1 as const, 2 as const, 3 as const),
    mailbox: fc.boolean(),
    msol: fc.constantFrom(0 as const, 1 as const, 2 as const),
    pexip: fc.boolean(),
  });

const world: fc.Arbitrary<World> = fc.integer({ min: 1, max: 3 }).chain((customers) =>
  fc.record({
    customers: fc.constant(customers),
    people: fc.array(person(customers), { minLength: 1, maxLength: 10 }),
    loosePhones: fc.array(fc.record({ customer: fc.nat(customers - 1), owner: fc.constantFrom('ghost' as const, '' as const, 'ann' as const), analog: fc.boolean() }), { maxLength: 3 }),
    places: fc.array(fc.record({ customer: fc.nat(customers - 1), calling: fc.constantFrom('webexCalling' as const, 'none' as const, null) }), { maxLength: 2 }),
    providerPhones: fc.nat(1),
  }),
);

const CUSTOMER = (i: number) => `Cust${i}`;

function build(w: World): DumpBuilder {
  const b = new DumpBuilder();
  const tenants = Array.from({ length: w.customers }, (_v, i) => b.tenant(CUSTOMER(i)));
  let phoneNo = 0;
  w.people.forEach((p, k) => {
    const t = tenants[p.customer]!;
    const at = p.atSite ? t.site : t.customer;
    const mail = `${p.name}@example.com`;
    if (p.voss) b.vossUser(at, p.name, { email: mail, mvs_hybrid_status: p.hybrid ? 'Enabled' : '' });
    if (p.ucm) {
      const associated: string[] = [];
      for (const ph of p.phones) {
        phoneNo += 1;
        const name = ph.kind === 'analog' ? `AN${phoneNo.toString(16).padStart(4, '0')}` : `sep${String(phoneNo).padStart(4, '0')}`;
        const product = { plain: 'Cisco 8845', spark: 'Cisco Spark Remote Device', cti: 'CTI Port', analog: 'Analog Phone' }[ph.kind];
        if (ph.tie === 'associated') associated.push(name);
        b.phone(t.site, name, { product, ...(ph.tie === 'owner' ? { ownerUserName: p.name } : {}) });
      }
      b.ucmUser(at, p.name, {
        mailid: mail,
        associatedDevices: associated,
        phoneProfiles: p.em === 1 ? [`em-${k}`] : [],
        associatedRemoteDestinationProfiles: p.snr === 1 ? [`rdp-${k}`] : [],
      });
    }
    if (p.em === 2) b.record('device/cucm/DeviceProfile', t.customer, { name: `emp-${k}`, userid: p.name });
    if (p.snr === 2) b.record('device/cucm/RemoteDestinationProfile', t.customer, { name: `rdpr-${k}`, userId: p.name });
    if (p.vm) b.record('device/cuc/User', t.customer, { Alias: p.name });
    if (p.webex) b.record('device/webex/User', t.customer, p.webex === 1 ? { username: p.name } : { username: `wx-${k}`, email: mail });
    if (p.spark) {
      b.record('device/spark/User', p.spark === 1 ? t.customer : t.site, { email: mail, calling_pro: p.callingPro && p.spark === 1 });
      if (p.callingPro) b.record('device/spark/UserConfig', t.customer, { email: mail, calling_pro: 'true' });
    }
    if (p.agent === 1) b.record('device/uccx/Agent', t.site, { userID: p.name });
    if (p.agent === 2) b.record('device/ccdm/Agent', t.site, { Name: p.name });
    if (p.teams) {
      const features = p.teams === 1 ? ['Teams', 'PhoneSystem'] : p.teams === 2 ? ['Teams'] : ['TeamsRoomStandard'];
      b.record('device/msteamsonline/CsOnlineUser', t.customer, { UserPrincipalName: mail, AccountEnabled: 'True', EnterpriseVoiceEnabled: p.teams !== 2, FeatureTypes: features });
    }
    if (p.mailbox) b.record('device/msexchangeonline/UserMailbox', t.customer, { UserPrincipalName: mail });
    if (p.msol) b.record(p.msol === 1 ? 'device/msgraph/MsolUser' : 'device/msonline/MsolUser', t.customer, { UserPrincipalName: mail, IsLicensed: p.msol === 1 ? 'Y' : 0 });
    if (p.pexip) b.record('device/pexip/Conference', t.customer, { name: `vmr-${k}`, primary_owner_email_address: mail });
  });
  w.loosePhones.forEach((l, k) => b.phone(tenants[l.customer]!.site, l.analog ? `AN${(0xf00 + k).toString(16)}` : `loose${k}`, { ownerUserName: l.owner, product: l.analog ? 'VG' : 'Cisco 7841' }));
  w.places.forEach((p, k) => b.record('device/spark/Place', tenants[p.customer]!.customer, { displayName: `room${k}`, calling: { type: p.calling } }));
  for (let i = 0; i < w.providerPhones; i += 1) b.phone('sys.hcs.P1', `prov${i}`);
  return b;
}

// ---------------------------------------------------------------------------
// Invariants over one count (in memory).

const SUBSCRIBER = SUBSCRIBER_COLUMNS.map((c) => c.column);

function checkInvariants(w: World, e: CountedEngine): void {
  for (let c = 0; c < w.customers; c += 1) {
    const row = rowOf(e, CUSTOMER(c));
    const people = w.people.filter((p) => p.customer === c);
    const agents = new Set(people.filter((p) => p.agent !== 0).map((p) => p.name));
    const nonAgentUcm = people.filter((p) => p.ucm && !agents.has(p.name)).length;

    // R30–R44: every non-agent UCM user in exactly one column, agents in none.
    const inColumns = SUBSCRIBER.flatMap((col) => e.explain(row.key, col).map((r) => r.pkid));
    expect(new Set(inColumns).size).toBe(inColumns.length);
    expect(inColumns.length).toBe(nonAgentUcm);
    expect(SUBSCRIBER.reduce((s, col) => s + Number(row.legacy[col]), 0)).toBe(nonAgentUcm);

    // R83: User Licenses is the sum of the users' licenses; R80/R82: licensed ⇔ rules ⇔ licenses ≥ 1.
    const users = e.users({ rowKey: row.key }).users;
    expect(users.length).toBe(people.filter((p) => p.voss).length);
    expect(row.summary['User Licenses']).toBe(users.reduce((s, u) => s + u.licenses, 0));
    for (const u of users) {
      expect(u.status === 'Licensed').toBe(u.rules.length > 0);
      expect(u.licenses >= 1).toBe(u.status === 'Licensed');
    }
    // R84 ⊆ R75; R108: the Microsoft columns add up to the users that have one.
    const hybrid = new Set(e.explain(row.key, 'Cisco and MS Integrated Service').map((r) => r.pkid));
    const licensed = new Set(users.filter((u) => u.status === 'Licensed').map((u) => u.pkid));
    const integrated = e.explain(row.key, 'Cisco and MS Integrated Services').map((r) => r.pkid);
    expect(integrated.sort()).toEqual([...hybrid].filter((pk) => licensed.has(pk)).sort());
    const msColumns = ['MS Teams (No Voice)', 'MS Teams & Voice', 'MS Teams & Voice & Exchange', 'MS 0365 User (no Teams)'] as const;
    expect(msColumns.reduce((s, col) => s + Number(row.legacy[col]), 0)).toBe(users.filter((u) => u.microsoftColumn !== undefined).length);
    // R45 ⊆ R30
    expect(Number(row.legacy['Users With More Than 10 Phones'])).toBeLessThanOrEqual(Number(row.legacy['Multiple Phones']));
  }
  // R91 on every row (provider rows too): explain sums to the cell.
  for (const row of e.summary.rows) {
    for (const col of LEGACY_COUNT_COLUMNS) {
      if (FLAG_COLUMNS.has(col)) continue;
      expect(e.explain(row.key, col).reduce((s, r) => s + r.weight, 0), `${row.key} ${col}`).toBe(row.legacy[col]);
    }
    for (const col of SUMMARY_COUNT_COLUMNS) expect(e.explain(row.key, col).reduce((s, r) => s + r.weight, 0), `${row.key} ${col}`).toBe(row.summary[col]);
  }
}

describe('engine properties over generated dumps', () => {
  it('R30–R44 partition the non-agent UCM users; R83 and R91 totals are the sums of what is behind them', () => {
    fc.assert(
      fc.property(world, (w) => checkInvariants(w, build(w).count())),
      { numRuns: 50 },
    );
  });

  it('R90 the in-memory record order never changes the outputs', () => {
    fc.assert(
      fc.property(world, fc.integer(), (w, seed) => {
        const b = build(w);
        const before = b.count();
        const rng = new Rng(seed);
        shuffle(b.records, rng);
        const after = b.count();
        expect(after.summary.rows).toEqual(before.summary.rows);
        expect(usersCsv(after.users({}).users)).toBe(usersCsv(before.users({}).users));
      }),
      { numRuns: 30 },
    );
  });
});

// ---------------------------------------------------------------------------
// The same records through real files, written in different ways.

function shuffle<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = rng.int(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const META = { OrgID: 'org', hostname: 'voss.example.com', 'Date Time': '2026-01-02 03:04' };
const fileBase = (modelType: string) => modelType.replace(/\//g, '.');
const flat = (r: BuiltRecord, fields: Fields = r.fields): Fields => ({ pkid: r.pkid, hierarchy: r.path, ...fields });
const api = (r: BuiltRecord): Fields => ({
  meta: { model_type: r.modelType, path: r.path, references: { self: [{ pkid: r.pkid, href: `/api/${r.modelType}/${r.pkid}` }] } },
  data: r.fields,
});

function upperKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(upperKeys);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toUpperCase(), upperKeys(x)]));
  return v;
}

/** R8/R103: the fields compared as keys; their values may change case and gain white space without changing a count. */
const KEY_FIELDS = new Set([
  'username', 'email', 'username_cucm', 'username_cuc', 'username_webex_teams', 'username_ms_teams', 'username_ms_365', 'username_uccx',
  'userid', 'mailid', 'associatedDevices', 'ownerUserName', 'userId', 'Alias', 'userID', 'Name', 'UserPrincipalName', 'primary_owner_email_address',
]);

/** One spelling per value, the same wherever the value occurs (so R104's raw-value ties stay as they were). */
function respell(value: string): string {
  let h = 0;
  for (const ch of value) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  const rng = new Rng(h);
  const cased = [...value].map((ch) => (rng.chance(0.5) ? ch.toUpperCase() : ch)).join('');
  return `${rng.chance(0.5) ? ' ' : ''}${cased}${rng.chance(0.5) ? '  ' : ''}`;
}

function respellKeys(r: BuiltRecord): Fields {
  if (r.modelType === 'data/HierarchyNode') return r.fields;
  const out: Fields = {};
  for (const [k, v] of Object.entries(r.fields)) {
    if (!KEY_FIELDS.has(k)) out[k] = v;
    else if (typeof v === 'string') out[k] = v === '' ? v : respell(v);
    else if (Array.isArray(v)) out[k] = v.map((x) => (typeof x === 'string' ? respell(x) : x));
    else out[k] = v;
  }
  return out;
}

type Files = Record<string, string | Buffer>;

function byType(records: readonly BuiltRecord[]): Map<string, BuiltRecord[]> {
  const map = new Map<string, BuiltRecord[]>();
  for (const r of records) {
    const list = map.get(r.modelType) ?? [];
    list.push(r);
    map.set(r.modelType, list);
  }
  return map;
}

const VARIANTS: Record<string, (records: readonly BuiltRecord[], rng: Rng) => Files> = {
  flat: (records) => Object.fromEntries([...byType(records)].map(([t, rs]) => [`${fileBase(t)}.json`, JSON.stringify(rs.map((r) => flat(r)))])),
  'shuffled pages': (records, rng) => {
    const files: Files = {};
    for (const [t, rs] of byType(shuffle([...records], rng))) {
      const pages = [rs.filter((_r, i) => i % 3 === 0), rs.filter((_r, i) => i % 3 === 1), rs.filter((_r, i) => i % 3 === 2)];
      files[`${fileBase(t)}.json`] = JSON.stringify(pages[0]!.map((r) => flat(r)));
      files[`${fileBase(t)}.page-2.json`] = JSON.stringify(pages[1]!.map((r) => flat(r)));
      files[`more/${fileBase(t)}.page-3.json`] = JSON.stringify(pages[2]!.map((r) => flat(r)));
    }
    return files;
  },
  gzip: (records) => Object.fromEntries([...byType(records)].map(([t, rs]) => [`${fileBase(t)}.json.gz`, gzipSync(JSON.stringify(rs.map((r) => flat(r))))])),
  'json lines': (records) => Object.fromEntries([...byType(records)].map(([t, rs]) => [`${fileBase(t)}.jsonl`, `${rs.map((r) => JSON.stringify(flat(r))).join('\n')}\n`])),
  'API shape': (records) =>
    Object.fromEntries([...byType(records)].map(([t, rs]) => [`${fileBase(t)}.json`, JSON.stringify({ pagination: { skip: 0, limit: rs.length, total: rs.length }, resources: rs.map(api) })])),
  'upper-case field names': (records) =>
    Object.fromEntries([...byType(records)].map(([t, rs]) => [`${fileBase(t)}.json`, JSON.stringify(rs.map((r) => ({ PKID: r.pkid, HIERARCHY: r.path, ...(upperKeys(r.fields) as Fields) })))])),
};

const tempRoot = mkdtempSync(join(tmpdir(), 'vlf-engine-props-'));
afterAll(() => rmSync(tempRoot, { recursive: true, force: true }));
let dumpNo = 0;

function writeDump(files: Files): string {
  dumpNo += 1;
  const dir = join(tempRoot, `dump-${dumpNo}`);
  mkdirSync(join(dir, 'more'), { recursive: true });
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(META));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

async function outputs(dir: string): Promise<{ legacy: string; v5: string; users: string }> {
  const counted = await countSource({ kind: 'path', path: dir });
  expect(counted.summary.complete).toBe(true);
  return { legacy: counted.csv('legacy', 'detailed'), v5: counted.csv('v5', 'detailed'), users: counted.usersCsv() };
}

/** The users CSV without its Username and Email columns (written as stored, so they follow the spelling). */
const withoutNames = (csv: string) =>
  csv
    .split('\n')
    .map((line) => line.split(',').filter((_f, i) => i !== 1 && i !== 2).join(','))
    .join('\n');

describe('engine properties through files', () => {
  it('order, pages, gzip, JSON lines, API shape, field-name case and key case (R8) never change a count', async () => {
    await fc.assert(
      fc.asyncProperty(world, fc.integer(), async (w, seed) => {
        const b = build(w);
        const rng = new Rng(seed);
        const reference = await outputs(writeDump(VARIANTS.flat!(b.records, rng)));
        // the builder's in-memory count is what the reader gives
        expect(usersCsv(b.count().users({}).users)).toBe(reference.users);
        for (const [name, write] of Object.entries(VARIANTS)) {
          if (name === 'flat') continue;
          const got = await outputs(writeDump(write(b.records, rng)));
          expect(got, name).toEqual(reference);
        }
        const respelled = await outputs(writeDump(VARIANTS.flat!(b.records.map((r) => ({ ...r, fields: respellKeys(r) })), rng)));
        expect(respelled.legacy, 'R8 key case').toBe(reference.legacy);
        expect(respelled.v5, 'R8 key case').toBe(reference.v5);
        expect(withoutNames(respelled.users), 'R8 key case').toBe(withoutNames(reference.users));
      }),
      { numRuns: 10 },
    );
  });
});
