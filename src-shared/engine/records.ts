/**
 * The engine's typed view of the records the rules read (platform-dump.md §1
 * table), each resolved to its count row (R2, R3) and with its keys
 * normalized and numbered once (R8, R103; keys.ts).
 */
import { TABLE_BY_MODEL_TYPE } from '../ingest/model-fields';
import { Hierarchy, isBelowSysHcs } from './hierarchy';
import { type EngineInput, type EngineRow, type EngineValue, listText, type RowGroup, valueText, valueTrue } from './input';
import { RepeatFilter } from '../util/repeat-filter';
import { KeyTable } from './keys';

export interface Rec {
  modelType: string;
  pkid: string;
  path: string;
  /** The count row (hierarchy.rows index); while RecordsBuilder builds, the record's file order (EngineRow.fileOrder), until finish() resolves it. */
  row: number;
  /** R55/R56: a Site node on the record's path. */
  underSite: boolean;
}

/** A record with one key field: its value as written (for labels) and its R8 key number. */
export interface KeyedRec extends Rec {
  value: string;
  key: number;
}

export interface UcmUser extends Rec {
  userid: string;
  useridKey: number;
  mailKey: number;
  deviceKeys: number[];
  /** The device names as written, for R116's notes. */
  deviceNames: string[];
  phoneProfiles: number;
  remoteDestinationProfiles: number;
  /** Export bundles: `snr` / `voicemail` booleans stand for R21/R22 (platform-dump.md §2). */
  snrFlag: boolean;
  voicemailFlag: boolean;
}

export interface Phone extends Rec {
  name: string;
  nameKey: number;
  product: string;
  class: string;
  ownerUserName: string;
  ownerKey: number;
  /** Export bundles: the users whose associatedDevices list the phone. */
  usernameKeys: number[];
}

export interface WebexUser extends Rec {
  username: string;
  usernameKey: number;
  email: string;
  emailKey: number;
}

export interface SparkUser extends KeyedRec {
  callingPro: boolean;
}

export interface SparkPlace extends Rec {
  displayName: string;
  callingType: string;
}

export interface CsOnlineUser extends KeyedRec {
  accountEnabled: boolean;
  enterpriseVoiceEnabled: boolean;
  featureTypes: string[];
}

export interface MsolUser extends KeyedRec {
  isLicensed: boolean;
}

export interface Conference extends KeyedRec {
  name: string;
}

/** The `username_X` fields of a VOSS user that name a linked record (R60–R67). */
export type ExplicitField = 'username_cucm' | 'username_cuc' | 'username_webex_teams' | 'username_ms_teams' | 'username_ms_365' | 'username_uccx';
export const EXPLICIT_FIELDS: readonly ExplicitField[] = ['username_cucm', 'username_cuc', 'username_webex_teams', 'username_ms_teams', 'username_ms_365', 'username_uccx'];

export interface VossUser extends Rec {
  username: string;
  usernameKey: number;
  email: string;
  emailKey: number;
  /** Key numbers of the `username_X` fields, in EXPLICIT_FIELDS order. */
  explicit: number[];
  hybridStatus: string;
}

export interface Records {
  hierarchy: Hierarchy;
  /** The HierarchyNode rows the hierarchy was built from (repeats left out): a cached copy of the records rebuilds it from them. */
  nodeRows: readonly EngineRow[];
  /** Records left out because an earlier record of the same model type had the same pkid (the library keeps the first too). */
  repeats: number;
  /** The number of distinct R8 keys (KeyTable ids run 1..keyCount). */
  keyCount: number;
  /** R4/R100: only users strictly below sys.hcs. */
  vossUsers: VossUser[];
  ucmUsers: UcmUser[];
  phones: Phone[];
  deviceProfiles: KeyedRec[];
  remoteDestinationProfiles: KeyedRec[];
  cucUsers: KeyedRec[];
  webexUsers: WebexUser[];
  sparkUsers: SparkUser[];
  sparkUserConfigs: SparkUser[];
  sparkPlaces: SparkPlace[];
  uccxAgents: KeyedRec[];
  ccdmAgents: KeyedRec[];
  csOnlineUsers: CsOnlineUser[];
  mailboxes: KeyedRec[];
  /** R107: the three MsolUser types together. */
  msolUsers: MsolUser[];
  conferences: Conference[];
  phoneServerPhones: KeyedRec[];
  /** Site nodes (R59), as records of their own rows. */
  sites: KeyedRec[];
}

