/**
 * What the synthetic dump generator writes, one user at a time: a seeded,
 * addressable model of a platform (every user's records are a pure function
 * of the seed and the user's number, so a million users never sit in memory
 * and any user can be re-derived), and the variety of platform-dump.md §1 —
 * flat and API-shaped instances, the three list shapes, every boolean
 * spelling, field names in another case, owners that do not exist.
 */
import type { ModelType } from '../../src-shared/ingest/model-types';
import { murmurFinish } from '../../src-shared/util/hash-mix';

// ---------------------------------------------------------------------------
// Seeded randomness: no dependency, the same numbers on every platform.

/** A 32-bit mix of two numbers (murmur3's finaliser), for seeding per user and per purpose. */
export function mix32(a: number, b: number): number {
  return murmurFinish(Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b, 0xc2b2ae35));
}

/** mulberry32: small, fast and good enough for test data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** 24 hex digits, like a platform pkid. */
  pkid(): string {
    let s = '';
    for (let k = 0; k < 3; k++) s += ((this.next() * 4294967296) >>> 0).toString(16).padStart(8, '0');
    return s;
  }
}

/** Independent streams per purpose, so adding a field to one record kind does not reshuffle the others. */
const STREAM = { profile: 1, format: 2, site: 3, node: 4, customer: 5 } as const;

// ---------------------------------------------------------------------------
// The hierarchy: sys.hcs.<Provider>.<Reseller>.<Customer>.<Site>

