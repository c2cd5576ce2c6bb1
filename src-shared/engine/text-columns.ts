/**
 * Text columns as UTF-8 (BlockTexts) and their builder: the texts of the
 * engine's records, kept out of the JavaScript heap, handed between threads
 * without a copy, and compared as bytes where they are ASCII (R8 keys,
 * keys.ts).
 */
import { INT32, int32Array, MAPPED_BYTES, trimmed, uint8Array } from '../util/mapped-arrays';
import { GrowingInts, type Keep } from './growing-ints';
import type { Texts } from './record-columns';

/** Texts per block of BlockTexts. */
const BLOCK_BITS = 12;
const BLOCK = 1 << BLOCK_BITS;

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

/** One block of BlockTexts as its UTF-8 bytes and its texts' ends (UTF-16 units into the decoded block). */
export interface Utf8Run {
  bytes: Uint8Array;
  ends: Int32Array;
  /** The decoded block's length in UTF-16 units (its last end). */
  chars: number;
}

/**
 * Texts as UTF-8, BLOCK at a time, in a few large byte arrays (slabs). A
 * million users make ~20 million texts (~0.6 GB). As JavaScript strings they
 * filled each reader thread's heap, which the collector let grow to twice
 * that, and crossed to the counting thread as a copy (structured clone):
 * together 1.5 GB of the 4.1 GB peak of an import + count. As bytes they sit
 * outside the heap, are handed over without a copy, and go into the count
 * cache as they are. A block becomes one string the first time one of its
 * texts is read; its texts are slices of that string (a V8 slice of 13 or
 * more units shares it).
 */
export class BlockTexts implements Texts {
  private readonly decoded: (string | undefined)[];

  constructor(
    readonly slabs: readonly Uint8Array[],
    /**
     * Per block three numbers: its slab, its first byte there, its byte
     * length; or -1, its index in `unpaired`, 0 for a block kept as text.
     */
    readonly blocks: Int32Array,
    /** Per text, where it ends in its block's decoded string. */
    readonly ends: Int32Array,
    /** Blocks with an unpaired surrogate (JSON allows "\ud800"), which UTF-8 cannot hold: kept as they are. */
    readonly unpaired: readonly string[] = [],
  ) {
    const count = Math.ceil(ends.length / BLOCK);
    if (blocks.length !== 3 * count) throw new Error('a text column has the wrong number of blocks');
    this.decoded = new Array<string | undefined>(count);
    for (let b = 0; b < count; b += 1) {
      const from = blocks[3 * b + 1]!;
      if (blocks[3 * b] === -1) {
        const text = unpaired[from];
        if (text === undefined || text.length !== lastEnd(ends, b)) throw new Error('a text column refers to a block it does not hold');
        this.decoded[b] = text;
        continue;
      }
      const slab = slabs[blocks[3 * b]!];
      const bytes = blocks[3 * b + 2]!;
      if (!slab || from < 0 || bytes < 0 || from + bytes > slab.length) throw new Error('a text column refers to bytes it does not hold');
    }
  }

  get length(): number {
    return this.ends.length;
  }

  at(i: number): string {
    const b = i >>> BLOCK_BITS;
    const block = this.decoded[b] ?? this.decode(b);
    return block.slice((i & (BLOCK - 1)) === 0 ? 0 : this.ends[i - 1]!, this.ends[i]!);
  }

  /** Whether text i is `text`, compared with its bytes where its block is ASCII (no string made). */
  equalsAt(i: number, text: string): boolean {
    const b = i >>> BLOCK_BITS;
    const from = (i & (BLOCK - 1)) === 0 ? 0 : this.ends[i - 1]!;
    if (this.ends[i]! - from !== text.length) return false;
    const decoded = this.decoded[b];
    if (decoded !== undefined) return decoded.startsWith(text, from);
    const bytes = this.blocks[3 * b + 2]!;
    if (bytes !== lastEnd(this.ends, b)) return this.at(i) === text;
    return asciiEquals(this.slabs[this.blocks[3 * b]!]!, this.blocks[3 * b + 1]! + from, text);
  }

