/**
 * The engine's records (records.ts) as bytes, so a recount of a library
 * source can skip reading every row back out of SQLite (about 50 of the
 * 85 s of a 1M-user recount) and rebuilding each record (another 18 s).
 *
 * The layout is columnar: per record list, one column per field — numbers
 * as Int32Array, flags as bytes, repeated texts (model types, paths,
 * products) as a dictionary and an index, other texts as one UTF-8 run per
 * column that is decoded once and sliced (a V8 slice shares the decoded
 * text, where decoding each value would cost a call and a copy apiece).
 * Rows and Site flags are not stored: placeRecords recomputes them from the
 * paths exactly as RecordsBuilder.finish did.
 *
 * Pure: bytes in, bytes out. Where the bytes live and when they are stale
 * is src-main/library/count-cache.ts's business.
 */
import type { EngineRow } from './input';
import {
  type Conference,
  type CsOnlineUser,
  emptyRecordLists,
  type KeyedRec,
  type MsolUser,
  type Phone,
  placeRecords,
  type Rec,
  type RecordLists,
  type Records,
  type SparkPlace,
  type SparkUser,
  type UcmUser,
  type VossUser,
  type WebexUser,
} from './records';

/**
 * Bump when a maker in records.ts changes what it puts in a field: bytes
 * written by the old makers must not be read as if the new ones made them.
 * (A field added, removed or retyped changes the layout, which is checked
 * on its own.)
 */
export const RECORDS_CODEC_VERSION = 2;

const MAGIC = 'VLF-RECORDS\n';

type FieldKind = 'text' | 'symbol' | 'int' | 'bool' | 'ints' | 'texts';

interface Field {
  name: string;
  kind: FieldKind;
}

/** Decoded columns of one list, by field name. */
interface Columns {
  text(name: string): TextColumn;
  int(name: string): Int32Array;
  bool(name: string): Uint8Array;
  ints(name: string): readonly (readonly number[])[];
  texts(name: string): readonly (readonly string[])[];
}

interface Shape<T extends Rec> {
  fields: readonly Field[];
  /** A maker of the list's records from its decoded columns (object literals: one hidden class, no keyed stores). */
  build(c: Columns): (i: number) => T;
}

const f = (name: string, kind: FieldKind): Field => ({ name, kind });

/** Every record's fields; `row` and `underSite` are recomputed (placeRecords). */
const BASE: readonly Field[] = [f('modelType', 'symbol'), f('pkid', 'text'), f('path', 'symbol')];

/** The base columns; each maker spells the fields out in an object literal (a spread of a base object measured 3× slower). */
function baseColumns(c: Columns): [TextColumn, TextColumn, TextColumn] {
  return [c.text('modelType'), c.text('pkid'), c.text('path')];
}

/** The base columns and a keyed record's value and key number. */
function keyedColumns(c: Columns): [TextColumn, TextColumn, TextColumn, TextColumn, Int32Array] {
  return [...baseColumns(c), c.text('value'), c.int('key')];
}

const KEYED: Shape<KeyedRec> = {
  fields: [...BASE, f('value', 'text'), f('key', 'int')],
  build(c) {
    const [mt, pk, pa, value, key] = keyedColumns(c);
    return (i) => ({ modelType: mt.at(i), pkid: pk.at(i), path: pa.at(i), row: 0, underSite: false, value: value.at(i), key: key[i]! });
  },
};

const VOSS_USER: Shape<VossUser> = {
  fields: [...BASE, f('username', 'text'), f('usernameKey', 'int'), f('email', 'text'), f('emailKey', 'int'), f('explicit', 'ints'), f('hybridStatus', 'symbol')],
  build(c) {
    const [mt, pk, pa] = baseColumns(c);
    const [username, email, hybridStatus] = [c.text('username'), c.text('email'), c.text('hybridStatus')];
    const [usernameKey, emailKey] = [c.int('usernameKey'), c.int('emailKey')];
    const explicit = c.ints('explicit');
    return (i) => ({
      modelType: mt.at(i), pkid: pk.at(i), path: pa.at(i), row: 0, underSite: false,
      username: username.at(i),
      usernameKey: usernameKey[i]!,
      email: email.at(i),
      emailKey: emailKey[i]!,
      explicit: explicit[i]! as number[],
      hybridStatus: hybridStatus.at(i),
    });
  },
};