export const MSOL_TYPES = ['device/msgraph/MsolUser', 'device/azureadonline/MsolUser', 'device/msonline/MsolUser'] as const;

/** Column positions of a model table, looked up once per type rather than once per value. */
function columnsOf(modelType: string): (column: string) => number {
  const table = TABLE_BY_MODEL_TYPE.get(modelType);
  if (!table) throw new Error(`no model table for ${modelType}`);
  return (column) => {
    const i = table.columns.findIndex((c) => c.column === column);
    if (i < 0) throw new Error(`${modelType} has no column ${column}`);
    return i;
  };
}

const text = valueText;
const bool = valueTrue;
const list = listText;

/** The record lists of a Records, by name: what the rules read besides the hierarchy. */
export type RecordLists = Omit<Records, 'hierarchy' | 'nodeRows' | 'sites' | 'keyCount' | 'repeats'>;

/** The empty lists of a Records, ready to be filled; their order is the order records are placed in rows (placeRecords). */
export function emptyRecordLists(): RecordLists {
  return {
    vossUsers: [],
    ucmUsers: [],
    phones: [],
    deviceProfiles: [],
    remoteDestinationProfiles: [],
    cucUsers: [],
    webexUsers: [],
    sparkUsers: [],
    sparkUserConfigs: [],
    sparkPlaces: [],
    uccxAgents: [],
    ccdmAgents: [],
    csOnlineUsers: [],
    mailboxes: [],
    msolUsers: [],
    conferences: [],
    phoneServerPhones: [],
  };
}

type Lists = RecordLists;

/** The names of the record lists, in placeRecords' order. */
export const RECORD_LIST_NAMES = Object.keys(emptyRecordLists()) as readonly (keyof RecordLists)[];
type Maker = (v: readonly EngineValue[], at: Rec) => void;

/**
 * Builds the records as rows arrive (a batch at a time, while the next batch
 * is still being read); rows are resolved to count rows at the end, once the
 * whole hierarchy is known — once per distinct path.
 */
export class RecordsBuilder {
  private readonly keys = new KeyTable();
  private readonly lists: Lists = emptyRecordLists();
  private readonly nodeRows: EngineRow[] = [];
  private readonly makers = new Map<string, { modelType: string; make: Maker }>();
  /**
   * One string per distinct path. Every row brings its own copy of its path
   * (and model type) from JSON.parse; a million users make six million
   * records, and keeping those copies alive cost ~0.6 GB and much of the
   * garbage collector's time.
   */
  private readonly paths = new Map<string, string>();
  /** Model type + pkid of every record read, as 64-bit hashes: a repeat is caught cheaply, then confirmed exactly at the end. */
  private readonly repeatFilter = new RepeatFilter();
  private readonly suspects = new Set<string>();

