import type { ReadProgress } from '../../src-shared/ingest/types';
import type { PreparedBatch } from '../library/prepare-row';
import type { DumpReadResult } from './read-dump';

/** Messages between the import and the reader thread it starts (read-in-thread.ts, reader-thread.ts). */
export type ToReader =
  /** `engineGroups`: also pack each batch's records as the counting engine reads them (an import that counts too). */
  | { kind: 'start'; source: 'dump' | 'export'; path: string; part: { index: number; of: number }; engineGroups: boolean }
  | { kind: 'ack' }
  | { kind: 'cancel' };

export type FromReader =
  /** `part`: which reader thread (the start message's part.index) read it. */
  /** `groupsJson`: the batch's records as RowGroup[] JSON when the start asked for engineGroups, else ''. */
  | { kind: 'batch'; batch: PreparedBatch; part: number; groupsJson: string }
  | { kind: 'progress'; progress: ReadProgress }
  | { kind: 'done'; result: DumpReadResult }
  | { kind: 'error'; message: string; input: boolean; cancelled: boolean };