const UCM_USER: Shape<UcmUser> = {
  fields: [
    ...BASE,
    f('userid', 'text'),
    f('useridKey', 'int'),
    f('mailKey', 'int'),
    f('deviceKeys', 'ints'),
    f('deviceNames', 'texts'),
    f('phoneProfiles', 'int'),
    f('remoteDestinationProfiles', 'int'),
    f('snrFlag', 'bool'),
    f('voicemailFlag', 'bool'),
  ],
  build(c) {
    const [mt, pk, pa] = baseColumns(c);
    const userid = c.text('userid');
    const [useridKey, mailKey, phoneProfiles, remote] = [c.int('useridKey'), c.int('mailKey'), c.int('phoneProfiles'), c.int('remoteDestinationProfiles')];
    const deviceKeys = c.ints('deviceKeys');
    const deviceNames = c.texts('deviceNames');
    const [snr, voicemail] = [c.bool('snrFlag'), c.bool('voicemailFlag')];
    return (i) => ({
      modelType: mt.at(i), pkid: pk.at(i), path: pa.at(i), row: 0, underSite: false,
      userid: userid.at(i),
      useridKey: useridKey[i]!,
      mailKey: mailKey[i]!,
      deviceKeys: deviceKeys[i]! as number[],
      deviceNames: deviceNames[i]! as string[],
      phoneProfiles: phoneProfiles[i]!,
      remoteDestinationProfiles: remote[i]!,
      snrFlag: snr[i] === 1,
      voicemailFlag: voicemail[i] === 1,
    });
  },
};

const PHONE: Shape<Phone> = {
  fields: [...BASE, f('name', 'text'), f('nameKey', 'int'), f('product', 'symbol'), f('class', 'symbol'), f('ownerUserName', 'text'), f('ownerKey', 'int'), f('usernameKeys', 'ints')],
  build(c) {
    const [mt, pk, pa] = baseColumns(c);
    const [name, product, cls, owner] = [c.text('name'), c.text('product'), c.text('class'), c.text('ownerUserName')];
    const [nameKey, ownerKey] = [c.int('nameKey'), c.int('ownerKey')];
    const usernameKeys = c.ints('usernameKeys');
    return (i) => ({
      modelType: mt.at(i), pkid: pk.at(i), path: pa.at(i), row: 0, underSite: false,
      name: name.at(i),
      nameKey: nameKey[i]!,
      product: product.at(i),
      class: cls.at(i),
      ownerUserName: owner.at(i),
      ownerKey: ownerKey[i]!,
      usernameKeys: usernameKeys[i]! as number[],
    });
  },
};

const WEBEX_USER: Shape<WebexUser> = {
  fields: [...BASE, f('username', 'text'), f('usernameKey', 'int'), f('email', 'text'), f('emailKey', 'int')],
  build(c) {
    const [mt, pk, pa] = baseColumns(c);
    const [username, email] = [c.text('username'), c.text('email')];
    const [usernameKey, emailKey] = [c.int('usernameKey'), c.int('emailKey')];
    return (i) => ({ modelType: mt.at(i), pkid: pk.at(i), path: pa.at(i), row: 0, underSite: false, username: username.at(i), usernameKey: usernameKey[i]!, email: email.at(i), emailKey: emailKey[i]! });
  },
};

const SPARK_USER: Shape<SparkUser> = {
  fields: [...KEYED.fields, f('callingPro', 'bool')],
  build(c) {
    const [mt, pk, pa, value, key] = keyedColumns(c);
    const callingPro = c.bool('callingPro');
    return (i) => ({ modelType: mt.at(i), pkid: pk.at(i), path: pa.at(i), row: 0, underSite: false, value: value.at(i), key: key[i]!, callingPro: callingPro[i] === 1 });
  },
};

const SPARK_PLACE: Shape<SparkPlace> = {
  fields: [...BASE, f('displayName', 'text'), f('callingType', 'symbol')],
  build(c) {
    const [mt, pk, pa] = baseColumns(c);
    const [displayName, callingType] = [c.text('displayName'), c.text('callingType')];
    return (i) => ({ modelType: mt.at(i), pkid: pk.at(i), path: pa.at(i), row: 0, underSite: false, displayName: displayName.at(i), callingType: callingType.at(i) });
  },
};