  constructor() {
    const keys = this.keys;
    const l = this.lists;
    const define = (modelType: string, columns: readonly string[], make: (c: number[]) => Maker) => {
      const col = columnsOf(modelType);
      this.makers.set(modelType, { modelType, make: make(columns.map(col)) });
    };
    const keyed = (modelType: string, column: string, into: KeyedRec[]) =>
      define(modelType, [column], ([c]) => (v, at) => {
        const value = text(v[c!]);
        into.push({ modelType: at.modelType, pkid: at.pkid, path: at.path, row: at.row, underSite: false, value, key: keys.id(value) });
      });

    define('data/User', ['username', 'email', 'mvs_hybrid_status', ...EXPLICIT_FIELDS], (c) => (v, at) => {
      // R4/R100: only users strictly below sys.hcs are VOSS users in scope.
      if (!isBelowSysHcs(at.path)) return;
      const username = text(v[c[0]!]);
      const email = text(v[c[1]!]);
      const usernameKey = keys.id(username);
      const emailKey = keys.id(email);
      const explicit = new Array<number>(EXPLICIT_FIELDS.length);
      for (let k = 0; k < EXPLICIT_FIELDS.length; k += 1) {
        const x = text(v[c[3 + k]!]);
        // username_X usually repeats the username or the e-mail: no need to number it again.
        explicit[k] = x === username ? usernameKey : x === email ? emailKey : keys.id(x);
      }
      l.vossUsers.push({ modelType: at.modelType, pkid: at.pkid, path: at.path, row: at.row, underSite: false, username, usernameKey, email, emailKey, explicit, hybridStatus: text(v[c[2]!]) });
    });
    define('device/cucm/User', ['userid', 'mailid', 'associateddevices', 'phoneprofiles', 'associatedremotedestinationprofiles', 'snr', 'voicemail'], (c) => (v, at) => {
      const userid = text(v[c[0]!]);
      const deviceNames = list(v[c[2]!]);
      l.ucmUsers.push({
        modelType: at.modelType,
        pkid: at.pkid,
        path: at.path,
        row: at.row,
        underSite: false,
        userid,
        useridKey: keys.id(userid),
        mailKey: keys.id(text(v[c[1]!])),
        deviceNames,
        deviceKeys: deviceNames.map((d) => keys.id(d)),
        phoneProfiles: list(v[c[3]!]).length,
        remoteDestinationProfiles: list(v[c[4]!]).length,
        snrFlag: bool(v[c[5]!]),
        voicemailFlag: bool(v[c[6]!]),
      });
    });
    define('device/cucm/Phone', ['name', 'product', 'class', 'ownerusername', 'usernames'], (c) => (v, at) => {
      const name = text(v[c[0]!]);
      const ownerUserName = text(v[c[3]!]);
      l.phones.push({
        modelType: at.modelType,
        pkid: at.pkid,
        path: at.path,
        row: at.row,
        underSite: false,
        name,
        nameKey: keys.id(name),
        product: text(v[c[1]!]),
        class: text(v[c[2]!]),
        ownerUserName,
        ownerKey: keys.id(ownerUserName),
        usernameKeys: list(v[c[4]!]).map((n) => keys.id(n)),
      });
    });
    keyed('device/cucm/DeviceProfile', 'userid', l.deviceProfiles);
    keyed('device/cucm/RemoteDestinationProfile', 'userid', l.remoteDestinationProfiles);
    keyed('device/cuc/User', 'alias', l.cucUsers);
    define('device/webex/User', ['username', 'email'], (c) => (v, at) => {
      const username = text(v[c[0]!]);
      const email = text(v[c[1]!]);
      l.webexUsers.push({ modelType: at.modelType, pkid: at.pkid, path: at.path, row: at.row, underSite: false, username, usernameKey: keys.id(username), email, emailKey: keys.id(email) });
    });
    const sparkLike = (modelType: string, into: SparkUser[]) =>
      define(modelType, ['email', 'calling_pro'], (c) => (v, at) => {
        const value = text(v[c[0]!]);
        into.push({ modelType: at.modelType, pkid: at.pkid, path: at.path, row: at.row, underSite: false, value, key: keys.id(value), callingPro: bool(v[c[1]!]) });
      });
    sparkLike('device/spark/User', l.sparkUsers);
    sparkLike('device/spark/UserConfig', l.sparkUserConfigs);
    define('device/spark/Place', ['display_name', 'calling_type'], (c) => (v, at) => {
      l.sparkPlaces.push({ modelType: at.modelType, pkid: at.pkid, path: at.path, row: at.row, underSite: false, displayName: text(v[c[0]!]), callingType: text(v[c[1]!]) });
    });
    keyed('device/uccx/Agent', 'userid', l.uccxAgents);
    keyed('device/ccdm/Agent', 'name', l.ccdmAgents);
    define('device/msteamsonline/CsOnlineUser', ['upn', 'account_enabled', 'enterprise_voice_enabled', 'feature_types'], (c) => (v, at) => {
      const value = text(v[c[0]!]);
      l.csOnlineUsers.push({
        modelType: at.modelType,
        pkid: at.pkid,
        path: at.path,
        row: at.row,
        underSite: false,
        value,
        key: keys.id(value),
        accountEnabled: bool(v[c[1]!]),
        enterpriseVoiceEnabled: bool(v[c[2]!]),
        featureTypes: list(v[c[3]!]).map((t) => t.trim()),
      });
    });
    keyed('device/msexchangeonline/UserMailbox', 'upn', l.mailboxes);
    for (const type of MSOL_TYPES) {
      define(type, ['upn', 'is_licensed'], (c) => (v, at) => {
        const value = text(v[c[0]!]);
        l.msolUsers.push({ modelType: at.modelType, pkid: at.pkid, path: at.path, row: at.row, underSite: false, value, key: keys.id(value), isLicensed: bool(v[c[1]!]) });
      });
    }
    define('device/pexip/Conference', ['name', 'owner_email'], (c) => (v, at) => {
      const value = text(v[c[1]!]);
      l.conferences.push({ modelType: at.modelType, pkid: at.pkid, path: at.path, row: at.row, underSite: false, value, key: keys.id(value), name: text(v[c[0]!]) });
    });
    keyed('data/PRS_MultiVendorPhone_DAT', 'mac', l.phoneServerPhones);
  }

