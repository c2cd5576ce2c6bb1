/**
 * murmur3's 32-bit finalizer: spreads every input bit over the result, so the
 * low bits of a hash (a table slot) are as good as the high ones. Shared by
 * the hash tables (RepeatFilter, KeyTable) and the generator's seeding.
 */
export function murmurFinish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