const CS_ONLINE_USER: Shape<CsOnlineUser> = {
  fields: [...KEYED.fields, f('accountEnabled', 'bool'), f('enterpriseVoiceEnabled', 'bool'), f('featureTypes', 'texts')],
  build(c) {
    const [mt, pk, pa, value, key] = keyedColumns(c);
    const [accountEnabled, voice] = [c.bool('accountEnabled'), c.bool('enterpriseVoiceEnabled')];
    const featureTypes = c.texts('featureTypes');
    return (i) => ({ modelType: mt.at(i), pkid: pk.at(i), path: pa.at(i), row: 0, underSite: false, value: value.at(i), key: key[i]!, accountEnabled: accountEnabled[i] === 1, enterpriseVoiceEnabled: voice[i] === 1, featureTypes: featureTypes[i]! as string[] });
  },
};

const MSOL_USER: Shape<MsolUser> = {
  fields: [...KEYED.fields, f('isLicensed', 'bool')],
  build(c) {
    const [mt, pk, pa, value, key] = keyedColumns(c);
    const isLicensed = c.bool('isLicensed');
    return (i) => ({ modelType: mt.at(i), pkid: pk.at(i), path: pa.at(i), row: 0, underSite: false, value: value.at(i), key: key[i]!, isLicensed: isLicensed[i] === 1 });
  },
};

const CONFERENCE: Shape<Conference> = {
  fields: [...KEYED.fields, f('name', 'text')],
  build(c) {
    const [mt, pk, pa, value, key] = keyedColumns(c);
    const name = c.text('name');
    return (i) => ({ modelType: mt.at(i), pkid: pk.at(i), path: pa.at(i), row: 0, underSite: false, value: value.at(i), key: key[i]!, name: name.at(i) });
  },
};

const SHAPES: { [K in keyof RecordLists]: Shape<RecordLists[K][number]> } = {
  vossUsers: VOSS_USER,
  ucmUsers: UCM_USER,
  phones: PHONE,
  deviceProfiles: KEYED,
  remoteDestinationProfiles: KEYED,
  cucUsers: KEYED,
  webexUsers: WEBEX_USER,
  sparkUsers: SPARK_USER,
  sparkUserConfigs: SPARK_USER,
  sparkPlaces: SPARK_PLACE,
  uccxAgents: KEYED,
  ccdmAgents: KEYED,
  csOnlineUsers: CS_ONLINE_USER,
  mailboxes: KEYED,
  msolUsers: MSOL_USER,
  conferences: CONFERENCE,
  phoneServerPhones: KEYED,
};

/** The field layout of every list, written in the header: bytes of another layout are not read. */
export const RECORDS_LAYOUT = (Object.keys(SHAPES) as (keyof RecordLists)[]).map((name) => `${name}(${SHAPES[name].fields.map((x) => `${x.name}:${x.kind}`).join(',')})`).join(';');

// ---------------------------------------------------------------------------
// Bytes

/** Where a column's parts lie in the body; their meaning depends on the field's kind. */
type ColumnMeta =
  | { kind: 'int'; data: Blob }
  | { kind: 'bool'; data: Blob }
  | { kind: 'symbol'; values: string[]; width: 1 | 2 | 4; data: Blob }
  | { kind: 'text'; chunks: TextChunk[] }
  | { kind: 'ints'; lengths: Blob; data: Blob }
  | { kind: 'texts'; lengths: Blob; chunks: TextChunk[] };

/** A byte range of the body. */
interface Blob {
  at: number;
  bytes: number;
}

/** A run of texts: their UTF-8 bytes and, per text, where it ends in the decoded string (UTF-16 units). */
interface TextChunk {
  utf8: Blob;
  ends: Blob;
}