  add(row: EngineRow): void {
    // The same instance listed twice (overlapping pages) must count once, as the library stores it once.
    if (this.repeatFilter.seen(row.modelType, row.pkid)) this.suspects.add(row.pkid);
    if (row.modelType === 'data/HierarchyNode') {
      this.nodeRows.push(row);
      return;
    }
    // Export types no rule reads have no maker: they are browsable, never counted.
    const maker = this.makers.get(row.modelType);
    if (!maker) return;
    // Until finish() resolves it, `row` holds the record's file order (dropRepeats reads it).
    maker.make(row.values, { modelType: maker.modelType, pkid: row.pkid, path: this.path(row.path), row: row.fileOrder ?? 0, underSite: false });
  }

  /** A packed group of rows (input.ts RowGroup): the same as adding each row, without an EngineRow per record. */
  addGroup(group: RowGroup): void {
    const table = TABLE_BY_MODEL_TYPE.get(group.modelType);
    if (!table) return;
    const n = table.columns.length;
    const fileOrder = group.fileOrder ?? 0;
    const paths = new Map<number, string>();
    const pathOf = (ref: number): string => {
      let path = paths.get(ref);
      if (path === undefined) {
        const given = group.paths[ref];
        if (given === undefined) throw new Error(`${group.modelType}: a record refers to path ${ref}, which its group does not hold`);
        paths.set(ref, (path = this.path(given)));
      }
      return path;
    };
    const maker = this.makers.get(group.modelType);
    for (const values of group.rows) {
      const pkid = values[n] as string;
      const path = pathOf(values[n + 2] as number);
      if (maker) {
        if (this.repeatFilter.seen(maker.modelType, pkid)) this.suspects.add(pkid);
        maker.make(values, { modelType: maker.modelType, pkid, path, row: fileOrder, underSite: false });
      } else if (group.modelType === 'data/HierarchyNode') {
        this.add({ modelType: group.modelType, pkid, pkidDerived: values[n + 1] === 1, path, values, fileOrder });
      }
    }
  }

