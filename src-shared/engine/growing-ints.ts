/**
 * Numbers of a column while its records arrive (record-columns.ts,
 * text-columns.ts), and the keep mask that leaves a table's repeats out
 * when it is finished.
 */
import { type ArrayType, grown, trimmed } from '../util/mapped-arrays';

/** Which records a finished column keeps (1) — the repeats are left out — or undefined for all. */
export type Keep = Uint8Array | undefined;

export function kept(length: number, keep: Keep): number {
  if (!keep) return length;
  let n = 0;
  for (let i = 0; i < length; i += 1) n += keep[i]!;
  return n;
}

/**
 * Numbers pushed straight into a typed array that doubles as it fills: a
 * plain array of a million numbers would have to be copied into one at the
 * end, and keeps the collector busier while it grows. Past a small size the
 * array is mapped on its own and grows in place (mapped-arrays.ts).
 */
export class GrowingInts<A extends Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>> {
  private values: A;
  length = 0;

  constructor(private readonly Type: ArrayType<A>) {
    this.values = new Type(1024);
  }

  push(value: number): void {
    if (this.length === this.values.length) this.values = grown(this.Type, this.values, 2 * this.values.length);
    this.values[this.length++] = value;
  }

  at(i: number): number {
    return this.values[i]!;
  }

  /** The values so far (a view: they stay as they are while more are pushed). */
  view(): A {
    return this.values.subarray(0, this.length) as A;
  }

  /**
   * The kept values, in an array of their own (or, for a large one, a view
   * on its mapped buffer). The repeats are left out in place: a copy of
   * every column of a table with one repeat cost a reader thread ~0.3 GB at
   * 1M users, just as it finished.
   */
  finish(keep: Keep): A {
    if (keep) {
      let j = 0;
      for (let i = 0; i < this.length; i += 1) if (keep[i]) this.values[j++] = this.values[i]!;
      this.length = j;
    }
    return trimmed(this.values, this.length);
  }
}