interface Header {
  magic: string;
  version: number;
  layout: string;
  littleEndian: boolean;
  /** Who the records belong to (count-cache.ts): bytes of another source or import are not read. */
  stamp: string;
  repeats: number;
  keyCount: number;
  siteKeys: number[];
  nodeRows: EngineRow[];
  bodyBytes: number;
  lists: { name: string; count: number; columns: Record<string, ColumnMeta> }[];
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Decoded text is sliced from one string per chunk; a chunk stays well below V8's longest string. */
const CHUNK_CHARS = 1 << 26;

export interface EncodeOptions {
  /** Texts per chunk are cut at this many UTF-16 units (tests make it small to cross chunk edges). */
  chunkChars?: number;
}

class BodyWriter {
  readonly parts: Uint8Array[] = [];
  size = 0;

  constructor(private readonly chunkChars: number) {}

  /** The parts added since the last take (the writer keeps only its size and offsets). */
  take(): Uint8Array[] {
    return this.parts.splice(0);
  }

  add(bytes: Uint8Array): Blob {
    const at = this.size;
    this.parts.push(bytes);
    this.size += bytes.length;
    // Every part starts at a multiple of 8, so Int32Array views of the body need no copy.
    const pad = (8 - (this.size % 8)) % 8;
    if (pad) {
      this.parts.push(new Uint8Array(pad));
      this.size += pad;
    }
    return { at, bytes: bytes.length };
  }

