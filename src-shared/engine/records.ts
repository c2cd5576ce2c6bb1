/**
 * The engine's typed view of the records the rules read (platform-dump.md §1
 * table), each resolved to its count row (R2, R3) and with its keys
 * normalized and numbered once (R8, R103; keys.ts).
 */
import { Hierarchy, isBelowSysHcs } from './hierarchy';
import { type ModelTable, TABLE_BY_MODEL_TYPE } from '../ingest/model-fields';
import type { NormalizedRecord } from '../ingest/types';
import { type EngineInput, engineRowOf, type EngineRow, type EngineValue, listText, type RowGroup, valuesOf, valueText, valueTrue } from './input';
import { RepeatCandidates } from '../util/repeat-candidates';
import { RepeatFilter } from '../util/repeat-filter';
import { KeyTable } from './keys';
import {
  ArrayTexts,
  FlagColumnBuilder,
  IntColumnBuilder,
  IntListBuilder,
  type IntLists,
  type Keep,
  sameText,
  SymbolColumnBuilder,
  SymbolListBuilder,
  type Symbols,
  TextListBuilder,
  type TextLists,
  type Texts,
} from './record-columns';
import { TextColumnBuilder } from './text-columns';
import { int32Array, uint8Array } from '../util/mapped-arrays';

/**
 * What a column of a record table holds (record-columns.ts). 'key' and
 * 'keys' are R8 key numbers (KeyTable ids; 0 is blank), kept apart from
 * other numbers because records built in several threads number their keys
 * apart and are renumbered when they meet (records-merge.ts).
 */
export type ColumnKind = 'int' | 'key' | 'flag' | 'text' | 'symbol' | 'ints' | 'keys' | 'texts' | 'symbols';

type ColumnOf<K extends ColumnKind> = K extends 'int' | 'key'
  ? Int32Array
  : K extends 'flag'
    ? Uint8Array
    : K extends 'text'
      ? Texts
      : K extends 'symbol'
        ? Symbols
        : K extends 'ints' | 'keys'
          ? IntLists
          : K extends 'texts'
            ? TextLists
            : TextLists<Symbols>;

type BuilderOf<K extends ColumnKind> = K extends 'int' | 'key'
  ? IntColumnBuilder
  : K extends 'flag'
    ? FlagColumnBuilder
    : K extends 'text'
      ? TextColumnBuilder
      : K extends 'symbol'
        ? SymbolColumnBuilder
        : K extends 'ints' | 'keys'
          ? IntListBuilder
          : K extends 'texts'
            ? TextListBuilder
            : SymbolListBuilder;

export type Fields = Readonly<Record<string, ColumnKind>>;

/** Every record's fields: its model type, pkid and the dotted path it lives at. */
const BASE = { modelType: 'symbol', pkid: 'text', path: 'symbol' } as const satisfies Fields;
/** A record with one key field: its value as written (for labels) and its R8 key number. */
const KEYED = { ...BASE, value: 'text', key: 'key' } as const satisfies Fields;

/**
 * The fields of every record table, by table. Key fields hold R8 key
 * numbers (KeyTable; 0 is blank). The order of the tables is the order
 * records are placed in rows (placeRecords).
 */
