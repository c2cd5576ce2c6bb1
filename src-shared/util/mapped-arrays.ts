/**
 * Typed arrays that are either small or at least MAPPED_BYTES, never in
 * between.
 *
 * Why: glibc's malloc gives a buffer a mapping of its own (returned to the
 * system when it is freed) only above a threshold, and it raises that
 * threshold to the size of any such buffer freed, up to 32 MB. Once a few
 * growing arrays of 1–32 MB had been freed, every buffer below that size
 * came from its thread's arena, and an arena keeps the memory it once held:
 * at 1M users the reader threads' arenas still held ~0.8 GB of freed memory
 * while the count ran (peak RSS 3.4 GB; with the threshold pinned at 2 MB,
 * 2.8 GB). A large array here takes at least MAPPED_BYTES, which glibc always
 * maps on its own and whose free never moves the threshold; the part beyond
 * `length` is never written, so it costs address space, not memory.
 *
 * Pure: no Node or DOM imports (it runs in the worker, the CLI and tests).
 */

/** Above glibc's largest threshold (32 MB) with room for its chunk header. */
export const MAPPED_BYTES = 33 * 1024 * 1024;

/** Arrays up to this size are allocated as usual (small buffers come and go from the arena and are reused). */
export const SMALL_BYTES = 256 * 1024;

export type NumberArray = Int32Array<ArrayBuffer> | Uint32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>;

/** A typed array type: Int32Array, Uint32Array or Uint8Array. */
export interface ArrayType<A extends NumberArray> {
  readonly BYTES_PER_ELEMENT: number;
  new (length: number): A;
  new (buffer: ArrayBuffer, byteOffset: number, length: number): A;
}

/** A zeroed array of `length`: its own small buffer, or a view on the start of a mapped one. */
export function typedArray<A extends NumberArray>(Type: ArrayType<A>, length: number): A {
  const bytes = length * Type.BYTES_PER_ELEMENT;
  if (bytes <= SMALL_BYTES) return new Type(length);
  return new Type(new ArrayBuffer(Math.max(bytes, MAPPED_BYTES)), 0, length);
}

export const INT32 = Int32Array as ArrayType<Int32Array<ArrayBuffer>>;
export const UINT32 = Uint32Array as ArrayType<Uint32Array<ArrayBuffer>>;
export const UINT8 = Uint8Array as ArrayType<Uint8Array<ArrayBuffer>>;

export const int32Array = (length: number): Int32Array<ArrayBuffer> => typedArray(INT32, length);
export const uint32Array = (length: number): Uint32Array<ArrayBuffer> => typedArray(UINT32, length);
export const uint8Array = (length: number): Uint8Array<ArrayBuffer> => typedArray(UINT8, length);

/**
 * `values` with room for at least `length` elements, its contents kept:
 * the same buffer viewed longer while it has the room (no copy), else a new
 * array (typedArray) with the values copied.
 */
export function grown<A extends NumberArray>(Type: ArrayType<A>, values: A, length: number): A {
  const bytes = length * Type.BYTES_PER_ELEMENT;
  if (values.byteOffset === 0 && values.buffer.byteLength >= bytes) return new Type(values.buffer as ArrayBuffer, 0, Math.floor(values.buffer.byteLength / Type.BYTES_PER_ELEMENT));
  const bigger = typedArray(Type, length);
  bigger.set(values);
  return bigger;
}

/**
 * The first `length` values as an array of their own size; a mapped one is
 * returned as a view instead (no copy: a copy of a large array would be a
 * mid-size buffer, and freeing the original would move the threshold).
 */
export function trimmed<A extends NumberArray>(values: A, length: number): A {
  if (values.buffer.byteLength > SMALL_BYTES) return values.subarray(0, length) as A;
  return values.slice(0, length) as A;
}
