/**
 * The column types the engine's records are kept in (records.ts): one typed
 * array or text column per field instead of one object per record. A million
 * users make six million records; as objects they cost ~3 GB and much of the
 * collector's time, and a copy from the count cache had to rebuild every one.
 * As columns, numbers sit in typed arrays (a cached copy is read as views of
 * its bytes), and a text becomes a string only when someone reads it.
 */

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
  return new SymbolTexts([value], new Int32Array(length));
}

/** Record i's list of numbers, as a view (no copy). */
export function listAt(lists: IntLists, i: number): Int32Array {
  return lists.items.subarray(lists.start[i]!, lists.start[i + 1]!);
}

/** Record i's list of texts. */
export function textsAt(lists: TextLists, i: number): string[] {
  const out: string[] = [];
  for (let k = lists.start[i]!; k < lists.start[i + 1]!; k += 1) out.push(lists.items.at(k));
  return out;
}

/** Per distinct text of a Symbols, whether `test` holds: a million records are then tested with one array read each. */
export function symbolTest(symbols: Symbols, test: (text: string) => boolean): Uint8Array {
  return Uint8Array.from(symbols.values, (v) => (test(v) ? 1 : 0));
}

// ---------------------------------------------------------------------------
// Building columns a record at a time (RecordsBuilder)

/** Which records a finished column keeps (1) — the repeats are left out — or undefined for all. */
export type Keep = Uint8Array | undefined;

function kept(length: number, keep: Keep): number {
  if (!keep) return length;
  let n = 0;
  for (let i = 0; i < length; i += 1) n += keep[i]!;
  return n;
}

export class IntColumnBuilder {
  private readonly values: number[] = [];

  push(value: number): void {
    this.values.push(value);
  }

  finish(keep: Keep): Int32Array {
    if (!keep) return Int32Array.from(this.values);
    const out = new Int32Array(kept(this.values.length, keep));
    let j = 0;
    for (let i = 0; i < this.values.length; i += 1) if (keep[i]) out[j++] = this.values[i]!;
    return out;
  }
}

export class FlagColumnBuilder {
  private readonly values: number[] = [];

  push(on: boolean): void {
    this.values.push(on ? 1 : 0);
  }

  finish(keep: Keep): Uint8Array {
    if (!keep) return Uint8Array.from(this.values);
    const out = new Uint8Array(kept(this.values.length, keep));
    let j = 0;
    for (let i = 0; i < this.values.length; i += 1) if (keep[i]) out[j++] = this.values[i]!;
    return out;
  }
}

export class TextColumnBuilder {
  readonly values: string[] = [];

  push(value: string): void {
    this.values.push(value);
  }

  finish(keep: Keep): Texts {
    return new ArrayTexts(keep ? this.values.filter((_v, i) => keep[i] === 1) : this.values);
  }
}

export class SymbolColumnBuilder {
  private readonly index = new Map<string, number>();
  private readonly values: string[] = [];
  readonly codes: number[] = [];

  push(value: string): void {
    let code = this.index.get(value);
    if (code === undefined) this.index.set(value, (code = this.values.push(value) - 1));
    this.codes.push(code);
  }

  at(i: number): string {
    return this.values[this.codes[i]!]!;
  }

  finish(keep: Keep): Symbols {
    const codes = keep ? this.codes.filter((_c, i) => keep[i] === 1) : this.codes;
    return new SymbolTexts(this.values, Int32Array.from(codes));
  }
}

/** Lists as IntLists: the end of each record's list, and every item. */
class ListLayout<T> {
  private readonly ends: number[] = [];
  readonly items: T[] = [];

  push(values: readonly T[]): void {
    for (const v of values) this.items.push(v);
    this.ends.push(this.items.length);
  }

  /** The start of each kept record's list and the kept items. */
  finish(keep: Keep): { start: Int32Array; items: T[] } {
    const n = kept(this.ends.length, keep);
    const start = new Int32Array(n + 1);
    if (!keep) {
      for (let i = 0; i < n; i += 1) start[i + 1] = this.ends[i]!;
      return { start, items: this.items };
    }
    const items: T[] = [];
    let j = 0;
    for (let i = 0; i < this.ends.length; i += 1) {
      if (!keep[i]) continue;
      for (let k = i === 0 ? 0 : this.ends[i - 1]!; k < this.ends[i]!; k += 1) items.push(this.items[k]!);
      start[++j] = items.length;
    }
    return { start, items };
  }
}

export class IntListBuilder {
  private readonly layout = new ListLayout<number>();

  push(values: readonly number[]): void {
    this.layout.push(values);
  }

  finish(keep: Keep): IntLists {
    const { start, items } = this.layout.finish(keep);
    return { start, items: Int32Array.from(items) };
  }
}

export class TextListBuilder {
  private readonly layout = new ListLayout<string>();

  push(values: readonly string[]): void {
    this.layout.push(values);
  }

  finish(keep: Keep): TextLists {
    const { start, items } = this.layout.finish(keep);
    return { start, items: new ArrayTexts(items) };
  }
}

/** Lists of few distinct texts (Teams feature types). */
export class SymbolListBuilder {
  private readonly layout = new ListLayout<string>();

  push(values: readonly string[]): void {
    this.layout.push(values);
  }

  finish(keep: Keep): TextLists<Symbols> {
    const { start, items } = this.layout.finish(keep);
    const symbols = new SymbolColumnBuilder();
    for (const v of items) symbols.push(v);
    return { start, items: symbols.finish(undefined) };
  }
}