export const TABLE_FIELDS = {
  /** R4/R100: only users strictly below sys.hcs. `explicit`: the key numbers of the username_X fields, in EXPLICIT_FIELDS order. */
  vossUsers: { ...BASE, username: 'text', usernameKey: 'key', email: 'text', emailKey: 'key', explicit: 'keys', hybridStatus: 'symbol' },
  /** `deviceNames`: as written, for R116's notes. `snrFlag`/`voicemailFlag`: an export bundle's booleans for R21/R22 (platform-dump.md §2). */
  ucmUsers: {
    ...BASE,
    userid: 'text',
    useridKey: 'key',
    mailKey: 'key',
    deviceKeys: 'keys',
    deviceNames: 'texts',
    phoneProfiles: 'int',
    remoteDestinationProfiles: 'int',
    snrFlag: 'flag',
    voicemailFlag: 'flag',
  },
  /** `usernameKeys`: export bundles, the users whose associatedDevices list the phone. */
  phones: { ...BASE, name: 'text', nameKey: 'key', product: 'symbol', class: 'symbol', ownerUserName: 'text', ownerKey: 'key', usernameKeys: 'keys' },
  deviceProfiles: KEYED,
  remoteDestinationProfiles: KEYED,
  cucUsers: KEYED,
  webexUsers: { ...BASE, username: 'text', usernameKey: 'key', email: 'text', emailKey: 'key' },
  sparkUsers: { ...KEYED, callingPro: 'flag' },
  sparkUserConfigs: { ...KEYED, callingPro: 'flag' },
  sparkPlaces: { ...BASE, displayName: 'text', callingType: 'symbol' },
  uccxAgents: KEYED,
  ccdmAgents: KEYED,
  csOnlineUsers: { ...KEYED, accountEnabled: 'flag', enterpriseVoiceEnabled: 'flag', featureTypes: 'symbols' },
  mailboxes: KEYED,
  /** R107: the three MsolUser types together. */
  msolUsers: { ...KEYED, isLicensed: 'flag' },
  conferences: { ...KEYED, name: 'text' },
  phoneServerPhones: KEYED,
} as const satisfies Readonly<Record<string, Fields>>;

/** A table of records: per field a column, plus each record's count row and Site flag. */
export type Table<S extends Fields> = {
  readonly length: number;
  /** The count row of each record (hierarchy.rows index), set by placeRecords (R2, R3). */
  readonly row: Int32Array;
  /** R55/R56: 1 when a Site node is on the record's path. */
  readonly underSite: Uint8Array;
} & { readonly [F in keyof S]: ColumnOf<S[F]> };

export type RecordTable = Table<typeof BASE>;
export type KeyedTable = Table<typeof KEYED>;
export type TableName = keyof typeof TABLE_FIELDS;
export type RecordTables = { readonly [N in TableName]: Table<(typeof TABLE_FIELDS)[N]> };
export type VossUserTable = RecordTables['vossUsers'];
export type UcmUserTable = RecordTables['ucmUsers'];
export type PhoneTable = RecordTables['phones'];
export type CsOnlineUserTable = RecordTables['csOnlineUsers'];

/** The `username_X` fields of a VOSS user that name a linked record (R60–R67). */
export type ExplicitField = 'username_cucm' | 'username_cuc' | 'username_webex_teams' | 'username_ms_teams' | 'username_ms_365' | 'username_uccx';
export const EXPLICIT_FIELDS: readonly ExplicitField[] = ['username_cucm', 'username_cuc', 'username_webex_teams', 'username_ms_teams', 'username_ms_365', 'username_uccx'];

export interface Records extends RecordTables {
  hierarchy: Hierarchy;
  /** The HierarchyNode rows the hierarchy was built from (repeats left out): a cached copy of the records rebuilds it from them. */
  nodeRows: readonly EngineRow[];
  /** Records left out because an earlier record of the same model type had the same pkid (the library keeps the first too). */
  repeats: number;
  /** The number of distinct R8 keys (KeyTable ids run 1..keyCount). */
  keyCount: number;
  /** Site nodes (R59), as records of their own rows: path is the node's parent path, value its name. */
  sites: KeyedTable;
}

/** The names of the record tables, in placeRecords' order. */
export const TABLE_NAMES = Object.keys(TABLE_FIELDS) as readonly TableName[];

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

/** Per field, the builder of its column. */
type TableBuilder<S extends Fields> = { readonly [F in keyof S]: BuilderOf<S[F]> };

function builderOf(kind: ColumnKind): unknown {
  switch (kind) {
    case 'int':
    case 'key':
      return new IntColumnBuilder();
    case 'flag':
      return new FlagColumnBuilder();
    case 'text':
      return new TextColumnBuilder();
    case 'symbol':
      return new SymbolColumnBuilder();
    case 'ints':
    case 'keys':
      return new IntListBuilder();
    case 'texts':
      return new TextListBuilder();
    case 'symbols':
      return new SymbolListBuilder();
  }
}

