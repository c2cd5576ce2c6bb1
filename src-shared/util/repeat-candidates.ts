import { grown, int32Array, UINT32, uint8Array } from './mapped-arrays';
import { RecordHash } from './repeat-filter';

/** Records per bucket aimed at when the hashes are compared: a bucket's table (2 slots a record, 4 bytes a slot) stays in the processor's cache. */
const BUCKET_RECORDS = 2048;

/**
 * Which records of one table may repeat another (same model type and pkid),
 * found after the fact: each record's 64-bit hash is written down as it
 * arrives, one after the other, and the hashes are compared once at the end,
 * a bucket at a time in a table small enough to stay in cache. A
 * RepeatFilter, which answers as each record arrives, probes a table of tens
 * of MB at random for every record instead: at 1M users that was ~2.5 s of
 * each count reader thread, against well under 1 s here. A hash match is
 * only a "maybe" (two keys can share a hash): the caller confirms exactly. A
 * repeat is never missed.
 */
export class RepeatCandidates {
  private h1 = new Uint32Array(1024);
  private h2 = new Uint32Array(1024);
  private count = 0;
  private readonly hash = new RecordHash();

  get length(): number {
    return this.count;
  }

  /** The next record (its index is the number of records added before it). */
  add(modelType: string, pkid: string): void {
    if (this.count === this.h1.length) {
      this.h1 = doubled(this.h1);
      this.h2 = doubled(this.h2);
    }
    this.hash.of(modelType, pkid);
    this.h1[this.count] = this.hash.h1;
    this.h2[this.count] = this.hash.h2;
    this.count += 1;
  }

  /** The records whose hash another record shares (every one of them, the first too), in index order. */
  find(): number[] {
    const n = this.count;
    const { h1, h2 } = this;
    let bits = 0;
    while (bits < 16 && n >>> bits > BUCKET_RECORDS) bits += 1;
    // Buckets by the hash's top bits (its low bits pick the slot within a bucket): a counting sort of the indices.
    const shift = 32 - bits;
    const bucketOf = (i: number) => (bits === 0 ? 0 : h1[i]! >>> shift);
    const buckets = 1 << bits;
    const start = new Int32Array(buckets + 1);
    for (let i = 0; i < n; i += 1) start[bucketOf(i) + 1]! += 1;
    for (let b = 0; b < buckets; b += 1) start[b + 1]! += start[b]!;
    const next = start.slice(0, buckets);
    const order = int32Array(n);
    for (let i = 0; i < n; i += 1) order[next[bucketOf(i)]!++] = i;

    const marked = uint8Array(n);
    let found = 0;
    let slots = new Int32Array(16);
    for (let b = 0; b < buckets; b += 1) {
      const from = start[b]!;
      const to = start[b + 1]!;
      let size = 16;
      while (size < 2 * (to - from)) size *= 2;
      if (slots.length < size) slots = new Int32Array(size);
      slots.fill(0, 0, size);
      const mask = size - 1;
      for (let j = from; j < to; j += 1) {
        const i = order[j]!;
        let k = h1[i]! & mask;
        // Slots hold index + 1; 0 is free. Within a bucket indices come in order, so a match is the earliest record of that hash.
        for (let held = slots[k]!; held !== 0; held = slots[k]!) {
          const e = held - 1;
          if (h1[e] === h1[i] && h2[e] === h2[i]) {
            if (!marked[e]) found += marked[e] = 1;
            if (!marked[i]) found += marked[i] = 1;
            break;
          }
          k = (k + 1) & mask;
        }
        if (slots[k] === 0) slots[k] = i + 1;
      }
    }
    const out: number[] = [];
    if (found > 0) for (let i = 0; i < n; i += 1) if (marked[i]) out.push(i);
    return out;
  }
}

function doubled(a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  return grown(UINT32, a, 2 * a.length);
}
