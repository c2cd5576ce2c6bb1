/**
 * The engine's records (records.ts) as bytes, so a recount of a library
 * source can skip reading every row back out of SQLite (about 50 of the
 * 85 s of a 1M-user recount) and rebuilding each record.
 *
 * The bytes are the record tables' own columns (TABLE_FIELDS), so reading
 * them back is nearly free: numbers and flags become typed-array views of
 * the file's bytes, lists their start and item arrays as views too, and
 * repeated texts (model types, paths, products) a dictionary and a code per
 * record. Other texts are UTF-8 runs with per-text ends, decoded a run at a
 * time only when a rule first reads one of its texts, then sliced (a V8
 * slice shares the decoded text, where a string per record up front would
 * cost a call and a copy apiece, ~6M of them at 1M users). Rows and Site
 * flags are not stored: placeRecords recomputes them from the paths exactly
 * as RecordsBuilder.finish did.
 *
 * Pure: bytes in, bytes out. Where the bytes live and when they are stale
 * is src-main/library/count-cache.ts's business.
 */
import type { EngineRow } from './input';
import { type IntLists, SymbolTexts, type Symbols, type TextLists, type Texts, utf8Runs } from './record-columns';
import { type Utf8Run, wellFormed } from './text-columns';
import { type ColumnKind, placeRecords, type RecordTables, type Records, TABLE_FIELDS, TABLE_NAMES } from './records';

/**
 * Bump when a maker in records.ts changes what it puts in a field: bytes
 * written by the old makers must not be read as if the new ones made them.
 * (A field added, removed or retyped changes the layout, which is checked
 * on its own.)
 */
export const RECORDS_CODEC_VERSION = 3;

const MAGIC = 'VLF-RECORDS\n';

/** The fields of every table, written in the header: bytes of another layout are not read. */
export const RECORDS_LAYOUT = TABLE_NAMES.map(
  (name) =>
    `${name}(${Object.entries(TABLE_FIELDS[name])
      .map(([field, kind]) => `${field}:${kind}`)
      .join(',')})`,
).join(';');

// ---------------------------------------------------------------------------
// Bytes

/** Where a column's parts lie in the body; their meaning depends on the field's kind. */
type ColumnMeta =
  | { kind: 'int' | 'key'; data: Blob }
  | { kind: 'flag'; data: Blob }
  | ({ kind: 'symbol' } & SymbolMeta)
  | { kind: 'text'; chunks: TextChunk[] }
  | { kind: 'ints' | 'keys'; start: Blob; items: Blob }
  | { kind: 'texts'; start: Blob; chunks: TextChunk[] }
  | ({ kind: 'symbols'; start: Blob } & SymbolMeta);

/** A dictionary (in the header: few values) and per text its code, at the narrowest width that holds them. */
interface SymbolMeta {
  values: string[];
  width: 1 | 2 | 4;
  data: Blob;
}

/** A byte range of the body. */
interface Blob {
  at: number;
  bytes: number;
}

/**
 * A run of texts: their UTF-8 bytes, per text where it ends in the decoded
 * string (UTF-16 units), and the decoded string's length — the ends are
 * checked against it up front, the decoded run against it when first read.
 */
interface TextChunk {
  utf8: Blob;
  ends: Blob;
  chars: number;
}