  int32(values: Int32Array | Uint32Array): Blob {
    return this.add(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }

  /** `count` texts, `at(i)` the i-th, as UTF-8 runs of at most chunkChars UTF-16 units and their ends. */
  texts(count: number, at: (i: number) => string): TextChunk[] {
    const encoder = new TextEncoder();
    const chunks: TextChunk[] = [];
    let from = 0;
    do {
      const ends = new Uint32Array(count - from);
      const pieces: string[] = [];
      let chars = 0;
      let to = from;
      for (; to < count; to += 1) {
        const v = at(to);
        if (chars > 0 && chars + v.length > this.chunkChars) break;
        chars += v.length;
        ends[to - from] = chars;
        pieces.push(v);
      }
      chunks.push({ utf8: this.add(encoder.encode(pieces.join(''))), ends: this.int32(ends.subarray(0, to - from)) });
      from = to;
    } while (from < count);
    return chunks;
  }
}

function fail(what: string): never {
  throw new Error(`cannot keep the records: ${what}`);
}

function textOf(rec: Rec, name: string): string {
  const v = (rec as unknown as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : fail(`${rec.modelType} ${rec.pkid}: ${name} is not text`);
}

function numberOf(rec: Rec, name: string): number {
  const v = (rec as unknown as Record<string, unknown>)[name];
  return typeof v === 'number' && Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff ? v : fail(`${rec.modelType} ${rec.pkid}: ${name} is not a 32-bit integer`);
}

function flagOf(rec: Rec, name: string): number {
  const v = (rec as unknown as Record<string, unknown>)[name];
  return typeof v === 'boolean' ? (v ? 1 : 0) : fail(`${rec.modelType} ${rec.pkid}: ${name} is not a flag`);
}

function listOf(rec: Rec, name: string): readonly unknown[] {
  const v = (rec as unknown as Record<string, unknown>)[name];
  return Array.isArray(v) ? v : fail(`${rec.modelType} ${rec.pkid}: ${name} is not a list`);
}

function writeColumn(body: BodyWriter, records: readonly Rec[], field: Field): ColumnMeta {
  const { name } = field;
  const n = records.length;
  switch (field.kind) {
    case 'int': {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i += 1) out[i] = numberOf(records[i]!, name);
      return { kind: 'int', data: body.int32(out) };
    }
    case 'bool': {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i += 1) out[i] = flagOf(records[i]!, name);
      return { kind: 'bool', data: body.add(out) };
    }
    case 'symbol': {
      const index = new Map<string, number>();
      const values: string[] = [];
      const at = new Uint32Array(n);
      for (let i = 0; i < n; i += 1) {
        const v = textOf(records[i]!, name);
        let k = index.get(v);
        if (k === undefined) index.set(v, (k = values.push(v) - 1));
        at[i] = k;
      }
      const width = values.length <= 0x100 ? 1 : values.length <= 0x10000 ? 2 : 4;
      const data = width === 1 ? Uint8Array.from(at) : width === 2 ? new Uint8Array(Uint16Array.from(at).buffer) : new Uint8Array(at.buffer);
      return { kind: 'symbol', values, width, data: body.add(data) };
    }
    case 'text':
      return { kind: 'text', chunks: body.texts(n, (i) => textOf(records[i]!, name)) };
    case 'ints': {
      const lengths = new Uint32Array(n);
      const flat: number[] = [];
      for (let i = 0; i < n; i += 1) {
        const list = listOf(records[i]!, name);
        lengths[i] = list.length;
        for (const v of list) flat.push(typeof v === 'number' && Number.isInteger(v) ? v : fail(`${name} holds a value that is not an integer`));
      }
      return { kind: 'ints', lengths: body.int32(lengths), data: body.int32(Int32Array.from(flat)) };
    }
    case 'texts': {
      const lengths = new Uint32Array(n);
      const flat: string[] = [];
      for (let i = 0; i < n; i += 1) {
        const list = listOf(records[i]!, name);
        lengths[i] = list.length;
        for (const v of list) flat.push(typeof v === 'string' ? v : fail(`${name} holds a value that is not text`));
      }
      return { kind: 'texts', lengths: body.int32(lengths), chunks: body.texts(flat.length, (i) => flat[i]!) };
    }
  }
}

/**
 * The records as bytes, under `stamp` (what they belong to; decodeRecords
 * gives them back only under the same stamp), as parts to be written one
 * after another.
 *
 * Layout: [body: the columns, each part at a multiple of 8][header JSON]
 * [4 bytes: the header's length]. The header comes last because it holds
 * where each column lies, so the columns can be written as they are made.
 */
export function encodeRecords(records: Records, stamp: string, options: EncodeOptions = {}): Uint8Array[] {
  const parts: Uint8Array[] = [];
  const steps = encodeRecordsInSteps(records, stamp, options);
  for (;;) {
    const step = steps.next();
    parts.push(...step.value);
    if (step.done) return parts;
  }
}

/**
 * encodeRecords a column at a time: each step yields the parts of one
 * column, and the last returns the header's. A caller can write each
 * column's bytes and let them go before the next is made (at 1M users the
 * whole is ~585 MB), and let other work in between.
 */
export function* encodeRecordsInSteps(records: Records, stamp: string, options: EncodeOptions = {}): Generator<Uint8Array[], Uint8Array[], void> {
  const body = new BodyWriter(options.chunkChars ?? CHUNK_CHARS);
  const lists: Header['lists'] = [];
  for (const name of Object.keys(SHAPES) as (keyof RecordLists)[]) {
    const list = records[name] as readonly Rec[];
    const columns: Record<string, ColumnMeta> = {};
    for (const field of SHAPES[name].fields) {
      columns[field.name] = writeColumn(body, list, field);
      yield body.take();
    }
    lists.push({ name, count: list.length, columns });
  }
  const header: Header = {
    magic: MAGIC,
    version: RECORDS_CODEC_VERSION,
    layout: RECORDS_LAYOUT,
    littleEndian: LITTLE_ENDIAN,
    stamp,
    repeats: records.repeats,
    keyCount: records.keyCount,
    siteKeys: records.sites.map((s) => s.key),
    nodeRows: records.nodeRows.map((r) => ({ ...r, values: [...r.values] })),
    bodyBytes: body.size,
    lists,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, headerBytes.length, true);
  return [...body.take(), headerBytes, length];
}

/** Why bytes were not read as records: the caller reads the records the slow way instead. */
export type DecodeRefusal = { ok: false; reason: string };

/** The records the bytes hold, or why they cannot be used (another stamp, another layout, damaged). */
export function decodeRecords(bytes: Uint8Array, stamp: string): { ok: true; records: Records } | DecodeRefusal {
  let header: Header;
  try {
    if (bytes.byteLength < 4) return refuse('too short to be a records file');
    const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(bytes.byteLength - 4, true);
    const start = bytes.byteLength - 4 - length;
    if (start < 0) return refuse('damaged (its header length is out of range)');
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, start + length))) as Header;
    if (header.magic !== MAGIC) return refuse('not a records file');
    if (header.version !== RECORDS_CODEC_VERSION || header.layout !== RECORDS_LAYOUT) return refuse('written by another version of the engine');
    if (header.littleEndian !== LITTLE_ENDIAN) return refuse('written on a machine of the other byte order');
    if (header.stamp !== stamp) return refuse('written for another import of the source');
    if (header.bodyBytes !== start) return refuse(`damaged: its columns take ${start} bytes where ${header.bodyBytes} were written`);
    // Typed-array views need an aligned start; a Buffer from the pool may not have one.
    const body = bytes.byteOffset % 8 === 0 ? bytes.subarray(0, start) : bytes.slice(0, start);
    return { ok: true, records: rebuild(header, body) };
  } catch (e) {
    return refuse(`damaged (${e instanceof Error ? e.message : String(e)})`);
  }
}

