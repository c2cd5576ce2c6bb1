import type { RecordsPartMessage } from '../../src-shared/engine/records-transfer';
import type { ReadProgress } from '../../src-shared/ingest/types';
import type { PreparedBatch } from '../library/prepare-row';
import type { DumpReadResult } from './read-dump';

/** Messages between the import and the reader thread it starts (read-in-thread.ts, reader-thread.ts). */
export type ToReader =
  /** `buildRecords`: also build the engine's records of what the thread reads (an import that counts too). */
  | { kind: 'start'; source: 'dump' | 'export'; path: string; part: { index: number; of: number }; buildRecords: boolean }
  | { kind: 'ack' }
  | { kind: 'cancel' };

export type FromReader =
  /** `part`: which reader thread (the start message's part.index) read it. */
  | { kind: 'batch'; batch: PreparedBatch; part: number }
  | { kind: 'progress'; progress: ReadProgress }
  /** `records`: when the start asked for them, the engine's records of what the thread read (records-transfer.ts). */
  | { kind: 'done'; result: DumpReadResult; records?: RecordsPartMessage }
  | { kind: 'error'; message: string; input: boolean; cancelled: boolean };