interface TableMeta {
  name: string;
  count: number;
  columns: Record<string, ColumnMeta>;
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
  tables: TableMeta[];
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
    return this.addJoined([bytes]);
  }

  /** Several arrays as one range of the body, one after another (views, no copy). */
  addJoined(pieces: readonly Uint8Array[]): Blob {
    const at = this.size;
    for (const bytes of pieces) {
      this.parts.push(bytes);
      this.size += bytes.length;
    }
    // Every part starts at a multiple of 8, so Int32Array views of the body need no copy.
    const pad = (8 - (this.size % 8)) % 8;
    if (pad) {
      this.parts.push(new Uint8Array(pad));
      this.size += pad;
    }
    return { at, bytes: this.size - at - pad };
  }

  /** The array's own bytes, no copy: a column is not changed once its records are built. */
  int32(values: Int32Array | Uint32Array): Blob {
    return this.add(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }

  /** Codes at the narrowest width that holds `count` values. */
  symbols(values: readonly string[], codes: Int32Array): SymbolMeta {
    for (let i = 0; i < codes.length; i += 1) if (codes[i]! < 0 || codes[i]! >= values.length) fail('a symbol column refers to a value it does not hold');
    const width = values.length <= 0x100 ? 1 : values.length <= 0x10000 ? 2 : 4;
    const data = width === 1 ? new Uint8Array(codes) : width === 2 ? new Uint8Array(new Uint16Array(codes).buffer) : new Uint8Array(codes.buffer, codes.byteOffset, codes.byteLength);
    return { values: [...values], width, data: this.add(data) };
  }

  /** A column's texts as UTF-8 runs of at most chunkChars UTF-16 units and their ends. */
  texts(column: Texts): TextChunk[] {
    const runs = utf8Runs(column);
    return runs && runs.every((r) => r.chars <= this.chunkChars) ? this.utf8Texts(runs) : this.textsAt(column.length, (i) => column.at(i));
  }

  /** Texts already UTF-8 (BlockTexts): their bytes as they are, runs joined up to chunkChars. */
  private utf8Texts(runs: readonly Utf8Run[]): TextChunk[] {
    const chunks: TextChunk[] = [];
    let from = 0;
    do {
      let to = from;
      let chars = 0;
      let texts = 0;
      for (; to < runs.length && (to === from || chars + runs[to]!.chars <= this.chunkChars); to += 1) {
        chars += runs[to]!.chars;
        texts += runs[to]!.ends.length;
      }
      const ends = new Uint32Array(texts);
      let at = 0;
      let offset = 0;
      for (let k = from; k < to; k += 1) {
        const run = runs[k]!;
        for (let i = 0; i < run.ends.length; i += 1) ends[at + i] = offset + run.ends[i]!;
        at += run.ends.length;
        offset += run.chars;
      }
      chunks.push({ utf8: this.addJoined(runs.slice(from, to).map((r) => r.bytes)), ends: this.int32(ends), chars });
      from = to;
    } while (from < runs.length);
    return chunks;
  }

  /** `count` texts, `at(i)` the i-th, as UTF-8 runs of at most chunkChars UTF-16 units and their ends. */
  private textsAt(count: number, at: (i: number) => string): TextChunk[] {
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
        if (typeof v !== 'string') fail(`text ${to} of a column is not text`);
        // UTF-8 would turn it into U+FFFD: a recount from the library's rows is exact, a changed text is not.
        if (!wellFormed(v)) fail(`text ${to} of a column holds an unpaired surrogate, which UTF-8 cannot keep`);
        if (chars > 0 && chars + v.length > this.chunkChars) break;
        chars += v.length;
        ends[to - from] = chars;
        pieces.push(v);
      }
      chunks.push({ utf8: this.add(encoder.encode(pieces.join(''))), ends: this.int32(ends.subarray(0, to - from)), chars });
      from = to;
    } while (from < count);
    return chunks;
  }
}

function fail(what: string): never {
  throw new Error(`cannot keep the records: ${what}`);
}

/** A table as the codec sees it: its length and its columns by field name (the schema says what each is). */
type AnyTable = { readonly length: number } & Readonly<Record<string, unknown>>;

function isTexts(v: unknown): v is Texts {
  return typeof v === 'object' && v !== null && typeof (v as Texts).at === 'function' && typeof (v as Texts).length === 'number';
}

function isSymbols(v: unknown): v is Symbols {
  return isTexts(v) && (v as Symbols).codes instanceof Int32Array && Array.isArray((v as Symbols).values);
}

/** The start of n lists, checked: a wrong one would read another record's items. */
function listStart(v: unknown, n: number, what: string): Int32Array {
  const start = typeof v === 'object' && v !== null ? (v as { start?: unknown }).start : undefined;
  if (!(start instanceof Int32Array) || start.length !== n + 1) fail(`${what} has no start per record`);
  return start;
}