const refuse = (reason: string): DecodeRefusal => ({ ok: false, reason });

function rebuild(header: Header, body: Uint8Array): Records {
  const lists = emptyRecordLists();
  const byName = new Map(header.lists.map((l) => [l.name, l]));
  for (const name of Object.keys(SHAPES) as (keyof RecordLists)[]) {
    const meta = byName.get(name);
    if (!meta) throw new Error(`no list ${name}`);
    const columns = new ColumnReader(body, meta.count, meta.columns);
    const make = (SHAPES[name] as Shape<Rec>).build(columns);
    const list = new Array<Rec>(meta.count);
    for (let i = 0; i < meta.count; i += 1) list[i] = make(i);
    // Assigning an existing key keeps the lists' order, which placeRecords numbers rows by.
    (lists as unknown as Record<string, Rec[]>)[name] = list;
  }
  return placeRecords(header.nodeRows, lists, {
    repeats: header.repeats,
    keyCount: header.keyCount,
    siteKey: (name, i) => header.siteKeys[i] ?? fail(`no key for site ${name}`),
  });
}

/** A text column, read value by value while the records are built: no array of every value in between. */
interface TextColumn {
  at(i: number): string;
}

interface DecodedChunk {
  text: string;
  ends: Uint32Array;
}

/**
 * Texts sliced from their decoded chunks (a V8 slice of 13 or more units
 * shares the chunk's memory). The ends are checked once, up front, so a
 * damaged file fails here rather than as a wrong text later.
 */
class SlicedTexts implements TextColumn {
  private readonly text: string;
  private readonly ends: Uint32Array;
  /** Chunk index by value, only when there is more than one chunk (rare: 2^26 units per chunk). */
  private readonly many: { first: number; text: string; ends: Uint32Array }[] | undefined;

  constructor(chunks: readonly DecodedChunk[], count: number) {
    let total = 0;
    for (const chunk of chunks) {
      let from = 0;
      for (const to of chunk.ends) {
        if (to < from || to > chunk.text.length) throw new Error('a text column is damaged');
        from = to;
      }
      total += chunk.ends.length;
    }
    if (total !== count) throw new Error('a text column has the wrong length');
    this.text = chunks[0]?.text ?? '';
    this.ends = chunks[0]?.ends ?? new Uint32Array(0);
    if (chunks.length > 1) {
      let first = 0;
      this.many = chunks.map((c) => {
        const entry = { first, text: c.text, ends: c.ends };
        first += c.ends.length;
        return entry;
      });
    }
  }

  at(i: number): string {
    if (this.many === undefined) return this.text.slice(i === 0 ? 0 : this.ends[i - 1]!, this.ends[i]!);
    let k = this.many.length - 1;
    while (this.many[k]!.first > i) k -= 1;
    const { first, text, ends } = this.many[k]!;
    const j = i - first;
    return text.slice(j === 0 ? 0 : ends[j - 1]!, ends[j]!);
  }
}

/** Texts from a column's dictionary, by index; the indices are checked once, up front. */
class SymbolTexts implements TextColumn {
  constructor(
    private readonly values: readonly string[],
    private readonly index: Uint8Array | Uint16Array | Uint32Array,
    count: number,
  ) {
    if (index.length !== count) throw new Error('a text column has the wrong length');
    for (let i = 0; i < index.length; i += 1) if (index[i]! >= values.length) throw new Error('a text column refers to a value it does not hold');
  }

  at(i: number): string {
    return this.values[this.index[i]!]!;
  }
}