/** A table while its records arrive: a builder per column, each record's file order, and its repeat hash (for keepFirst). */
class TableDraft<S extends Fields> {
  readonly columns: TableBuilder<S>;
  /** Typed, not a number[]: at 1M users a plain array of 6 million numbers was 50 MB of a reader thread's heap, copied as it grew. */
  readonly fileOrder = new IntColumnBuilder();
  /** Undefined when the builder's caller flags the repeats itself (RecordsBuilder.addRecords). */
  repeats: RepeatCandidates | undefined = new RepeatCandidates();

  constructor(private readonly fields: S) {
    this.columns = Object.fromEntries(Object.entries(fields).map(([name, kind]) => [name, builderOf(kind)])) as TableBuilder<S>;
  }

  get length(): number {
    return this.fileOrder.length;
  }

  /** A record's base fields; its own fields go into their columns right after. */
  base(at: At): TableBuilder<S> {
    const c = this.columns as unknown as TableBuilder<typeof BASE>;
    c.modelType.push(at.modelType);
    c.pkid.push(at.pkid);
    c.path.push(at.path);
    this.fileOrder.push(at.fileOrder);
    this.repeats?.add(at.modelType, at.pkid);
    return this.columns;
  }

  pkidAt(i: number): string {
    return (this.columns as unknown as TableBuilder<typeof BASE>).pkid.at(i);
  }

  /** The model types of the records so far (a table may hold several: R107). */
  modelTypes(): readonly string[] {
    return (this.columns as unknown as TableBuilder<typeof BASE>).modelType.distinct;
  }

  modelTypeAt(i: number): string {
    return (this.columns as unknown as TableBuilder<typeof BASE>).modelType.at(i);
  }

  finish(keep: Keep): Table<S> {
    const length = keep ? keep.reduce((n, k) => n + k, 0) : this.length;
    const table: Record<string, unknown> = { length, row: int32Array(length), underSite: uint8Array(length) };
    for (const name of Object.keys(this.fields)) table[name] = (this.columns[name] as { finish(keep: Keep): unknown }).finish(keep);
    return table as Table<S>;
  }
}

type Drafts = { readonly [N in TableName]: TableDraft<(typeof TABLE_FIELDS)[N]> };

/** Where a record came from, as its maker gets it. */
interface At {
  modelType: string;
  pkid: string;
  path: string;
  /** EngineRow.fileOrder: which of two repeats of one (model type, pkid) is the first. */
  fileOrder: number;
}

type Maker = (v: readonly EngineValue[], at: At) => void;

/**
 * Builds the records as rows arrive (a batch at a time, while the next batch
 * is still being read); rows are resolved to count rows at the end, once the
 * whole hierarchy is known — once per distinct path.
 */
export class RecordsBuilder {
  private readonly keys = new KeyTable();
  private readonly drafts: Drafts = Object.fromEntries(TABLE_NAMES.map((name) => [name, new TableDraft(TABLE_FIELDS[name])])) as unknown as Drafts;
  private readonly nodeRows: EngineRow[] = [];
  private readonly makers = new Map<string, { modelType: string; columns: ModelTable['columns']; make: Maker }>();
  /**
   * One string per distinct path of the HierarchyNode rows kept. Every row
   * brings its own copy of its path from JSON.parse. (A table's path column
   * keeps one string per distinct path and a code per record; keeping each
   * record's own copy alive cost ~0.6 GB at 1M users.)
   */
  private readonly paths = new Map<string, string>();
  /**
   * The HierarchyNodes' model type + pkid as 64-bit hashes: a repeat is
   * caught cheaply, then confirmed exactly at the end. (The tables' records
   * have their hashes compared at the end instead: TableDraft.repeats.)
   */
  private readonly repeatFilter = new RepeatFilter();
  /** The pkids that may repeat: HierarchyNodes', and those the caller flags (addRecords). */
  private readonly suspects = new Set<string>();
  /** The model types of the flagged suspects: only their tables are searched for the first of each. */
  private readonly suspectTypes = new Set<string>();
  /** False once the caller flags the repeats itself (addRecords). */
  private ownFilter = true;
  private added = 0;

