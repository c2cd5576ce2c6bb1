/**
 * The column types the engine's records are kept in (records.ts): one typed
 * array or text column per field instead of one object per record. A million
 * users make six million records; as objects they cost ~3 GB and much of the
 * collector's time, and a copy from the count cache had to rebuild every one.
 * As columns, numbers sit in typed arrays (a cached copy is read as views of
 * its bytes), and a text becomes a string only when someone reads it.
 */
import { INT32, int32Array, UINT8, uint8Array } from '../util/mapped-arrays';
import { GrowingInts, type Keep, kept } from './growing-ints';
import { BlockTexts, TextColumnBuilder, type Utf8Run } from './text-columns';

export type { Keep };

/** The texts of one field, by record index. */
export interface Texts {
  readonly length: number;
  at(i: number): string;
}

/** A field of few distinct texts (model types, paths, products): per record a code, the index of its text in `values`. */
export interface Symbols extends Texts {
  readonly codes: Int32Array;
  readonly values: readonly string[];
}

/** Per record a list of numbers: record i's are items[start[i]] up to items[start[i + 1]]. */
export interface IntLists {
  readonly start: Int32Array;
  readonly items: Int32Array;
}

/** Per record a list of texts, laid out as IntLists. */
export interface TextLists<T extends Texts = Texts> {
  readonly start: Int32Array;
  readonly items: T;
}

/** Texts held as strings (records built from rows). */
export class ArrayTexts implements Texts {
  constructor(private readonly values: readonly string[]) {}

  get length(): number {
    return this.values.length;
  }

  at(i: number): string {
    return this.values[i]!;
  }
}

/** Symbols over a code array and its texts; the codes are checked once, so a wrong one fails here, not as a wrong text later. */
export class SymbolTexts implements Symbols {
  constructor(
    readonly values: readonly string[],
    readonly codes: Int32Array,
  ) {
    for (let i = 0; i < codes.length; i += 1) {
      const c = codes[i]!;
      if (c < 0 || c >= values.length) throw new Error('a text column refers to a value it does not hold');
    }
  }

  get length(): number {
    return this.codes.length;
  }

  at(i: number): string {
    return this.values[this.codes[i]!]!;
  }
}

/** The same text for every record (a list of one model type). */
export function sameText(value: string, length: number): Symbols {
  return new SymbolTexts([value], int32Array(length));
}

/** Record i's list of numbers, as a view (no copy). */
export function listAt(lists: IntLists, i: number): Int32Array {
  return lists.items.subarray(lists.start[i]!, lists.start[i + 1]!);
}

/** Per distinct text of a Symbols, whether `test` holds: a million records are then tested with one array read each. */
export function symbolTest(symbols: Symbols, test: (text: string) => boolean): Uint8Array {
  return Uint8Array.from(symbols.values, (v) => (test(v) ? 1 : 0));
}

// ---------------------------------------------------------------------------
// Joining the columns of tables built apart (records-merge.ts)

/** Texts of several columns one after another. */
export class ConcatTexts implements Texts {
  readonly length: number;
  private readonly firsts: Int32Array;

  constructor(readonly parts: readonly Texts[]) {
    this.firsts = new Int32Array(parts.length);
    let n = 0;
    parts.forEach((p, k) => {
      this.firsts[k] = n;
      n += p.length;
    });
    this.length = n;
  }

  at(i: number): string {
    let k = this.parts.length - 1;
    while (k > 0 && this.firsts[k]! > i) k -= 1;
    return this.parts[k]!.at(i - this.firsts[k]!);
  }
}

/** The UTF-8 runs of a column kept as BlockTexts (joined ones too), or undefined for texts kept otherwise. */
export function utf8Runs(texts: Texts): Utf8Run[] | undefined {
  if (texts instanceof BlockTexts) return texts.runs();
  if (texts instanceof ConcatTexts) {
    const runs = texts.parts.map(utf8Runs);
    return runs.every((r) => r !== undefined) ? runs.flat() : undefined;
  }
  return undefined;
}