  private path(text: string): string {
    let path = this.paths.get(text);
    if (path === undefined) this.paths.set(text, (path = text));
    return path;
  }

  /**
   * Keep the first record of each (model type, pkid) — the one of the lowest
   * file order, then the earliest in its file, as the library keeps it; runs
   * only when the filter flagged a possible repeat. Rows of one file arrive in
   * order, but reader threads interleave files, so arrival order alone would
   * make the kept record (and the count) depend on timing. Returns how many
   * were left out.
   */
  private dropRepeats(): number {
    if (this.suspects.size === 0) return 0;
    const suspects = this.suspects;
    let dropped = 0;
    const firstOnly = <R extends { modelType: string; pkid: string }>(records: R[], fileOrder: (r: R) => number): R[] => {
      const kept = new Map<string, R>();
      for (const r of records) {
        if (!suspects.has(r.pkid)) continue;
        const key = `${r.modelType}\n${r.pkid}`;
        const held = kept.get(key);
        if (!held || fileOrder(r) < fileOrder(held)) kept.set(key, r);
      }
      return records.filter((r) => {
        if (!suspects.has(r.pkid) || kept.get(`${r.modelType}\n${r.pkid}`) === r) return true;
        dropped += 1;
        return false;
      });
    };
    const lists = this.lists as unknown as Record<string, Rec[]>;
    for (const name of Object.keys(lists)) lists[name] = firstOnly(lists[name]!, (r) => r.row);
    const nodes = firstOnly(this.nodeRows, (r) => r.fileOrder ?? 0);
    this.nodeRows.length = 0;
    for (const n of nodes) this.nodeRows.push(n);
    return dropped;
  }

  /** The hierarchy (throws CountError R6 when it has no provider or customer) and every record placed in its row. */
  finish(): Records {
    const repeats = this.dropRepeats();
    const nodeRows = [...this.nodeRows];
    return placeRecords(nodeRows, this.lists, { repeats, keyCount: this.keys.count, siteKey: (name) => this.keys.id(name) });
  }
}

/**
 * Build the hierarchy and place every record in its row (R2, R3, R55). Rows
 * are numbered as `resolve` first meets them, so the lists are walked in one
 * fixed order; a cached copy of the records (records-codec.ts) rebuilds its
 * Records through here too and gets the very same row numbers.
 */
export function placeRecords(
  nodeRows: readonly EngineRow[],
  lists: RecordLists,
  known: { repeats: number; keyCount: number; siteKey: (name: string, index: number) => number },
): Records {
  const hierarchy = new Hierarchy(nodeRows);
  for (const records of Object.values(lists) as Rec[][]) {
    // Records of one path come in runs (a file per site or customer): the last place is reused without a lookup.
    let path: string | undefined;
    let place = { row: 0, underSite: false };
    for (const r of records) {
      if (r.path !== path) place = hierarchy.resolve((path = r.path));
      r.row = place.row;
      r.underSite = place.underSite;
    }
  }
  const sites = hierarchy.nodes
    .filter((n) => n.kind === 'site')
    .map((n, i): KeyedRec => {
      const at = hierarchy.resolve(n.ownPath);
      return { modelType: 'data/HierarchyNode', pkid: n.pkid, path: n.parentPath, row: at.row, underSite: true, value: n.name, key: known.siteKey(n.name, i) };
    });
  return { hierarchy, nodeRows, repeats: known.repeats, keyCount: known.keyCount, ...lists, sites };
}

/**
 * Keep the first record of each (model type, pkid), in arrival order within a
 * type; only runs when the filter saw a possible repeat. Returns how many were
 * left out.
 */
export function readRecords(input: EngineInput): Records {
  const builder = new RecordsBuilder();
  for (const type of input.types()) for (const row of input.rows(type)) builder.add(row);
  return builder.finish();
}
