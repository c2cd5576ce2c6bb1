import type { ReadProgress } from '../../src-shared/ingest/types';
import type { DumpReadResult } from './read-dump';

/** Messages between a count and the reader threads it starts (read-for-count.ts, count-reader-thread.ts). */
export type ToCountReader =
  | { kind: 'start'; source: 'dump' | 'export'; path: string; part: { index: number; of: number } }
  | { kind: 'ack' }
  | { kind: 'cancel' };

export type FromCountReader =
  /** A batch of rows as JSON text (RowGroup[], input.ts). */
  | { kind: 'rows'; json: string }
  | { kind: 'progress'; progress: ReadProgress }
  | { kind: 'done'; result: DumpReadResult }
  | { kind: 'error'; message: string; input: boolean; cancelled: boolean };