const PROVIDERS = ['CS-P', 'Acme-Telecom', 'Northwind-Voice'] as const;
const COMPANIES = ['Contoso', 'Fabrikam', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Tyrell', 'Cyberdyne', 'Soylent', 'Wonka', 'Oscorp'];
const SITES = ['HQ', 'London', 'Paris', 'Berlin', 'NewYork', 'Sydney'];
const FIRST = ['anna', 'ben', 'chloe', 'david', 'emma', 'farid', 'grace', 'hiro', 'ines', 'jonas', 'kofi', 'lena', 'mateo', 'nora', 'omar', 'priya'];
const LAST = ['smith', 'jones', 'garcia', 'muller', 'rossi', 'tanaka', 'dubois', 'kowalski', 'silva', 'ng', 'okafor', 'larsen'];

export interface Customer {
  index: number;
  name: string;
  provider: string;
  reseller: string;
  /** The customer's own path. */
  path: string;
  domain: string;
  sites: string[];
  msolType: ModelType;
}

export interface Platform {
  seed: number;
  users: number;
  customers: Customer[];
}

const MSOL_TYPES: readonly ModelType[] = ['device/msgraph/MsolUser', 'device/azureadonline/MsolUser', 'device/msonline/MsolUser'];

export function resellerOf(provider: string, k: number): string {
  return `${provider.split('-')[0]}-R${k + 1}`;
}

export function buildPlatform(seed: number, users: number): Platform {
  const count = Math.max(6, Math.ceil(users / 2000));
  const customers: Customer[] = [];
  for (let c = 0; c < count; c++) {
    const provider = PROVIDERS[c % PROVIDERS.length]!;
    const reseller = resellerOf(provider, Math.floor(c / PROVIDERS.length) % 2);
    const base = COMPANIES[c % COMPANIES.length]!;
    const name = c < COMPANIES.length ? base : `${base}${Math.floor(c / COMPANIES.length) + 1}`;
    const siteCount = 1 + (mix32(seed, mix32(STREAM.customer, c)) % 4);
    customers.push({
      index: c,
      name,
      provider,
      reseller,
      path: `sys.hcs.${provider}.${reseller}.${name}`,
      domain: `${name.toLowerCase()}.example.com`,
      sites: SITES.slice(0, siteCount),
      msolType: MSOL_TYPES[c % MSOL_TYPES.length]!,
    });
  }
  return { seed, users, customers };
}

// ---------------------------------------------------------------------------
// Records: a type, the path it lives at, its fields.

export interface GenRecord {
  type: ModelType;
  path: string;
  pkid: string;
  fields: Record<string, unknown>;
}

/** The hierarchy nodes, the sites' places and third-party phones: written before the users, in the first page. */
export function platformRecords(p: Platform): GenRecord[] {
  const rng = new Rng(mix32(p.seed, STREAM.node));
  const out: GenRecord[] = [];
  const node = (parent: string, name: string, nodeType: string, extra: Record<string, unknown> = {}): void => {
    out.push({ type: 'data/HierarchyNode', path: parent, pkid: rng.pkid(), fields: { name, node_type: nodeTypeValue(rng, nodeType), ...extra } });
  };
  node('sys', 'hcs', 'Intermediate');
  for (const provider of PROVIDERS) {
    node('sys.hcs', provider, 'Provider');
    for (let k = 0; k < 2; k++) {
      const reseller = resellerOf(provider, k);
      node(`sys.hcs.${provider}`, reseller, 'Reseller');
      node(`sys.hcs.${provider}.${reseller}`, 'Lab', 'Intermediate');
    }
  }
  for (const c of p.customers) {
    // Some customers carry the R57 flags (in any spelling); customers 2 and 3 always do, so even a small dump has both.
    const flags: Record<string, unknown> = {};
    if (rng.chance(0.25) || c.index === 1) flags['public_sector'] = booleanValue(rng, rng.chance(0.8) || c.index === 1);
    if (rng.chance(0.15) || c.index === 2) flags['inactive_billing'] = booleanValue(rng, rng.chance(0.7) || c.index === 2);
    node(`sys.hcs.${c.provider}.${c.reseller}`, c.name, 'Customer', flags);
    for (const site of c.sites) {
      const sitePath = `${c.path}.${site}`;
      node(c.path, site, 'Site');
      const places = 1 + rng.int(2);
      for (let k = 0; k < places; k++) {
        out.push({
          type: 'device/spark/Place',
          path: sitePath,
          pkid: rng.pkid(),
          fields: { displayName: `${c.name} ${site} Room ${k + 1}`, calling: { type: rng.pick(['webexCalling', 'hybridCalling', 'freeCalling', 'none']) } },
        });
      }
      const prs = rng.int(4);
      for (let k = 0; k < prs; k++) {
        out.push({
          type: 'data/PRS_MultiVendorPhone_DAT',
          path: sitePath,
          pkid: rng.pkid(),
          fields: {
            mac: hex(rng, 12).toUpperCase(),
            phoneVendor: rng.pick(['Yealink', 'Polycom', 'Avaya']),
            phoneModel: rng.pick(['T54W', 'VVX 450', 'J179', 'T46U']),
          },
        });
      }
    }
  }
  return out;
}

/** Everything user `i` brings: its data/User, device accounts, phones (some shared, some without or with unknown owners). */
export function userRecords(p: Platform, i: number): GenRecord[] {
  const rng = new Rng(mix32(p.seed, mix32(STREAM.profile, i)));
  const customer = p.customers[i % p.customers.length]!;
  const site = customer.sites[rng.int(customer.sites.length)]!;
  const path = `${customer.path}.${site}`;
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const username = `${first}.${last}${i}`;
  const email = `${username}@${customer.domain}`;
  const has = {
    cucm: rng.chance(0.95),
    cuc: rng.chance(0.4),
    webex: rng.chance(0.25),
    spark: rng.chance(0.3),
    teams: rng.chance(0.4),
    mailbox: rng.chance(0.45),
    msol: rng.chance(0.5),
    pexip: rng.chance(0.1),
    uccx: rng.chance(0.03),
    ccdm: rng.chance(0.02),
    hybrid: rng.chance(0.1),
    deviceProfile: rng.chance(0.15),
    rdp: rng.chance(0.1),
  };
  const out: GenRecord[] = [];
  const rec = (type: ModelType, fields: Record<string, unknown>): void => {
    out.push({ type, path, pkid: rng.pkid(), fields });
  };

  const dataUser: Record<string, unknown> = { username, email, first_name: cap(first), last_name: cap(last) };
  if (has.cucm) dataUser['username_cucm'] = username;
  if (has.cuc) dataUser['username_cuc'] = username;
  if (has.spark) dataUser['username_webex_teams'] = email;
  if (has.teams) dataUser['username_ms_teams'] = email;
  if (has.msol) dataUser['username_ms_365'] = email;
  if (has.uccx) dataUser['username_uccx'] = username;
  if (has.hybrid) dataUser['mvs_hybrid_status'] = rng.pick(['Enabled', 'Pending', 'Disabled']);
  rec('data/User', dataUser);

  const phones: string[] = [];
  if (has.cucm) {
    const phoneCount = pickWeighted(rng, [0.15, 0.4, 0.35, 0.1]);
    for (let k = 0; k < phoneCount; k++) {
      const phone = phoneOf(rng, i, k, username);
      phones.push(phone.name);
      rec('device/cucm/Phone', { ...phone, ownerUserName: username, devicePoolName: `DP_${site}` });
    }
    const cucmUser: Record<string, unknown> = { userid: username, mailid: email, firstName: cap(first), lastName: cap(last) };
    cucmUser['associatedDevices'] = listValue(rng, 'device', phones);
    if (has.deviceProfile) {
      cucmUser['phoneProfiles'] = listValue(rng, 'profileName', [`UDP_${username}`]);
      rec('device/cucm/DeviceProfile', { name: `UDP_${username}`, product: rng.pick(['Cisco 8841', 'Cisco 8851']), userid: username });
    }
    if (has.rdp) {
      cucmUser['associatedRemoteDestinationProfiles'] = listValue(rng, 'remoteDestinationProfile', [`RDP_${username}`]);
      rec('device/cucm/RemoteDestinationProfile', { name: `RDP_${username}`, userId: username });
    }
    rec('device/cucm/User', cucmUser);
  }
  // Phones nobody owns (lobby, meeting rooms), and phones of users who have left.
  if (rng.chance(0.1)) {
    const lobby: Record<string, unknown> = { ...deskPhone(rng, i, 7), description: `${site} lobby`, devicePoolName: `DP_${site}` };
    const how = rng.int(3);
    if (how === 1) lobby['ownerUserName'] = '';
    else if (how === 2) lobby['ownerUserName'] = null;
    rec('device/cucm/Phone', lobby);
  }
  if (rng.chance(0.01)) rec('device/cucm/Phone', { ...deskPhone(rng, i, 6), ownerUserName: `former.user${i}`, devicePoolName: `DP_${site}` });

  if (has.cuc) rec('device/cuc/User', { Alias: username, DisplayName: `${cap(first)} ${cap(last)}` });
  if (has.webex) rec('device/webex/User', { username: email, email });
  if (has.spark) {
    const callingPro = rng.chance(0.4);
    rec('device/spark/User', { email: caseVariant(rng, email), calling_pro: booleanValue(rng, callingPro) });
    if (rng.chance(0.5)) rec('device/spark/UserConfig', { email, calling_pro: booleanValue(rng, callingPro) });
  }
  if (has.uccx) rec('device/uccx/Agent', { userID: username });
  if (has.ccdm) rec('device/ccdm/Agent', { Name: username });
  if (has.teams) {
    rec('device/msteamsonline/CsOnlineUser', {
      UserPrincipalName: caseVariant(rng, email),
      AccountEnabled: booleanValue(rng, rng.chance(0.9)),
      EnterpriseVoiceEnabled: booleanValue(rng, rng.chance(0.5)),
      FeatureTypes: listValue(rng, 'FeatureType', featureTypes(rng)),
    });
  }
  if (has.mailbox) rec('device/msexchangeonline/UserMailbox', { UserPrincipalName: email, RecipientTypeDetails: 'UserMailbox' });
  if (has.msol) rec(customer.msolType, { UserPrincipalName: email, IsLicensed: booleanValue(rng, rng.chance(0.85)) });
  if (has.pexip) rec('device/pexip/Conference', { name: `${username} VMR`, primary_owner_email_address: email });
  return out;
}

interface Phone extends Record<string, unknown> {
  name: string;
  product: string;
  class: string;
}

function phoneOf(rng: Rng, i: number, k: number, username: string): Phone {
  // Device names are at most 15 characters: three letters of the name and the user's number in base 36 keep them short and unique.
  const upper = `${username.slice(0, 3)}${i.toString(36)}`.toUpperCase();
  switch (pickWeighted(rng, [0.5, 0.2, 0.08, 0.07, 0.05, 0.1])) {
    case 0:
      return deskPhone(rng, i, k);
    case 1:
      return { name: `CSF${upper}${k || ''}`, product: 'Cisco Unified Client Services Framework', class: 'Phone' };
    case 2:
      return { name: `CTIP${i}${k}`, product: 'CTI Port', class: 'Phone' };
    case 3:
      return { name: `AN${macOf(i, k)}${String(k + 1).padStart(3, '0')}`, product: 'Analog Phone', class: 'Phone' };
    case 4:
      return { name: `SRD${upper}${k || ''}`, product: 'Cisco Spark Remote Device', class: 'Phone' };
    default:
      return { name: `BOT${upper}${k || ''}`, product: 'Cisco Dual Mode for Android', class: 'Phone' };
  }
}

function deskPhone(rng: Rng, i: number, k: number): Phone {
  return { name: `SEP${macOf(i, k)}`, product: rng.pick(['Cisco 8841', 'Cisco 8851', 'Cisco 7841', 'Cisco 8865']), class: 'Phone' };
}

/** A MAC unique per user and slot (0–7): a vendor prefix (changing every 2M users) and 6 hex digits. */
function macOf(i: number, k: number): string {
  const n = i * 8 + k;
  const oui = ['00A3D1', '2C3124', 'F87B20', '6C416A'][Math.floor(n / 0x1000000) % 4]!;
  return `${oui}${(n % 0x1000000).toString(16).toUpperCase().padStart(6, '0')}`;
}

function featureTypes(rng: Rng): string[] {
  const all = ['Teams', 'AudioConferencing', 'PhoneSystem', 'CallingPlan', 'VoiceApp'];
  return all.filter((t, k) => k === 0 || rng.chance(0.35 - k * 0.05) || (t === 'PhoneSystem' && rng.chance(0.3)));
}

// ---------------------------------------------------------------------------
// The loose shapes the readers must accept.

/** `true`/`false`, `"true"`, `"True"`, `"Y"`/`"N"`, `1`/`0`: all the spellings of platform-dump.md §1. */
export function booleanValue(rng: Rng, v: boolean): unknown {
  switch (rng.int(6)) {
    case 0:
    case 1:
      return v;
    case 2:
      return v ? 'true' : 'false';
    case 3:
      return v ? 'True' : 'False';
    case 4:
      return v ? 'Y' : 'N';
    default:
      return v ? 1 : 0;
  }
}

/** A list as a list, a lone value, or wrapped AXL-style (`{"device": [...]}`); an empty list sometimes as null. */
export function listValue(rng: Rng, wrapper: string, items: readonly string[]): unknown {
  const r = rng.next();
  if (items.length === 0) return r < 0.5 ? [] : r < 0.75 ? null : { [wrapper]: null };
  if (r < 0.55) return [...items];
  if (r < 0.8) return { [wrapper]: items.length === 1 && rng.chance(0.5) ? items[0] : [...items] };
  return items.length === 1 ? items[0] : [...items];
}

/** A node type as a name, an API reference URI, or an object with a name. */
function nodeTypeValue(rng: Rng, name: string): unknown {
  const r = rng.next();
  if (r < 0.6) return name;
  if (r < 0.8) return `/api/data/HierarchyNodeType/${name}`;
  return { name, href: `/api/data/HierarchyNodeType/${name}` };
}

function caseVariant(rng: Rng, email: string): string {
  return rng.chance(0.1) ? email.replace(/^[a-z]/, (c) => c.toUpperCase()).replace(/@.*/, (d) => d.toUpperCase()) : email;
}

function pickWeighted(rng: Rng, weights: readonly number[]): number {
  let r = rng.next();
  for (let k = 0; k < weights.length; k++) {
    r -= weights[k]!;
    if (r < 0) return k;
  }
  return weights.length - 1;
}

function hex(rng: Rng, digits: number): string {
  return rng.pkid().slice(0, digits);
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------
// One record as written: flat or API shape, field names sometimes in another case.

/** Field names a rule reads get another case now and then (platform-dump.md §1: matched exactly, then ignoring case). */
const CASE_VARIANTS: Record<string, readonly string[]> = {
  userid: ['userId', 'UserID'],
  mailid: ['mailId', 'MailID'],
  email: ['Email', 'EMAIL'],
  UserPrincipalName: ['userPrincipalName', 'userprincipalname'],
  ownerUserName: ['OwnerUserName', 'ownerusername'],
  associatedDevices: ['AssociatedDevices'],
  IsLicensed: ['isLicensed'],
  Alias: ['alias'],
  userID: ['userid', 'UserId'],
};

export type InstanceShape = 'flat' | 'api';

export interface InstanceStyle {
  shape: InstanceShape;
  /** Put the path in `meta.hierarchy` instead of `meta.path` (API shape). */
  metaHierarchy: boolean;
  /** Leave the pkid out (the reader derives one and warns). */
  noPkid: boolean;
  /** API shape: the pkid also in `data.pkid`; otherwise only in `meta.references.self`. */
  dataPkid: boolean;
}

/** How an instance is written, drawn from the format stream of its user (or of the platform records). */
export function drawStyle(rng: Rng, fileShape: InstanceShape, forceApi: boolean): InstanceStyle {
  const shape: InstanceShape = forceApi ? 'api' : rng.chance(0.05) ? (fileShape === 'api' ? 'flat' : 'api') : fileShape;
  return { shape, metaHierarchy: rng.chance(0.02), noPkid: rng.chance(0.0005), dataPkid: rng.chance(0.3) };
}

export function instanceOf(rec: GenRecord, style: InstanceStyle, rng: Rng): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec.fields)) {
    const variants = CASE_VARIANTS[k];
    fields[variants && rng.chance(0.05) ? rng.pick(variants) : k] = v;
  }
  if (style.shape === 'flat') {
    return style.noPkid ? { hierarchy: rec.path, ...fields } : { pkid: rec.pkid, hierarchy: rec.path, ...fields };
  }
  const meta: Record<string, unknown> = { model_type: rec.type, [style.metaHierarchy ? 'hierarchy' : 'path']: rec.path };
  if (!style.noPkid) meta['references'] = { self: [{ pkid: rec.pkid, href: `/api/${rec.type}/${rec.pkid}/` }] };
  return { meta, data: style.dataPkid && !style.noPkid ? { pkid: rec.pkid, ...fields } : fields };
}

export function formatRng(seed: number, i: number): Rng {
  return new Rng(mix32(seed, mix32(STREAM.format, i)));
}

export function platformFormatRng(seed: number): Rng {
  return new Rng(mix32(seed, STREAM.site));
}
