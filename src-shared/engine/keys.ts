/**
 * How the engine compares things (counting-rules.md R8, R103, R104): keys
 * trimmed and lower-cased, blanks never matching; ties broken in code-point
 * order, the same way everywhere.
 */
import { murmurFinish } from '../util/hash-mix';

/** R8/R103: the comparable form of a user name, user id, alias, e-mail or device name; '' (never matches) when blank. */
export function keyOf(value: string | null | undefined): string {
  return value ? value.trim().toLowerCase() : '';
}

/**
 * Code-point order (R90, R104). JavaScript's `<` compares UTF-16 code units,
 * which puts U+E000…U+FFFF after astral characters; this does not.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Only when both are in the surrogate/high-BMP zone can code units disagree with code points.
    if (x >= 0xd800 && y >= 0xd800) {
      const cx = a.codePointAt(i)!;
      const cy = b.codePointAt(i)!;
      return cx < cy ? -1 : cx > cy ? 1 : 0;
    }
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** R104 "sorts first": the R8 key, then the raw value, then the pkid, in code-point order. */
export function compareByKey(aRaw: string, aPkid: string, bRaw: string, bPkid: string): number {
  return compareCodePoints(keyOf(aRaw), keyOf(bRaw)) || compareCodePoints(aRaw, bRaw) || compareCodePoints(aPkid, bPkid);
}

/**
 * R8 keys as small integers: every user name, id, alias, e-mail and device
 * name of a count is trimmed, lower-cased and numbered once, so the joins of
 * a million users compare numbers instead of building strings. 0 is blank
 * (never matches anything).
 *
 * Why not a Map<string, number>: a million users make ~12 million lookups
 * among ~4 million distinct keys, and V8's Map at that size spends ~1.4 µs a
 * lookup chasing its buckets, entries and key strings (17 s of a 62 s count
 * at 1M users). Here a flat table of (hash, id) pairs takes one probe in a
 * typed array; the key string is compared only when the 32-bit hash matches,
 * so equality stays exact.
 */
export class KeyTable {
  /** (hash, id) pairs by slot; id 0 marks a free slot. */
  private slots: Int32Array;
  private mask: number;
  /** The key of each id (index 0 is the blank key). */
  private readonly keys: string[] = [''];

  /** `expected`: about how many keys will be numbered, so the table need not grow to hold them. */
  constructor(expected = 0) {
    const size = 1 << Math.max(16, Math.ceil(Math.log2(2 * expected + 2)));
    this.slots = new Int32Array(2 * size);
    this.mask = size - 1;
  }

  /** How many distinct keys there are (ids run from 1 to count). */
  get count(): number {
    return this.keys.length - 1;
  }

  /** The keys by id (index 0 is the blank key). */
  get texts(): readonly string[] {
    return this.keys;
  }

  /**
   * A table that numbers `keys` (distinct, already in R8 form, ids 1…n in
   * order; index 0 blank) exactly as the table they came from did: records
   * built in a reader thread keep their key numbers when they reach the
   * counting thread (records-merge.ts).
   */
  static adopt(keys: { readonly length: number; at(i: number): string }): KeyTable {
    const table = new KeyTable(keys.length);
    for (let i = 1; i < keys.length; i += 1) {
      if (table.idOfKey(keys.at(i)) !== i) throw new Error(`key ${i} of a records part is not distinct or not in R8 form`);
    }
    return table;
  }

  id(raw: string): number {
    return raw ? this.idOfKey(raw.trim().toLowerCase()) : 0;
  }

  /** The number of a key already in R8 form (another table's key: records-merge.ts). */
  idOfKey(key: string): number {
    if (!key) return 0;
    const h = hashText(key);
    const slots = this.slots;
    const mask = this.mask;
    let k = h & mask;
    for (let id = slots[2 * k + 1]!; id !== 0; id = slots[2 * k + 1]!) {
      if (slots[2 * k] === h && this.keys[id] === key) return id;
      k = (k + 1) & mask;
    }
    const id = this.keys.length;
    this.keys.push(key);
    slots[2 * k] = h;
    slots[2 * k + 1] = id;
    // Doubling at half full keeps probe runs short.
    if (2 * id > mask + 1) this.grow();
    return id;
  }

