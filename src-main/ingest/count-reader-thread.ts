/**
 * A thread that reads one part of a dump for the counting engine: records
 * become engine rows here (engineRowOf), so the counting thread only builds
 * them into its tables. Several of these read one dump on several cores; at
 * most MAX_IN_FLIGHT batches wait unacknowledged, which bounds the memory
 * between the threads.
 */
import { parentPort } from 'node:worker_threads';
import { type EngineRow, engineRowOf } from '../../src-shared/engine/input';
import type { NormalizedRecord, ReadProgress } from '../../src-shared/ingest/types';
import { InputError } from '../services/input-files';
import { readDump } from './read-dump';
import { readExport } from './read-export';
import type { FromCountReader, ToCountReader } from './count-reader-protocol';

const MAX_IN_FLIGHT = 3;

if (parentPort) {
  const port = parentPort;
  const controller = new AbortController();
  const post = (m: FromCountReader) => port.postMessage(m);
  let inFlight = 0;
  let wakeUp: (() => void) | undefined;
  port.on('message', (m: ToCountReader) => {
    if (m.kind === 'ack') {
      inFlight -= 1;
      wakeUp?.();
      wakeUp = undefined;
    } else if (m.kind === 'cancel') {
      controller.abort(new Error('cancelled'));
      wakeUp?.();
    } else void start(m);
  });

  async function start(m: Extract<ToCountReader, { kind: 'start' }>): Promise<void> {
    try {
      const options = {
        signal: controller.signal,
        onProgress: (progress: ReadProgress) => post({ kind: 'progress', progress }),
        onBatch: async (records: NormalizedRecord[]) => {
          const rows: EngineRow[] = [];
          for (const record of records) {
            const row = engineRowOf(record);
            if (row) rows.push(row);
          }
          // One string crosses to the counting thread far faster than thousands of small objects (structured clone).
          post({ kind: 'rows', json: JSON.stringify(rows) });
          inFlight += 1;
          while (inFlight >= MAX_IN_FLIGHT && !controller.signal.aborted) await new Promise<void>((r) => (wakeUp = r));
          controller.signal.throwIfAborted();
        },
      };
      const result = m.source === 'dump' ? await readDump(m.path, { ...options, part: m.part }) : await readExport(m.path, options);
      post({ kind: 'done', result });
    } catch (e) {
      post({ kind: 'error', message: e instanceof Error ? e.message : String(e), input: e instanceof InputError, cancelled: controller.signal.aborted });
    }
  }
}
