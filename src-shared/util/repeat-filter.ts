import { murmurFinish } from './hash-mix';
import { uint32Array } from './mapped-arrays';

/**
 * Which records of an import may repeat an earlier one (same model type and
 * pkid), remembered as 64-bit hashes in a flat table: about 16 bytes per
 * record, where a Set of the keys would hold every pkid string. A hash match
 * is only a "maybe" (two keys can share a hash); a repeat is never missed.
 * The library confirms the candidates exactly (import-session.ts), so an
 * import into empty tables needs no sort to find its repeats.
 */
export class RepeatFilter {
  /** Pairs (h1, h2) by slot; h2 is never 0, so 0 marks a free slot. */
  private slots: Uint32Array;
  private mask: number;
  private used = 0;
  private readonly hash = new RecordHash();

  constructor(initialSlots = 1 << 16) {
    const size = 1 << Math.ceil(Math.log2(Math.max(16, initialSlots)));
    this.slots = uint32Array(2 * size);
    this.mask = size - 1;
  }

  /** True when a key with the same hash was seen before; remembers the key either way. */
  seen(modelType: string, pkid: string): boolean {
    this.hash.of(modelType, pkid);
    const { h1, h2 } = this.hash;
    if (this.find(h1, h2)) return true;
    if (2 * (this.used + 1) > this.mask + 1) this.grow();
    this.insert(h1, h2);
    this.used += 1;
    return false;
  }

  private find(h1: number, h2: number): boolean {
    const s = this.slots;
    for (let k = h1 & this.mask; s[2 * k + 1] !== 0; k = (k + 1) & this.mask) {
      if (s[2 * k] === h1 && s[2 * k + 1] === h2) return true;
    }
    return false;
  }

  private insert(h1: number, h2: number): void {
    const s = this.slots;
    let k = h1 & this.mask;
    while (s[2 * k + 1] !== 0) k = (k + 1) & this.mask;
    s[2 * k] = h1;
    s[2 * k + 1] = h2;
  }

  /** Doubling at half full keeps probe runs short. */
  private grow(): void {
    const old = this.slots;
    this.slots = uint32Array(2 * old.length);
    this.mask = old.length - 1;
    for (let k = 0; k < old.length; k += 2) if (old[k + 1] !== 0) this.insert(old[k]!, old[k + 1]!);
  }
}

/**
 * The 64-bit hash of a (model type, pkid): two 32-bit FNV-style hashes,
 * each finished; h2 is odd, so never 0. Kept in fields (h1, h2) rather than
 * returned as an object: millions of records, no garbage.
 */
export class RecordHash {
  h1 = 0;
  h2 = 1;
  private lastType: string | undefined;
  private typeA = 0;
  private typeB = 0;

  of(modelType: string, pkid: string): void {
    if (modelType !== this.lastType) {
      // Records come a model type at a time: its part of the hashes is worked out once per run of them.
      let a = 0x811c9dc5;
      let b = 0x2545f491;
      for (let i = 0; i < modelType.length; i++) {
        const c = modelType.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995);
      }
      // A separator that no model type ends with, so "a/b"+"c" and "a/bc"+"" differ.
      this.typeA = Math.imul(a ^ 0x0a, 0x01000193);
      this.typeB = Math.imul(b ^ 0x0a, 0x5bd1e995);
      this.lastType = modelType;
    }
    let a = this.typeA;
    let b = this.typeB;
    for (let i = 0; i < pkid.length; i++) {
      const c = pkid.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
    this.h1 = murmurFinish(a);
    this.h2 = (murmurFinish(b ^ pkid.length) | 1) >>> 0;
  }
}