  constructor() {
    const keys = this.keys;
    const d = this.drafts;
    const define = (modelType: string, columns: readonly string[], make: (c: number[]) => Maker) => {
      const col = columnsOf(modelType);
      this.makers.set(modelType, { modelType, columns: TABLE_BY_MODEL_TYPE.get(modelType)!.columns, make: make(columns.map(col)) });
    };
    const keyed = (modelType: string, column: string, into: TableDraft<typeof KEYED>) =>
      define(modelType, [column], ([c]) => (v, at) => {
        const t = into.base(at);
        const value = text(v[c!]);
        t.value.push(value);
        t.key.push(keys.id(value));
      });

    define('data/User', ['username', 'email', 'mvs_hybrid_status', ...EXPLICIT_FIELDS], (c) => {
      const explicit = new Array<number>(EXPLICIT_FIELDS.length);
      return (v, at) => {
        // R4/R100: only users strictly below sys.hcs are VOSS users in scope.
        if (!isBelowSysHcs(at.path)) return;
        const t = d.vossUsers.base(at);
        const username = text(v[c[0]!]);
        const email = text(v[c[1]!]);
        const usernameKey = keys.id(username);
        const emailKey = keys.id(email);
        for (let k = 0; k < EXPLICIT_FIELDS.length; k += 1) {
          const x = text(v[c[3 + k]!]);
          // username_X usually repeats the username or the e-mail: no need to number it again.
          explicit[k] = x === username ? usernameKey : x === email ? emailKey : keys.id(x);
        }
        t.username.push(username);
        t.usernameKey.push(usernameKey);
        t.email.push(email);
        t.emailKey.push(emailKey);
        t.explicit.push(explicit);
        t.hybridStatus.push(text(v[c[2]!]));
      };
    });
    define('device/cucm/User', ['userid', 'mailid', 'associateddevices', 'phoneprofiles', 'associatedremotedestinationprofiles', 'snr', 'voicemail'], (c) => (v, at) => {
      const t = d.ucmUsers.base(at);
      const userid = text(v[c[0]!]);
      const deviceNames = list(v[c[2]!]);
      t.userid.push(userid);
      t.useridKey.push(keys.id(userid));
      t.mailKey.push(keys.id(text(v[c[1]!])));
      t.deviceNames.push(deviceNames);
      t.deviceKeys.push(deviceNames.map((name) => keys.id(name)));
      t.phoneProfiles.push(list(v[c[3]!]).length);
      t.remoteDestinationProfiles.push(list(v[c[4]!]).length);
      t.snrFlag.push(bool(v[c[5]!]));
      t.voicemailFlag.push(bool(v[c[6]!]));
    });
    define('device/cucm/Phone', ['name', 'product', 'class', 'ownerusername', 'usernames'], (c) => (v, at) => {
      const t = d.phones.base(at);
      const name = text(v[c[0]!]);
      const ownerUserName = text(v[c[3]!]);
      t.name.push(name);
      t.nameKey.push(keys.id(name));
      t.product.push(text(v[c[1]!]));
      t.class.push(text(v[c[2]!]));
      t.ownerUserName.push(ownerUserName);
      t.ownerKey.push(keys.id(ownerUserName));
      t.usernameKeys.push(list(v[c[4]!]).map((n) => keys.id(n)));
    });
    keyed('device/cucm/DeviceProfile', 'userid', d.deviceProfiles);
    keyed('device/cucm/RemoteDestinationProfile', 'userid', d.remoteDestinationProfiles);
    keyed('device/cuc/User', 'alias', d.cucUsers);
    define('device/webex/User', ['username', 'email'], (c) => (v, at) => {
      const t = d.webexUsers.base(at);
      const username = text(v[c[0]!]);
      const email = text(v[c[1]!]);
      t.username.push(username);
      t.usernameKey.push(keys.id(username));
      t.email.push(email);
      t.emailKey.push(keys.id(email));
    });
    const sparkLike = (modelType: string, into: TableDraft<typeof TABLE_FIELDS.sparkUsers>) =>
      define(modelType, ['email', 'calling_pro'], (c) => (v, at) => {
        const t = into.base(at);
        const value = text(v[c[0]!]);
        t.value.push(value);
        t.key.push(keys.id(value));
        t.callingPro.push(bool(v[c[1]!]));
      });
    sparkLike('device/spark/User', d.sparkUsers);
    sparkLike('device/spark/UserConfig', d.sparkUserConfigs);
    define('device/spark/Place', ['display_name', 'calling_type'], (c) => (v, at) => {
      const t = d.sparkPlaces.base(at);
      t.displayName.push(text(v[c[0]!]));
      t.callingType.push(text(v[c[1]!]));
    });
    keyed('device/uccx/Agent', 'userid', d.uccxAgents);
    keyed('device/ccdm/Agent', 'name', d.ccdmAgents);
    define('device/msteamsonline/CsOnlineUser', ['upn', 'account_enabled', 'enterprise_voice_enabled', 'feature_types'], (c) => (v, at) => {
      const t = d.csOnlineUsers.base(at);
      const value = text(v[c[0]!]);
      t.value.push(value);
      t.key.push(keys.id(value));
      t.accountEnabled.push(bool(v[c[1]!]));
      t.enterpriseVoiceEnabled.push(bool(v[c[2]!]));
      t.featureTypes.push(list(v[c[3]!]).map((type) => type.trim()));
    });
    keyed('device/msexchangeonline/UserMailbox', 'upn', d.mailboxes);
    for (const type of MSOL_TYPES) {
      define(type, ['upn', 'is_licensed'], (c) => (v, at) => {
        const t = d.msolUsers.base(at);
        const value = text(v[c[0]!]);
        t.value.push(value);
        t.key.push(keys.id(value));
        t.isLicensed.push(bool(v[c[1]!]));
      });
    }
    define('device/pexip/Conference', ['name', 'owner_email'], (c) => (v, at) => {
      const t = d.conferences.base(at);
      const value = text(v[c[1]!]);
      t.value.push(value);
      t.key.push(keys.id(value));
      t.name.push(text(v[c[0]!]));
    });
    keyed('data/PRS_MultiVendorPhone_DAT', 'mac', d.phoneServerPhones);
  }

