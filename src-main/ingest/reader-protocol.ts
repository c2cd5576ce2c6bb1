import type { ReadProgress } from '../../src-shared/ingest/types';
import type { PreparedBatch } from '../library/prepare-row';
import type { DumpReadResult } from './read-dump';

/** Messages between the import and the reader thread it starts (read-in-thread.ts, reader-thread.ts). */
export type ToReader = { kind: 'start'; source: 'dump' | 'export'; path: string } | { kind: 'ack' } | { kind: 'cancel' };

export type FromReader =
  | { kind: 'batch'; batch: PreparedBatch }
  | { kind: 'progress'; progress: ReadProgress }
  | { kind: 'done'; result: DumpReadResult }
  | { kind: 'error'; message: string; input: boolean; cancelled: boolean };