  /**
   * Each block's bytes and ends, in order (views, no copy): for writers that
   * keep texts as UTF-8 (records-codec.ts). Undefined when a block holds an
   * unpaired surrogate.
   */
  runs(): Utf8Run[] | undefined {
    if (this.unpaired.length > 0) return undefined;
    const out: Utf8Run[] = [];
    for (let b = 0; b * BLOCK < this.ends.length; b += 1) {
      const ends = this.ends.subarray(b * BLOCK, Math.min(this.ends.length, (b + 1) * BLOCK));
      out.push({ bytes: this.bytesOf(b), ends, chars: ends[ends.length - 1]! });
    }
    return out;
  }

  private bytesOf(b: number): Uint8Array {
    const from = this.blocks[3 * b + 1]!;
    return this.slabs[this.blocks[3 * b]!]!.subarray(from, from + this.blocks[3 * b + 2]!);
  }

  private decode(b: number): string {
    const text = decodeBlock(this.bytesOf(b), lastEnd(this.ends, b));
    this.decoded[b] = text;
    return text;
  }
}

/** Where block b's last text ends: the block's length. */
function lastEnd(ends: Int32Array | GrowingInts<Int32Array<ArrayBuffer>>, b: number): number {
  return ends.at(Math.min(ends.length, (b + 1) * BLOCK) - 1) ?? 0;
}

/**
 * Whether the bytes at `at` are `text`, for a block whose bytes are as many
 * as its UTF-16 units — all ASCII, so byte k is unit k (any other unit takes
 * two bytes or more).
 */
function asciiEquals(bytes: Uint8Array, at: number, text: string): boolean {
  for (let k = 0; k < text.length; k += 1) if (bytes[at + k] !== text.charCodeAt(k)) return false;
  return true;
}