  /**
   * Freshly read records (a reader thread's batch): the same as adding their
   * rows, without packing them first. `flagged`: the records (by index) that
   * may repeat an earlier one, when the caller already keeps a RepeatFilter
   * over the same records (an import's BatchPreparer); this builder then
   * keeps none of its own. `values`: each record's column values when the
   * caller has read them already (BatchPreparer.prepare), by index.
   */
  addRecords(records: readonly NormalizedRecord[], flagged?: readonly number[], values?: readonly (readonly EngineValue[] | undefined)[]): void {
    if (flagged && this.ownFilter) {
      if (this.added > 0) throw new Error('a records builder is given flagged repeats after records it was to find repeats among itself');
      this.ownFilter = false;
      for (const name of TABLE_NAMES) this.drafts[name].repeats = undefined;
    }
    if (flagged) for (const k of flagged) this.suspect(records[k]!.modelType, records[k]!.pkid);
    this.added += records.length;
    for (let k = 0; k < records.length; k += 1) {
      const record = records[k]!;
      if (record.modelType === 'data/HierarchyNode') {
        if (this.ownFilter && this.repeatFilter.seen(record.modelType, record.pkid)) this.suspect(record.modelType, record.pkid);
        const row = engineRowOf(record);
        if (row) this.nodeRows.push({ ...row, path: this.path(row.path) });
        continue;
      }
      const maker = this.makers.get(record.modelType);
      if (!maker) continue;
      // The path as read: its column keeps one copy per distinct path.
      maker.make(values?.[k] ?? valuesOf(record, maker.columns), { modelType: maker.modelType, pkid: record.pkid, path: record.path, fileOrder: record.fileOrder ?? 0 });
    }
  }

  add(row: EngineRow): void {
    this.added += 1;
    if (row.modelType === 'data/HierarchyNode') {
      // The same instance listed twice (overlapping pages) must count once, as the library stores it once.
      if (this.repeatFilter.seen(row.modelType, row.pkid)) this.suspect(row.modelType, row.pkid);
      this.nodeRows.push(row);
      return;
    }
    // Export types no rule reads have no maker: they are browsable, never counted.
    const maker = this.makers.get(row.modelType);
    if (!maker) return;
    maker.make(row.values, { modelType: maker.modelType, pkid: row.pkid, path: row.path, fileOrder: row.fileOrder ?? 0 });
  }

