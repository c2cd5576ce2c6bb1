/**
 * How the engine compares things (counting-rules.md R8, R103, R104): keys
 * trimmed and lower-cased, blanks never matching; ties broken in code-point
 * order, the same way everywhere.
 */
import { murmurFinish } from '../util/hash-mix';
import { TextColumnBuilder } from './text-columns';
import { grown, INT32, int32Array, trimmed } from '../util/mapped-arrays';

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
  private slots: Int32Array<ArrayBuffer>;
  private mask: number;
  /** Per id, its key's hash (what a records part sends along, so the join need not hash its keys again). */
  private hashes: Int32Array<ArrayBuffer>;
  /**
   * The keys of ids below `base.length` (an adopted part's keys, read only
   * when a hash matches: building a string per key of millions cost the join
   * seconds of collection), then the keys numbered here. Both are UTF-8
   * (text-columns.ts): a key is compared with its bytes, and a reader
   * thread's millions of keys are not millions of strings in its heap.
   */
  private readonly base: KeyTexts;
  private readonly added = new TextColumnBuilder();

  /** `expected`: about how many keys will be numbered, so the table need not grow to hold them. */
  constructor(expected = 0, base: KeyTexts = NO_KEYS) {
    const size = 1 << Math.max(16, Math.ceil(Math.log2(2 * expected + 2)));
    this.slots = int32Array(2 * size);
    this.mask = size - 1;
    this.hashes = int32Array(Math.max(1024, expected + 1));
    this.base = base;
    if (base.length === 0) this.added.push('');
  }

  /** How many distinct keys there are (ids run from 1 to count). */
  get count(): number {
    return this.base.length + this.added.length - 1;
  }

  /** The keys by id (index 0 is the blank key), for a records part: a table that adopted none (a reader thread's) gives its own bytes. */
  get texts(): KeyTexts {
    if (this.base.length === 0) return this.added.snapshot();
    return { length: this.count + 1, at: (i) => this.keyAt(i) };
  }

  /** The hash of each id's key (index 0 unused): `adopt` takes them back. */
  keyHashes(): Int32Array {
    return trimmed(this.hashes, this.count + 1);
  }

  /**
   * A table that numbers `keys` (distinct, in R8 form, ids 1…n in order;
   * index 0 blank) exactly as the table they came from did, from the hashes
   * that table gave (keyHashes): records built in a reader thread keep their
   * key numbers when they reach the counting thread (records-merge.ts), and
   * no key is read until a lookup's hash matches it.
   */
  static adopt(keys: KeyTexts, hashes: Int32Array): KeyTable {
    if (keys.length < 1 || hashes.length !== keys.length) throw new Error(`a records part has ${keys.length} keys but ${hashes.length} key hashes`);
    const table = new KeyTable(keys.length, keys);
    for (let id = 1; id < keys.length; id += 1) table.place(hashes[id]!, id);
    return table;
  }

  id(raw: string): number {
    if (!raw) return 0;
    // Most values are already trimmed lower-case ASCII, their own key: hashed as they are, with no new string.
    const n = raw.length;
    let h = FNV_OFFSET;
    for (let i = 0; i < n; i++) {
      const c = raw.charCodeAt(i);
      if ((c >= 0x41 && c <= 0x5a) || c > 0x7e) return this.idOfKey(raw.trim().toLowerCase());
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    if (raw.charCodeAt(0) <= 0x20 || raw.charCodeAt(n - 1) <= 0x20) return this.idOfKey(raw.trim().toLowerCase());
    return this.idOfHashedKey(raw, murmurFinish(h) | 0);
  }

  /** The number of a key already in R8 form (another table's key: records-merge.ts). */
  idOfKey(key: string): number {
    return key ? this.idOfHashedKey(key, hashText(key)) : 0;
  }

  private idOfHashedKey(key: string, h: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let k = h & mask;
    for (let id = slots[2 * k + 1]!; id !== 0; id = slots[2 * k + 1]!) {
      if (slots[2 * k] === h && this.isKey(id, key)) return id;
      k = (k + 1) & mask;
    }
    return this.insert(key, h, k);
  }

  /**
   * The number of `keys.at(i)`, a key in R8 form whose hash is `h` (another
   * table's keyHashes): the text is read only when a hash matches or the key
   * is new here.
   */
  idOfKeyAt(keys: KeyTexts, i: number, h: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let k = h & mask;
    let key: string | undefined;
    for (let id = slots[2 * k + 1]!; id !== 0; id = slots[2 * k + 1]!) {
      if (slots[2 * k] === h && this.isKey(id, (key ??= keys.at(i)))) return id;
      k = (k + 1) & mask;
    }
    key ??= keys.at(i);
    if (!key || hashText(key) !== h) throw new Error(`key ${i} of a records part is blank or does not match its hash`);
    return this.insert(key, h, k);
  }

  private keyAt(id: number): string {
    const base = this.base.length;
    return id < base ? this.base.at(id) : this.added.at(id - base);
  }

  /** Whether id's key is `key`, without a string for it where its bytes compare (KeyTexts.equalsAt). */
  private isKey(id: number, key: string): boolean {
    const base = this.base.length;
    if (id >= base) return this.added.equalsAt(id - base, key);
    return this.base.equalsAt ? this.base.equalsAt(id, key) : this.base.at(id) === key;
  }

  /** A new key at its free slot `k`. */
  private insert(key: string, h: number, k: number): number {
    const id = this.count + 1;
    this.added.push(key);
    this.slots[2 * k] = h;
    this.slots[2 * k + 1] = id;
    this.setHash(id, h);
    // Doubling at half full keeps probe runs short.
    if (2 * id > this.mask + 1) this.grow();
    return id;
  }

  /** An adopted id at the first free slot of its hash. */
  private place(h: number, id: number): void {
    const slots = this.slots;
    let k = h & this.mask;
    while (slots[2 * k + 1] !== 0) k = (k + 1) & this.mask;
    slots[2 * k] = h;
    slots[2 * k + 1] = id;
    this.setHash(id, h);
  }

  private setHash(id: number, h: number): void {
    if (id >= this.hashes.length) {
      this.hashes = grown(INT32, this.hashes, 2 * this.hashes.length);
    }
    this.hashes[id] = h;
  }

  private grow(): void {
    const old = this.slots;
    const size = old.length; // slots double: old.length / 2 pairs become old.length pairs
    const slots = int32Array(2 * size);
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

/** Keys by id, as a records part holds them (record-columns.ts Texts; text-columns.ts BlockTexts compares without decoding). */
export interface KeyTexts {
  readonly length: number;
  at(i: number): string;
  equalsAt?(i: number, text: string): boolean;
}

const NO_KEYS: KeyTexts = { length: 0, at: () => '' };

/** FNV-1a over the UTF-16 code units, finished so the low bits (the slot) are even; signed, as the Int32Array slots hold it. */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashText(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
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
  private readonly head: Int32Array<ArrayBuffer>;
  /** Per entry, the next (older) entry of its key + 1; 0 ends the chain. */
  private next: Int32Array<ArrayBuffer>;
  private rows: Int32Array<ArrayBuffer>;
  private values: Int32Array<ArrayBuffer>;
  private size = 0;

  /** `capacity`: the entries expected (e.g. one per record), so the arrays need not grow from small. */
  constructor(keyCount: number, capacity = 1024) {
    this.head = int32Array(keyCount + 1);
    const n = Math.max(16, capacity);
    this.next = int32Array(n);
    this.rows = int32Array(n);
    this.values = int32Array(n);
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
      const grow = (a: Int32Array<ArrayBuffer>) => grown(INT32, a, 2 * a.length);
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