function writeColumn(body: BodyWriter, table: AnyTable, field: string, kind: ColumnKind, what: string): ColumnMeta {
  const n = table.length;
  const column = table[field];
  const wrong = (): never => fail(`${what} is not a column of ${n} ${kind}`);
  switch (kind) {
    case 'int':
    case 'key':
      if (!(column instanceof Int32Array) || column.length !== n) return wrong();
      return { kind, data: body.int32(column) };
    case 'flag':
      if (!(column instanceof Uint8Array) || column.length !== n) return wrong();
      return { kind, data: body.add(column) };
    case 'symbol':
      if (!isSymbols(column) || column.codes.length !== n) return wrong();
      return { kind, ...body.symbols(column.values, column.codes) };
    case 'text': {
      if (!isTexts(column) || column.length !== n) return wrong();
      return { kind, chunks: body.texts(column) };
    }
    case 'ints':
    case 'keys': {
      const start = listStart(column, n, what);
      const { items } = column as IntLists;
      if (!(items instanceof Int32Array) || items.length !== start[n]) return wrong();
      return { kind, start: body.int32(start), items: body.int32(items) };
    }
    case 'texts': {
      const start = listStart(column, n, what);
      const { items } = column as TextLists;
      if (!isTexts(items) || items.length !== start[n]) return wrong();
      return { kind, start: body.int32(start), chunks: body.texts(items) };
    }
    case 'symbols': {
      const start = listStart(column, n, what);
      const { items } = column as TextLists;
      if (!isSymbols(items) || items.codes.length !== start[n]) return wrong();
      return { kind, start: body.int32(start), ...body.symbols(items.values, items.codes) };
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
 * column's bytes before the next is made (at 1M users the whole is
 * ~585 MB), and let other work in between. The parts of number columns are
 * the columns' own bytes, not copies.
 */
export function* encodeRecordsInSteps(records: Records, stamp: string, options: EncodeOptions = {}): Generator<Uint8Array[], Uint8Array[], void> {
  const body = new BodyWriter(options.chunkChars ?? CHUNK_CHARS);
  const tables = yield* writeTables(body, records);
  const header: Header = {
    magic: MAGIC,
    version: RECORDS_CODEC_VERSION,
    layout: RECORDS_LAYOUT,
    littleEndian: LITTLE_ENDIAN,
    stamp,
    repeats: records.repeats,
    keyCount: records.keyCount,
    siteKeys: Array.from(records.sites.key),
    nodeRows: records.nodeRows.map((r) => ({ ...r, values: [...r.values] })),
    bodyBytes: body.size,
    tables,
  };
  return [...body.take(), ...headerParts(header)];
}

/** Every table's columns into the body, a column per step. */
function* writeTables(body: BodyWriter, records: RecordTables): Generator<Uint8Array[], TableMeta[], void> {
  const tables: TableMeta[] = [];
  for (const name of TABLE_NAMES) {
    const table = records[name] as unknown as AnyTable;
    const columns: Record<string, ColumnMeta> = {};
    for (const [field, kind] of Object.entries(TABLE_FIELDS[name]) as [string, ColumnKind][]) {
      columns[field] = writeColumn(body, table, field, kind, `${name}.${field}`);
      yield body.take();
    }
    tables.push({ name, count: table.length, columns });
  }
  return tables;
}

/** The header JSON and its length, which end the bytes. */
function headerParts(header: object): Uint8Array[] {
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, headerBytes.length, true);
  return [headerBytes, length];
}

/** Why bytes were not read as records: the caller reads the records the slow way instead. */
export type DecodeRefusal = { ok: false; reason: string };

/**
 * The records the bytes hold, or why they cannot be used (another stamp,
 * another layout, damaged). The records' columns are views of `bytes`,
 * which must not change while they are in use.
 */
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
  return placeRecords(header.nodeRows, readTables(header.tables, body), {
    repeats: header.repeats,
    keyCount: header.keyCount,
    siteKey: (name, i) => header.siteKeys[i] ?? fail(`no key for site ${name}`),
  });
}