  /** A packed group of rows (input.ts RowGroup): the same as adding each row, without an EngineRow per record. */
  addGroup(group: RowGroup): void {
    const table = TABLE_BY_MODEL_TYPE.get(group.modelType);
    if (!table) return;
    const n = table.columns.length;
    const fileOrder = group.fileOrder ?? 0;
    const pathOf = (ref: number): string => {
      const given = group.paths[ref];
      if (given === undefined) throw new Error(`${group.modelType}: a record refers to path ${ref}, which its group does not hold`);
      return given;
    };
    const maker = this.makers.get(group.modelType);
    for (const values of group.rows) {
      const pkid = values[n] as string;
      const path = pathOf(values[n + 2] as number);
      if (maker) {
        this.added += 1;
        maker.make(values, { modelType: maker.modelType, pkid, path, fileOrder });
      } else if (group.modelType === 'data/HierarchyNode') {
        this.add({ modelType: group.modelType, pkid, pkidDerived: values[n + 1] === 1, path: this.path(path), values, fileOrder });
      }
    }
  }

  private suspect(modelType: string, pkid: string): void {
    this.suspects.add(pkid);
    this.suspectTypes.add(modelType);
  }

  private path(text: string): string {
    let path = this.paths.get(text);
    if (path === undefined) this.paths.set(text, (path = text));
    return path;
  }

  /**
   * Which records to keep: the first of each (model type, pkid) — the one of
   * the lowest file order, then the earliest in its file, as the library
   * keeps it; only among the records that may repeat (the draft's hashes, or
   * the caller's flags). Rows of one file arrive in order, but reader
   * threads interleave files, so arrival order alone would make the kept
   * record (and the count) depend on timing.
   */
  private keepFirst<S extends Fields>(draft: TableDraft<S>): { keep: Keep; dropped: number } {
    const candidates = draft.repeats ? draft.repeats.find() : this.flaggedIn(draft);
    if (candidates.length === 0) return { keep: undefined, dropped: 0 };
    const keyOfRecord = (i: number) => `${draft.modelTypeAt(i)}\n${draft.pkidAt(i)}`;
    const firstAt = new Map<string, number>();
    for (const i of candidates) {
      const key = keyOfRecord(i);
      const held = firstAt.get(key);
      if (held === undefined || draft.fileOrder.at(i) < draft.fileOrder.at(held)) firstAt.set(key, i);
    }
    const keep = uint8Array(draft.length).fill(1);
    let dropped = 0;
    for (const i of candidates) {
      if (firstAt.get(keyOfRecord(i)) !== i) {
        keep[i] = 0;
        dropped += 1;
      }
    }
    return { keep: dropped > 0 ? keep : undefined, dropped };
  }

  /** The draft's records whose pkid the caller flagged (a hash match: confirmed by keepFirst). */
  private flaggedIn<S extends Fields>(draft: TableDraft<S>): number[] {
    const out: number[] = [];
    if (this.suspects.size === 0 || !draft.modelTypes().some((type) => this.suspectTypes.has(type))) return out;
    for (let i = 0; i < draft.length; i += 1) if (this.suspects.has(draft.pkidAt(i))) out.push(i);
    return out;
  }

  private firstNodeRows(): { nodes: EngineRow[]; dropped: number } {
    if (this.suspects.size === 0) return { nodes: [...this.nodeRows], dropped: 0 };
    const kept = new Map<string, EngineRow>();
    for (const r of this.nodeRows) {
      if (!this.suspects.has(r.pkid)) continue;
      const held = kept.get(r.pkid);
      if (!held || (r.fileOrder ?? 0) < (held.fileOrder ?? 0)) kept.set(r.pkid, r);
    }
    const nodes = this.nodeRows.filter((r) => !this.suspects.has(r.pkid) || kept.get(r.pkid) === r);
    return { nodes, dropped: this.nodeRows.length - nodes.length };
  }