/** No unpaired surrogate: UTF-8 holds the text exactly. */
export function wellFormed(text: string): boolean {
  // String.prototype.isWellFormed (Node 20, Chromium 111) is not in the ES2023 typings.
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** A block's text, checked against the length its ends say: damaged bytes fail here, never read as other texts. */
function decodeBlock(bytes: Uint8Array, chars: number): string {
  const text = utf8Decoder.decode(bytes);
  if (text.length !== chars) throw new Error('a text column is damaged (a block is not as long as its ends say)');
  return text;
}

/** A block's text from its entry in a block table (BlockTexts.blocks): decoded from its slab, or kept as text. */
function textOfEntry(slab: number, from: number, bytes: number, slabs: Utf8Slabs, unpaired: readonly string[], chars: number): string {
  return slab === -1 ? unpaired[from]! : decodeBlock(slabs.slab(slab).subarray(from, from + bytes), chars);
}

/** A column's first slab: a column of few texts takes no more. The next are mapped ones (mapped-arrays.ts). */
const FIRST_SLAB_BYTES = 1 << 16;

/**
 * UTF-8 bytes appended into slabs that are never copied to grow (a full one
 * is kept and a new one started). A slab ends with at most one block's worth
 * unused.
 */
class Utf8Slabs {
  readonly slabs: Uint8Array<ArrayBuffer>[] = [];
  /** The slab written to (-1: none yet), and how much of it is used. */
  private current = -1;
  private used = 0;
  private scratch = new Uint8Array(0);
  /**
   * While a column is compacted in place (TextColumnBuilder.finish with a
   * keep mask): where the bytes not yet read begin. Nothing is written at or
   * past it.
   */
  private limit: { slab: number; at: number } | undefined;

  /** `text` appended as UTF-8: where its bytes lie. */
  append(text: string): { slab: number; at: number; bytes: number } {
    // Straight into the slab when even the worst case fits (3 bytes per UTF-16 unit), else through a scratch buffer.
    if (!this.limit && this.current >= 0 && this.slabs[this.current]!.length - this.used >= 3 * text.length) {
      const { written } = utf8Encoder.encodeInto(text, this.slabs[this.current]!.subarray(this.used));
      return this.took(written);
    }
    if (this.scratch.length < 3 * text.length) this.scratch = uint8Array(3 * text.length);
    const { written } = utf8Encoder.encodeInto(text, this.scratch);
    this.makeRoom(written);
    this.slabs[this.current]!.set(this.scratch.subarray(0, written), this.used);
    return this.took(written);
  }

  slab(index: number): Uint8Array {
    return this.slabs[index]!;
  }

  /** The slabs so far, as they are. */
  view(): Uint8Array[] {
    return [...this.slabs];
  }

  /** Write from the first slab's start again, over bytes already read, never at or past `limit` (setLimit). */
  restart(): void {
    this.current = this.slabs.length > 0 ? 0 : -1;
    this.used = 0;
  }

  /** Where the bytes not yet read begin; undefined once all are read. */
  setLimit(limit: { slab: number; at: number } | undefined): void {
    this.limit = limit;
  }

  /** The slabs, the last one written cut to what it holds; slabs after it (emptied by a compaction) are let go. */
  finish(): Uint8Array[] {
    this.limit = undefined;
    this.slabs.length = this.current + 1;
    if (this.current >= 0 && this.used < this.slabs[this.current]!.length) this.slabs[this.current] = trimmed(this.slabs[this.current]!, this.used);
    this.scratch = new Uint8Array(0);
    return this.slabs;
  }

  /** Moves to where `bytes` fit: on in the slab written to, else the next slab that is free to write, else a new one. */
  private makeRoom(bytes: number): void {
    while (!(this.current >= 0 && this.fits(this.current, this.used + bytes))) {
      if (this.current + 1 < this.slabs.length) {
        this.current += 1;
        this.used = 0;
      } else {
        this.slabs.push(uint8Array(Math.max(bytes, this.slabs.length === 0 ? FIRST_SLAB_BYTES : MAPPED_BYTES)));
        this.current = this.slabs.length - 1;
        this.used = 0;
        return;
      }
    }
  }

  private fits(slab: number, end: number): boolean {
    if (end > this.slabs[slab]!.length) return false;
    const l = this.limit;
    return !l || slab < l.slab || (slab === l.slab && end <= l.at);
  }

  private took(written: number): { slab: number; at: number; bytes: number } {
    const at = this.used;
    this.used += written;
    return { slab: this.current, at, bytes: written };
  }
}

export class TextColumnBuilder {
  private readonly bytes = new Utf8Slabs();
  private readonly blocks = new GrowingInts(INT32);
  private readonly unpaired: string[] = [];
  private pieces: string[] = [];
  private chars = 0;
  private readonly ends = new GrowingInts(INT32);
  /** The sealed block read last (at): a scan over a sealed column decodes each block once. */
  private lastRead = { block: -1, text: '' };

  get length(): number {
    return this.ends.length;
  }

  push(value: string): void {
    this.pieces.push(value);
    this.chars += value.length;
    this.ends.push(this.chars);
    if (this.pieces.length === BLOCK) this.seal();
  }

  at(i: number): string {
    const b = i >>> BLOCK_BITS;
    if (b === this.blocks.length / 3) return this.pieces[i & (BLOCK - 1)]!;
    if (this.lastRead.block !== b) {
      const text = textOfEntry(this.blocks.at(3 * b), this.blocks.at(3 * b + 1), this.blocks.at(3 * b + 2), this.bytes, this.unpaired, lastEnd(this.ends, b));
      this.lastRead = { block: b, text };
    }
    return this.lastRead.text.slice((i & (BLOCK - 1)) === 0 ? 0 : this.ends.at(i - 1), this.ends.at(i));
  }

  /** Whether text i is `text` (BlockTexts.equalsAt): R8 keys are found by comparing bytes, with no string per key kept. */
  equalsAt(i: number, text: string): boolean {
    const b = i >>> BLOCK_BITS;
    if (b === this.blocks.length / 3) return this.pieces[i & (BLOCK - 1)] === text;
    const from = (i & (BLOCK - 1)) === 0 ? 0 : this.ends.at(i - 1);
    if (this.ends.at(i) - from !== text.length) return false;
    const slab = this.blocks.at(3 * b);
    if (slab === -1 || this.blocks.at(3 * b + 2) !== lastEnd(this.ends, b)) return this.at(i) === text;
    return asciiEquals(this.bytes.slab(slab), this.blocks.at(3 * b + 1) + from, text);
  }

  /**
   * The texts so far as BlockTexts over this builder's own bytes (the
   * pending block is sealed on its own, after them); the builder can go on
   * taking texts, but not once the snapshot's slabs were handed to another
   * thread.
   */
  snapshot(): BlockTexts {
    const sealed = this.blocks.length / 3;
    const blocks = int32Array(3 * Math.ceil(this.length / BLOCK));
    blocks.set(this.blocks.view());
    const unpaired = [...this.unpaired];
    if (this.pieces.length > 0) blocks.set(this.place(this.pieces.join(''), unpaired), 3 * sealed);
    return new BlockTexts(this.bytes.view(), blocks, this.ends.view(), unpaired);
  }

  finish(keep: Keep): BlockTexts {
    if (this.pieces.length > 0) this.seal();
    if (keep) this.compact(keep);
    this.lastRead = { block: -1, text: '' };
    return new BlockTexts(this.bytes.finish(), this.blocks.finish(undefined), this.ends.finish(undefined), this.unpaired);
  }

  /**
   * Leaves out the texts `keep` drops, in place (as GrowingInts.finish
   * does): block by block, each is decoded, then its kept texts are pushed
   * again from the start of the column. The column only shrinks, so what is
   * written lands on bytes, ends and block entries already read; Utf8Slabs
   * checks the bytes (a block that would reach unread bytes goes to a new
   * slab).
   */
  private compact(keep: Uint8Array): void {
    const count = this.length;
    const blockCount = this.blocks.length / 3;
    // Views on the arrays about to be rewritten: entry k is overwritten only once input k has been read.
    const blocks = this.blocks.view();
    const ends = this.ends.view();
    const unpaired = this.unpaired.splice(0);
    this.blocks.length = 0;
    this.ends.length = 0;
    this.bytes.restart();
    const unread = (b: number) => {
      for (; b < blockCount; b += 1) if (blocks[3 * b] !== -1) return { slab: blocks[3 * b]!, at: blocks[3 * b + 1]! };
      return undefined;
    };
    for (let b = 0; b < blockCount; b += 1) {
      const first = b * BLOCK;
      const blockEnds = ends.slice(first, Math.min(count, first + BLOCK));
      const text = textOfEntry(blocks[3 * b]!, blocks[3 * b + 1]!, blocks[3 * b + 2]!, this.bytes, unpaired, blockEnds[blockEnds.length - 1]!);
      this.bytes.setLimit(unread(b + 1));
      for (let k = 0; k < blockEnds.length; k += 1) if (keep[first + k]) this.push(text.slice(k === 0 ? 0 : blockEnds[k - 1]!, blockEnds[k]!));
    }
    if (this.pieces.length > 0) this.seal();
  }

  private seal(): void {
    for (const n of this.place(this.pieces.join(''), this.unpaired)) this.blocks.push(n);
    this.pieces = [];
    this.chars = 0;
  }

  /** A block's text stored: its block-table entry (its bytes in a slab, or, with an unpaired surrogate, its index in `unpaired`). */
  private place(text: string, unpaired: string[]): [number, number, number] {
    if (!wellFormed(text)) return [-1, unpaired.push(text) - 1, 0];
    const { slab, at, bytes } = this.bytes.append(text);
    return [slab, at, bytes];
  }
}

/** Any Texts as BlockTexts (what crosses between threads). */
export function blockTexts(texts: Texts): BlockTexts {
  if (texts instanceof BlockTexts) return texts;
  const b = new TextColumnBuilder();
  for (let i = 0; i < texts.length; i += 1) b.push(texts.at(i));
  return b.finish(undefined);
}
