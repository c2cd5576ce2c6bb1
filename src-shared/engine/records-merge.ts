/**
 * Records built apart — each reader thread builds the records of the model
 * types it reads (RecordsBuilder.finishPart) — joined into the Records the
 * rules read. Building in the readers spares the counting thread the rows'
 * trip through JSON and the building itself (at 1M users, most of its work).
 *
 * Each part numbered its R8 keys on its own: the first part's numbers are
 * kept and the others' renumbered into them, so a key means one number
 * everywhere again. A part holds every record of its model types
 * (read-dump.ts splits by model type), so no repeat spans two parts.
 */
import type { EngineRow } from './input';
import { KeyTable } from './keys';
import {
  concatArrays,
  ConcatTexts,
  concatStarts,
  concatSymbols,
  type IntLists,
  type Symbols,
  type TextLists,
  type Texts,
} from './record-columns';
import { type ColumnKind, placeRecords, type RecordTables, type Records, type RecordsPart, TABLE_FIELDS, TABLE_NAMES } from './records';
import { int32Array, uint8Array } from '../util/mapped-arrays';

type Columns = Record<string, unknown> & { length: number };

export function mergeRecordsParts(parts: readonly RecordsPart[]): Records {
  const merger = new RecordsMerger(parts.length);
  parts.forEach((p, i) => merger.add(i, p));
  return merger.finish();
}

/**
 * Joins parts as they arrive: each part's keys are renumbered as soon as
 * the parts before it are in, so most of the work is done while the last
 * reader still reads. Parts are taken in their index order, whatever the
 * order they arrive in, so the numbering never depends on timing.
 */
export class RecordsMerger {
  private readonly parts: (RecordsPart | undefined)[];
  private keys: KeyTable | undefined;
  private next = 0;

  constructor(count: number) {
    if (count < 1) throw new Error('no records part to count');
    this.parts = new Array<RecordsPart | undefined>(count);
  }

  add(index: number, part: RecordsPart): void {
    if (this.parts[index]) throw new Error(`records part ${index} came twice`);
    this.parts[index] = part;
    for (; this.next < this.parts.length && this.parts[this.next]; this.next += 1) {
      const ready = this.parts[this.next]!;
      if (!this.keys) this.keys = KeyTable.adopt(ready.keys, ready.keyHashes);
      else renumberKeys(ready, this.keys);
    }
  }

  finish(): Records {
    if (this.next < this.parts.length || !this.keys) throw new Error('a records part is missing');
    const keys = this.keys;
    const parts = this.parts as RecordsPart[];
    const tables: Record<string, unknown> = {};
    for (const name of TABLE_NAMES) {
      const own = parts.map((p) => p.tables[name] as unknown as Columns);
      const filled = own.filter((t) => t.length > 0);
      tables[name] = filled.length === 1 ? filled[0] : joinTables(name, filled.length > 0 ? filled : own.slice(0, 1));
    }
    const nodeRows: EngineRow[] = parts.flatMap((p) => p.nodeRows);
    return placeRecords(nodeRows, tables as unknown as RecordTables, {
      repeats: parts.reduce((n, p) => n + p.repeats, 0),
      keyCount: keys.count,
      siteKey: (name) => keys.id(name),
    });
  }
}

/** A part's key columns rewritten in place to the numbers of `keys` (the part's columns are its own). */
function renumberKeys(part: RecordsPart, keys: KeyTable): void {
  const { keys: texts, keyHashes } = part;
  if (keyHashes.length !== texts.length) throw new Error(`a records part has ${texts.length} keys but ${keyHashes.length} key hashes`);
  const to = int32Array(texts.length);
  for (let k = 1; k < texts.length; k += 1) to[k] = keys.idOfKeyAt(texts, k, keyHashes[k]!);
  for (const name of TABLE_NAMES) {
    const table = part.tables[name] as unknown as Columns;
    for (const [field, kind] of Object.entries(TABLE_FIELDS[name]) as [string, ColumnKind][]) {
      const values = kind === 'key' ? (table[field] as Int32Array) : kind === 'keys' ? (table[field] as IntLists).items : undefined;
      if (values) for (let i = 0; i < values.length; i += 1) values[i] = to[values[i]!]!;
    }
  }
}

/** One table from the same table of several parts, in part order. */
function joinTables(name: (typeof TABLE_NAMES)[number], tables: readonly Columns[]): Columns {
  const length = tables.reduce((n, t) => n + t.length, 0);
  const out: Columns = { length, row: int32Array(length), underSite: uint8Array(length) };
  for (const [field, kind] of Object.entries(TABLE_FIELDS[name]) as [string, ColumnKind][]) {
    const columns = tables.map((t) => t[field]);
    out[field] = joinColumns(kind, columns);
  }
  return out;
}

function joinColumns(kind: ColumnKind, columns: readonly unknown[]): unknown {
  switch (kind) {
    case 'int':
    case 'key':
      return concatArrays(columns as Int32Array[], int32Array);
    case 'flag':
      return concatArrays(columns as Uint8Array[], uint8Array);
    case 'text':
      return new ConcatTexts(columns as Texts[]);
    case 'symbol':
      return concatSymbols(columns as Symbols[]);
    case 'ints':
    case 'keys': {
      const lists = columns as IntLists[];
      return { start: concatStarts(lists.map((l) => l.start)), items: concatArrays(lists.map((l) => l.items), int32Array) } satisfies IntLists;
    }
    case 'texts': {
      const lists = columns as TextLists[];
      return { start: concatStarts(lists.map((l) => l.start)), items: new ConcatTexts(lists.map((l) => l.items)) } satisfies TextLists;
    }
    case 'symbols': {
      const lists = columns as TextLists<Symbols>[];
      return { start: concatStarts(lists.map((l) => l.start)), items: concatSymbols(lists.map((l) => l.items)) } satisfies TextLists<Symbols>;
    }
  }
}