  /** The hierarchy (throws CountError R6 when it has no provider or customer) and every record placed in its row. */
  finish(): Records {
    const part = this.finishPart();
    return placeRecords(part.nodeRows, part.tables, { repeats: part.repeats, keyCount: this.keys.count, siteKey: (name) => this.keys.id(name) });
  }

  /**
   * The records as a part of the whole (a reader thread's share of a dump,
   * records-merge.ts joins the parts): repeats left out, not yet placed in
   * rows, keys numbered by this builder. A part must hold every record of
   * its model types, or a repeat across parts would count twice.
   */
  finishPart(): RecordsPart {
    let repeats = 0;
    const tables: Record<string, unknown> = {};
    for (const name of TABLE_NAMES) {
      const draft = this.drafts[name] as unknown as TableDraft<Fields>;
      const { keep, dropped } = this.keepFirst(draft);
      repeats += dropped;
      tables[name] = draft.finish(keep);
    }
    const { nodes, dropped } = this.firstNodeRows();
    return { tables: tables as unknown as RecordTables, nodeRows: nodes, repeats: repeats + dropped, keys: this.keys.texts, keyHashes: this.keys.keyHashes() };
  }
}

/** Records built apart before they meet (RecordsBuilder.finishPart): tables not yet placed in rows, keys numbered by the part's own KeyTable. */
export interface RecordsPart {
  tables: RecordTables;
  nodeRows: readonly EngineRow[];
  repeats: number;
  /** The part's R8 keys by number (index 0 blank): its 'key' and 'keys' columns hold these numbers. */
  keys: Texts;
  /** Each key's hash (KeyTable.keyHashes), so the join finds a key without hashing or even reading it. */
  keyHashes: Int32Array;
}

/**
 * Build the hierarchy and place every record in its row (R2, R3, R55). Rows
 * are numbered as `resolve` first meets them, so the tables are walked in
 * one fixed order, each path resolved once; a cached copy of the records
 * (records-codec.ts) rebuilds its Records through here too and gets the very
 * same row numbers.
 */
export function placeRecords(
  nodeRows: readonly EngineRow[],
  tables: RecordTables,
  known: { repeats: number; keyCount: number; siteKey: (name: string, index: number) => number },
): Records {
  const hierarchy = new Hierarchy(nodeRows);
  for (const name of TABLE_NAMES) {
    const table = tables[name];
    const { codes, values } = table.path;
    const rowOf = new Int32Array(values.length).fill(-1);
    const siteOf = new Uint8Array(values.length);
    for (let i = 0; i < table.length; i += 1) {
      const code = codes[i]!;
      if (rowOf[code] === -1) {
        const place = hierarchy.resolve(values[code]!);
        rowOf[code] = place.row;
        siteOf[code] = place.underSite ? 1 : 0;
      }
      table.row[i] = rowOf[code]!;
      table.underSite[i] = siteOf[code]!;
    }
  }
  const siteNodes = hierarchy.nodes.filter((n) => n.kind === 'site');
  const siteRows = siteNodes.map((n) => hierarchy.resolve(n.ownPath).row);
  const pathCodes = new SymbolColumnBuilder();
  for (const n of siteNodes) pathCodes.push(n.parentPath);
  const sites: KeyedTable = {
    length: siteNodes.length,
    row: Int32Array.from(siteRows),
    underSite: new Uint8Array(siteNodes.length).fill(1),
    modelType: sameText('data/HierarchyNode', siteNodes.length),
    pkid: new ArrayTexts(siteNodes.map((n) => n.pkid)),
    path: pathCodes.finish(undefined),
    value: new ArrayTexts(siteNodes.map((n) => n.name)),
    key: Int32Array.from(siteNodes, (n, i) => known.siteKey(n.name, i)),
  };
  return { hierarchy, nodeRows, repeats: known.repeats, keyCount: known.keyCount, ...tables, sites };
}

/** The records of an EngineInput (tests and small counts: rows already in memory). */
export function readRecords(input: EngineInput): Records {
  const builder = new RecordsBuilder();
  for (const type of input.types()) for (const row of input.rows(type)) builder.add(row);
  return builder.finish();
}
