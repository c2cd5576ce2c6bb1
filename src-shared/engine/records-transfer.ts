/**
 * A records part (RecordsBuilder.finishPart) as a message from a reader
 * thread to the counting thread. Every column travels as its own buffers,
 * handed over (no copy): numbers as typed arrays, texts as the UTF-8 slabs
 * of BlockTexts with their block and end tables. (Texts as strings were
 * copied by the structured clone: at 1M users 0.6 GB more, twice over,
 * just when memory peaked.)
 */
import { type IntLists, SymbolTexts, type Symbols, type TextLists, type Texts } from './record-columns';
import { BlockTexts, blockTexts } from './text-columns';
import { type ColumnKind, type RecordTables, type RecordsPart, TABLE_FIELDS, TABLE_NAMES } from './records';
import type { EngineRow } from './input';
import { int32Array, uint8Array } from '../util/mapped-arrays';

/** A text column as its blocks (text-columns.ts BlockTexts). */
interface JoinedTexts {
  slabs: readonly Uint8Array[];
  blocks: Int32Array;
  ends: Int32Array;
  unpaired: readonly string[];
}

interface SymbolsMessage {
  values: readonly string[];
  codes: Int32Array;
}

type ColumnMessage = Int32Array | Uint8Array | SymbolsMessage | JoinedTexts | { start: Int32Array; items: Int32Array | JoinedTexts | SymbolsMessage };

export interface RecordsPartMessage {
  tables: Record<string, { length: number; columns: Record<string, ColumnMessage> }>;
  nodeRows: readonly EngineRow[];
  repeats: number;
  keys: JoinedTexts;
  keyHashes: Int32Array;
}

function joinTexts(texts: Texts): JoinedTexts {
  const b = blockTexts(texts);
  return { slabs: b.slabs, blocks: b.blocks, ends: b.ends, unpaired: b.unpaired };
}

const textsOf = (m: JoinedTexts): Texts => new BlockTexts(m.slabs, m.blocks, m.ends, m.unpaired);

const symbolsMessage = (s: Symbols): SymbolsMessage => ({ values: s.values, codes: s.codes });

function columnMessage(kind: ColumnKind, column: unknown): ColumnMessage {
  switch (kind) {
    case 'int':
    case 'key':
    case 'flag':
      return column as Int32Array | Uint8Array;
    case 'symbol':
      return symbolsMessage(column as Symbols);
    case 'text':
      return joinTexts(column as Texts);
    case 'ints':
    case 'keys':
      return column as IntLists;
    case 'texts': {
      const lists = column as TextLists;
      return { start: lists.start, items: joinTexts(lists.items) };
    }
    case 'symbols': {
      const lists = column as TextLists<Symbols>;
      return { start: lists.start, items: symbolsMessage(lists.items) };
    }
  }
}

function columnOf(kind: ColumnKind, m: ColumnMessage): unknown {
  switch (kind) {
    case 'int':
    case 'key':
    case 'flag':
      return m;
    case 'symbol': {
      const s = m as SymbolsMessage;
      return new SymbolTexts(s.values, s.codes);
    }
    case 'text':
      return textsOf(m as JoinedTexts);
    case 'ints':
    case 'keys':
      return m;
    case 'texts': {
      const lists = m as { start: Int32Array; items: JoinedTexts };
      return { start: lists.start, items: textsOf(lists.items) } satisfies TextLists;
    }
    case 'symbols': {
      const lists = m as { start: Int32Array; items: SymbolsMessage };
      return { start: lists.start, items: new SymbolTexts(lists.items.values, lists.items.codes) } satisfies TextLists<Symbols>;
    }
  }
}

/** The message, and the buffers to hand over with it (postMessage's transfer list). */
export function recordsPartMessage(part: RecordsPart): { message: RecordsPartMessage; transfer: ArrayBuffer[] } {
  const tables: RecordsPartMessage['tables'] = {};
  for (const name of TABLE_NAMES) {
    const table = part.tables[name] as unknown as Record<string, unknown> & { length: number };
    const columns: Record<string, ColumnMessage> = {};
    for (const [field, kind] of Object.entries(TABLE_FIELDS[name]) as [string, ColumnKind][]) columns[field] = columnMessage(kind, table[field]);
    tables[name] = { length: table.length, columns };
  }
  const message: RecordsPartMessage = { tables, nodeRows: part.nodeRows, repeats: part.repeats, keys: joinTexts(part.keys), keyHashes: part.keyHashes };
  const transfer = new Set<ArrayBuffer>();
  for (const t of Object.values(tables)) for (const c of Object.values(t.columns)) buffersOf(c, transfer);
  buffersOf(message.keys, transfer);
  buffersOf(message.keyHashes, transfer);
  return { message, transfer: [...transfer] };
}

/** The typed arrays' buffers in a column's message (each once: a buffer may be listed only once). */
function buffersOf(m: ColumnMessage | JoinedTexts | SymbolsMessage | Int32Array, into: Set<ArrayBuffer>): void {
  if (ArrayBuffer.isView(m)) into.add(m.buffer as ArrayBuffer);
  else if ('codes' in m) into.add(m.codes.buffer as ArrayBuffer);
  else if ('blocks' in m) {
    for (const slab of m.slabs) into.add(slab.buffer as ArrayBuffer);
    into.add(m.blocks.buffer as ArrayBuffer);
    into.add(m.ends.buffer as ArrayBuffer);
  }
  else {
    buffersOf(m.start, into);
    buffersOf(m.items, into);
  }
}

export function recordsPartOf(m: RecordsPartMessage): RecordsPart {
  const tables: Record<string, unknown> = {};
  for (const name of TABLE_NAMES) {
    const t = m.tables[name];
    if (!t) throw new Error(`a reader thread sent no ${name}`);
    const table: Record<string, unknown> = { length: t.length, row: int32Array(t.length), underSite: uint8Array(t.length) };
    for (const [field, kind] of Object.entries(TABLE_FIELDS[name]) as [string, ColumnKind][]) table[field] = columnOf(kind, t.columns[field]!);
    tables[name] = table;
  }
  return { tables: tables as unknown as RecordTables, nodeRows: m.nodeRows, repeats: m.repeats, keys: textsOf(m.keys), keyHashes: m.keyHashes };
}
