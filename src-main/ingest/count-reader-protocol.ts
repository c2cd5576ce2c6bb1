import type { RecordsPartMessage } from '../../src-shared/engine/records-transfer';
import type { ReadProgress } from '../../src-shared/ingest/types';
import type { DumpReadResult } from './read-dump';

/** Messages between a count and the reader threads it starts (read-for-count.ts, count-reader-thread.ts). */
export type ToCountReader = { kind: 'start'; source: 'dump' | 'export'; path: string; part: { index: number; of: number } } | { kind: 'cancel' };

export type FromCountReader =
  | { kind: 'progress'; progress: ReadProgress }
  /** `records`: the records of what the thread read, their buffers handed over (records-transfer.ts). */
  | { kind: 'done'; result: DumpReadResult; records: RecordsPartMessage }
  | { kind: 'error'; message: string; input: boolean; cancelled: boolean };

/**
 * Records per batch when reading for a count. Nothing waits on a batch (the
 * builder takes it at once), and a batch's records stay alive until it is
 * full: at the reader's default 5000, thousands of them survived each young
 * collection, were copied and promoted, and had to be collected again later.
 * Measured at 1M users, the count (a): 45–51 s at 5000, 40–42 s at 200.
 */
export const COUNT_BATCH = 256;