/** Every table from its columns in the body (not yet placed in rows). */
function readTables(metas: readonly TableMeta[], body: Uint8Array): RecordTables {
  const byName = new Map(metas.map((t) => [t.name, t]));
  const tables: Record<string, unknown> = {};
  // Built in TABLE_NAMES order, the order placeRecords numbers rows by.
  for (const name of TABLE_NAMES) {
    const meta = byName.get(name);
    if (!meta) throw new Error(`no table ${name}`);
    const count = meta.count;
    if (!Number.isInteger(count) || count < 0) throw new Error(`table ${name} has no length`);
    const reader = new ColumnReader(body, count);
    const table: Record<string, unknown> = { length: count, row: new Int32Array(count), underSite: new Uint8Array(count) };
    for (const [field, kind] of Object.entries(TABLE_FIELDS[name]) as [string, ColumnKind][]) {
      const column = meta.columns[field];
      if (column?.kind !== kind) throw new Error(`column ${name}.${field} is missing or of another kind`);
      table[field] = reader.column(column);
    }
    tables[name] = table;
  }
  return tables as unknown as RecordTables;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** One run of texts while it is still bytes, and once it is read, its text. */
interface LazyChunk {
  /** Index of the chunk's first text in the column. */
  first: number;
  ends: Uint32Array;
  chars: number;
  utf8: Uint8Array | undefined;
  text: string | undefined;
}

/**
 * Texts sliced from their chunks, each chunk decoded the first time one of
 * its texts is read: a count that reads few of a column's texts, or none,
 * pays for no string of them (a V8 slice of 13 or more units shares the
 * chunk's memory). The ends are checked up front, so a damaged file is
 * refused rather than read as wrong texts; only a run that decodes to
 * another length than was written is found when first read (the cache's
 * checksum makes that all but impossible).
 */
class LazyTexts implements Texts {
  readonly length: number;
  private readonly chunks: LazyChunk[];
  /** The first chunk's ends and text, read without a search (a chunk holds 2^26 units: nearly every column has one). */
  private readonly ends: Uint32Array;
  private text: string | undefined;

  constructor(chunks: LazyChunk[], count: number) {
    let total = 0;
    for (const chunk of chunks) {
      const { ends } = chunk;
      let from = 0;
      for (let i = 0; i < ends.length; i += 1) {
        const to = ends[i]!;
        if (to < from || to > chunk.chars) throw new Error('a text column is damaged');
        from = to;
      }
      if (from !== chunk.chars) throw new Error('a text column is damaged');
      // Every UTF-16 unit is 1 to 3 UTF-8 bytes (a surrogate pair of two units, 4).
      const bytes = chunk.utf8!.length;
      if (bytes < chunk.chars || bytes > 3 * chunk.chars) throw new Error('a text column is damaged');
      chunk.first = total;
      total += chunk.ends.length;
    }
    if (total !== count) throw new Error('a text column has the wrong length');
    this.length = count;
    this.chunks = chunks;
    this.ends = chunks[0]?.ends ?? new Uint32Array(0);
  }

  at(i: number): string {
    if (i < this.ends.length) {
      const text = this.text ?? (this.text = this.decode(this.chunks[0]!));
      return text.slice(i === 0 ? 0 : this.ends[i - 1]!, this.ends[i]!);
    }
    if (!(i >= 0 && i < this.length)) throw new RangeError(`text ${i} of a column of ${this.length}`);
    // Past the first chunk: the last chunk that starts at or before i.
    let lo = 1;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunks[mid]!.first <= i) lo = mid;
      else hi = mid - 1;
    }
    const chunk = this.chunks[lo]!;
    const j = i - chunk.first;
    const text = chunk.text ?? this.decode(chunk);
    return text.slice(j === 0 ? 0 : chunk.ends[j - 1]!, chunk.ends[j]!);
  }

  private decode(chunk: LazyChunk): string {
    const text = decoder.decode(chunk.utf8);
    if (text.length !== chunk.chars) throw new Error('a text column is damaged (its text is not as long as written)');
    chunk.text = text;
    chunk.utf8 = undefined;
    return text;
  }
}