/**
 * Most phones list no user names and most users no remote destination
 * profiles: one shared empty list instead of a million. Frozen, because the
 * rules only read these lists — a write would throw, never leak across
 * records.
 */
const NO_NUMBERS: readonly number[] = Object.freeze([]);
const NO_TEXTS: readonly string[] = Object.freeze([]);

class ColumnReader implements Columns {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(
    private readonly body: Uint8Array,
    private readonly count: number,
    private readonly columns: Record<string, ColumnMeta>,
  ) {}

  private column<K extends ColumnMeta['kind']>(name: string, kinds: readonly K[]): Extract<ColumnMeta, { kind: K }> {
    const c = this.columns[name];
    if (!c || !(kinds as readonly string[]).includes(c.kind)) throw new Error(`column ${name} is missing or of another kind`);
    return c as Extract<ColumnMeta, { kind: K }>;
  }

  private view(blob: Blob): Uint8Array {
    if (blob.at < 0 || blob.at + blob.bytes > this.body.byteLength) throw new Error('a column lies outside the file');
    return this.body.subarray(blob.at, blob.at + blob.bytes);
  }

  private int32(blob: Blob, count: number): Int32Array {
    const v = this.view(blob);
    if (v.byteLength !== 4 * count) throw new Error('a column has the wrong length');
    return new Int32Array(v.buffer, v.byteOffset, count);
  }

  private uint32(blob: Blob, count: number): Uint32Array {
    const v = this.view(blob);
    if (v.byteLength !== 4 * count) throw new Error('a column has the wrong length');
    return new Uint32Array(v.buffer, v.byteOffset, count);
  }

  text(name: string): TextColumn {
    const c = this.column(name, ['text', 'symbol']);
    if (c.kind === 'text') return new SlicedTexts(c.chunks.map((chunk) => this.chunk(chunk)), this.count);
    const v = this.view(c.data);
    const at = c.width === 1 ? v : c.width === 2 ? new Uint16Array(v.buffer, v.byteOffset, v.byteLength / 2) : new Uint32Array(v.buffer, v.byteOffset, v.byteLength / 4);
    return new SymbolTexts(c.values, at, this.count);
  }

  private chunk(chunk: TextChunk): DecodedChunk {
    return { text: this.decoder.decode(this.view(chunk.utf8)), ends: this.uint32(chunk.ends, chunk.ends.bytes / 4) };
  }

  int(name: string): Int32Array {
    return this.int32(this.column(name, ['int']).data, this.count);
  }

  bool(name: string): Uint8Array {
    const v = this.view(this.column(name, ['bool']).data);
    if (v.length !== this.count) throw new Error(`column ${name} has the wrong length`);
    return v;
  }

  private lengths(blob: Blob): Uint32Array {
    return this.uint32(blob, this.count);
  }

  ints(name: string): readonly (readonly number[])[] {
    const c = this.column(name, ['ints']);
    const lengths = this.lengths(c.lengths);
    const total = lengths.reduce((a, b) => a + b, 0);
    const flat = this.int32(c.data, total);
    const out = new Array<readonly number[]>(this.count);
    let at = 0;
    for (let i = 0; i < this.count; i += 1) {
      const n = lengths[i]!;
      if (n === 0) {
        out[i] = NO_NUMBERS;
        continue;
      }
      const list = new Array<number>(n);
      for (let k = 0; k < n; k += 1) list[k] = flat[at + k]!;
      out[i] = list;
      at += n;
    }
    return out;
  }

  texts(name: string): readonly (readonly string[])[] {
    const c = this.column(name, ['texts']);
    const lengths = this.lengths(c.lengths);
    const flat = new SlicedTexts(
      c.chunks.map((chunk) => this.chunk(chunk)),
      lengths.reduce((a, b) => a + b, 0),
    );
    const out = new Array<readonly string[]>(this.count);
    let at = 0;
    for (let i = 0; i < this.count; i += 1) {
      const n = lengths[i]!;
      if (n === 0) {
        out[i] = NO_TEXTS;
        continue;
      }
      const list = new Array<string>(n);
      for (let k = 0; k < n; k += 1) list[k] = flat.at(at + k);
      out[i] = list;
      at += n;
    }
    return out;
  }
}