/** Typed arrays one after another, in one array. */
export function concatArrays<A extends Int32Array | Uint8Array>(parts: readonly A[], make: (length: number) => A): A {
  const out = make(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Symbols of several columns one after another, over one dictionary. */
export function concatSymbols(parts: readonly Symbols[]): Symbols {
  const index = new Map<string, number>();
  const values: string[] = [];
  const codes = int32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    const remap = p.values.map((v) => {
      let code = index.get(v);
      if (code === undefined) index.set(v, (code = values.push(v) - 1));
      return code;
    });
    for (let i = 0; i < p.codes.length; i += 1) codes[at + i] = remap[p.codes[i]!]!;
    at += p.codes.length;
  }
  return new SymbolTexts(values, codes);
}

/** The starts of several list columns one after another (each part's starts shifted past the items before it). */
export function concatStarts(parts: readonly Int32Array[]): Int32Array {
  const out = int32Array(1 + parts.reduce((n, p) => n + p.length - 1, 0));
  let at = 0;
  let items = 0;
  for (const p of parts) {
    for (let i = 1; i < p.length; i += 1) out[at + i] = items + p[i]!;
    at += p.length - 1;
    items += p[p.length - 1]!;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Building columns a record at a time (RecordsBuilder)

export class IntColumnBuilder {
  private readonly values = new GrowingInts(INT32);

  get length(): number {
    return this.values.length;
  }

  push(value: number): void {
    this.values.push(value);
  }

  at(i: number): number {
    return this.values.at(i);
  }

  finish(keep: Keep): Int32Array {
    return this.values.finish(keep);
  }
}

export class FlagColumnBuilder {
  private readonly values = new GrowingInts(UINT8);

  push(on: boolean): void {
    this.values.push(on ? 1 : 0);
  }

  finish(keep: Keep): Uint8Array {
    return this.values.finish(keep);
  }
}

export class SymbolColumnBuilder {
  private readonly index = new Map<string, number>();
  private readonly values: string[] = [];
  private readonly codes = new GrowingInts(INT32);

  get length(): number {
    return this.codes.length;
  }

  push(value: string): void {
    let code = this.index.get(value);
    if (code === undefined) this.index.set(value, (code = this.values.push(value) - 1));
    this.codes.push(code);
  }

  at(i: number): string {
    return this.values[this.codes.at(i)]!;
  }

  /** The distinct texts pushed so far. */
  get distinct(): readonly string[] {
    return this.values;
  }

  finish(keep: Keep): Symbols {
    return new SymbolTexts(this.values, this.codes.finish(keep));
  }
}

/** List ends and items as the builders collect them: numbers in a typed array, texts in a plain one. */
interface Items<T> {
  readonly length: number;
  push(value: T): void;
  at(i: number): T;
}

/** Lists as IntLists: the end of each record's list, and every item. */
class ListLayout<T> {
  private readonly ends = new GrowingInts(INT32);

  constructor(readonly items: Items<T>) {}

  push(values: readonly T[] | Int32Array): void {
    for (let k = 0; k < values.length; k += 1) this.items.push(values[k] as T);
    this.ends.push(this.items.length);
  }

  /** The start of each kept record's list, and which items are kept (undefined: all). */
  finish(keep: Keep): { start: Int32Array; keepItems: Keep } {
    const n = kept(this.ends.length, keep);
    const start = int32Array(n + 1);
    if (!keep) {
      for (let i = 0; i < n; i += 1) start[i + 1] = this.ends.at(i);
      return { start, keepItems: undefined };
    }
    const keepItems = uint8Array(this.items.length);
    let j = 0;
    let count = 0;
    for (let i = 0; i < this.ends.length; i += 1) {
      if (!keep[i]) continue;
      const from = i === 0 ? 0 : this.ends.at(i - 1);
      keepItems.fill(1, from, this.ends.at(i));
      count += this.ends.at(i) - from;
      start[++j] = count;
    }
    return { start, keepItems };
  }
}

export class IntListBuilder {
  private readonly items = new GrowingInts(INT32);
  private readonly layout = new ListLayout<number>(this.items);

  push(values: readonly number[]): void {
    this.layout.push(values);
  }

  finish(keep: Keep): IntLists {
    const { start, keepItems } = this.layout.finish(keep);
    return { start, items: this.items.finish(keepItems) };
  }
}

export class TextListBuilder {
  private readonly items = new TextColumnBuilder();
  private readonly layout = new ListLayout<string>(this.items);

  push(values: readonly string[]): void {
    this.layout.push(values);
  }

  finish(keep: Keep): TextLists {
    const { start, keepItems } = this.layout.finish(keep);
    return { start, items: this.items.finish(keepItems) };
  }
}

/** Lists of few distinct texts (Teams feature types). */
export class SymbolListBuilder {
  private readonly items = new SymbolColumnBuilder();
  private readonly layout = new ListLayout<string>(this.items);

  push(values: readonly string[]): void {
    this.layout.push(values);
  }

  finish(keep: Keep): TextLists<Symbols> {
    const { start, keepItems } = this.layout.finish(keep);
    return { start, items: this.items.finish(keepItems) };
  }
}