  private grow(): void {
    const old = this.slots;
    const size = old.length; // slots double: old.length / 2 pairs become old.length pairs
    const slots = new Int32Array(2 * size);
    const mask = size - 1;
    for (let e = 0; e < old.length; e += 2) {
      const id = old[e + 1]!;
      if (id === 0) continue;
      let k = old[e]! & mask;
      while (slots[2 * k + 1] !== 0) k = (k + 1) & mask;
      slots[2 * k] = old[e]!;
      slots[2 * k + 1] = id;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** FNV-1a over the UTF-16 code units, finished so the low bits (the slot) are even; signed, as the Int32Array slots hold it. */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return murmurFinish(h) | 0;
}

/**
 * A map from (row, key number) to record indices — the engine's joins (R7:
 * links never cross rows). Keys are small dense numbers (KeyTable), so the
 * first entry of a key sits in a typed array and the few entries of other
 * rows chain behind it: no hashing and no garbage, where a Map of composite
 * keys hashed a million heap numbers.
 */
export class RowKeyMap {
  /**
   * Per key, its newest entry + 1; 0 is "none". Zero means empty, so the
   * table needs no fill: a count makes a dozen of these over millions of
   * keys, and untouched pages of a fresh typed array are never made
   * resident.
   */
  private readonly head: Int32Array;
  /** Per entry, the next (older) entry of its key + 1; 0 ends the chain. */
  private next: Int32Array;
  private rows: Int32Array;
  private values: Int32Array;
  private size = 0;

  /** `capacity`: the entries expected (e.g. one per record), so the arrays need not grow from small. */
  constructor(keyCount: number, capacity = 1024) {
    this.head = new Int32Array(keyCount + 1);
    const n = Math.max(16, capacity);
    this.next = new Int32Array(n);
    this.rows = new Int32Array(n);
    this.values = new Int32Array(n);
  }

  private find(row: number, key: number): number {
    for (let e = this.head[key]! - 1; e >= 0; e = this.next[e]! - 1) if (this.rows[e] === row) return e;
    return -1;
  }

  /** The (first) value of (row, key), or undefined. Key 0 (blank) is never found (R8). */
  get(row: number, key: number): number | undefined {
    if (key === 0) return undefined;
    const e = this.find(row, key);
    return e < 0 ? undefined : this.values[e]!;
  }

  has(row: number, key: number): boolean {
    return key !== 0 && this.find(row, key) >= 0;
  }

  /** Set the value of (row, key); blanks are not stored. */
  set(row: number, key: number, value: number): void {
    if (key === 0) return;
    const e = this.find(row, key);
    if (e >= 0) this.values[e] = value;
    else this.push(row, key, value);
  }

  /** Keep `value` for (row, key) unless the stored one comes first (`first(a, b)` < 0 when a does). */
  keepFirst(row: number, key: number, value: number, first: (a: number, b: number) => number): void {
    if (key === 0) return;
    const e = this.find(row, key);
    if (e < 0) this.push(row, key, value);
    else if (first(value, this.values[e]!) < 0) this.values[e] = value;
  }

  /** Add one more value under (row, key) (a multimap). */
  add(row: number, key: number, value: number): void {
    if (key !== 0) this.push(row, key, value);
  }

  /** Every value under (row, key). */
  some(row: number, key: number, test: (value: number) => boolean): boolean {
    if (key === 0) return false;
    for (let e = this.head[key]! - 1; e >= 0; e = this.next[e]! - 1) if (this.rows[e] === row && test(this.values[e]!)) return true;
    return false;
  }

  private push(row: number, key: number, value: number): void {
    if (this.size === this.next.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.next = grow(this.next);
      this.rows = grow(this.rows);
      this.values = grow(this.values);
    }
    const e = this.size++;
    this.rows[e] = row;
    this.values[e] = value;
    this.next[e] = this.head[key]!;
    this.head[key] = e + 1;
  }
}