/** A table's columns from the body, each checked against its table's length. */
class ColumnReader {
  constructor(
    private readonly body: Uint8Array,
    private readonly count: number,
  ) {}

  column(c: ColumnMeta): unknown {
    const n = this.count;
    switch (c.kind) {
      case 'int':
      case 'key':
        return this.int32(c.data, n);
      case 'flag': {
        const v = this.view(c.data);
        if (v.length !== n) throw new Error('a flag column has the wrong length');
        // The rules test flags as numbers: a damaged 2 must not count as set.
        for (let i = 0; i < n; i += 1) if (v[i]! > 1) throw new Error('a flag column holds a value other than 0 and 1');
        return v;
      }
      case 'symbol':
        return this.symbols(c, n);
      case 'text':
        return this.texts(c.chunks, n);
      case 'ints':
      case 'keys': {
        const start = this.start(c.start);
        return { start, items: this.int32(c.items, start[n]!) } satisfies IntLists;
      }
      case 'texts': {
        const start = this.start(c.start);
        return { start, items: this.texts(c.chunks, start[n]!) } satisfies TextLists;
      }
      case 'symbols': {
        const start = this.start(c.start);
        return { start, items: this.symbols(c, start[n]!) } satisfies TextLists<Symbols>;
      }
    }
  }

  private view(blob: Blob): Uint8Array {
    const { at, bytes } = blob;
    if (!Number.isInteger(at) || !Number.isInteger(bytes) || at < 0 || bytes < 0 || at + bytes > this.body.byteLength) throw new Error('a column lies outside the file');
    return this.body.subarray(at, at + bytes);
  }

  private int32(blob: Blob, count: number): Int32Array {
    const v = this.view(blob);
    if (v.byteLength !== 4 * count) throw new Error('a column has the wrong length');
    return new Int32Array(v.buffer, v.byteOffset, count);
  }

  /** List starts, checked once: each list lies within the items, after the one before. */
  private start(blob: Blob): Int32Array {
    const start = this.int32(blob, this.count + 1);
    if (start[0] !== 0) throw new Error('a list column is damaged');
    for (let i = 0; i < this.count; i += 1) if (start[i + 1]! < start[i]!) throw new Error('a list column is damaged');
    return start;
  }

  /** The codes widened to Int32Array (SymbolTexts checks each refers to a value). */
  private symbols(c: SymbolMeta, count: number): Symbols {
    if (!Array.isArray(c.values) || !c.values.every((v) => typeof v === 'string')) throw new Error('a symbol column has no values');
    const v = this.view(c.data);
    if (c.width !== 1 && c.width !== 2 && c.width !== 4) throw new Error('a symbol column has no width');
    if (v.byteLength !== c.width * count) throw new Error('a symbol column has the wrong length');
    const codes =
      c.width === 1
        ? new Int32Array(v)
        : c.width === 2
          ? new Int32Array(new Uint16Array(v.buffer, v.byteOffset, count))
          : c.width === 4
            ? new Int32Array(v.buffer, v.byteOffset, count)
            : fail('a symbol column has no width');
    return new SymbolTexts(c.values, codes);
  }

  private texts(chunks: readonly TextChunk[], count: number): Texts {
    if (!Array.isArray(chunks)) throw new Error('a text column has no chunks');
    return new LazyTexts(
      chunks.map((chunk) => {
        const ends = this.view(chunk.ends);
        if (ends.byteLength % 4 !== 0 || !Number.isInteger(chunk.chars)) throw new Error('a text column is damaged');
        return { first: 0, ends: new Uint32Array(ends.buffer, ends.byteOffset, ends.byteLength / 4), chars: chunk.chars, utf8: this.view(chunk.utf8), text: undefined };
      }),
      count,
    );
  }
}
