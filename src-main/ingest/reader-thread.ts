/**
 * The reader's own thread: reads a dump or export and prepares each record's
 * table row and each batch's compressed raw chunk (prepare-row.ts), so the
 * library's thread only binds and steps SQLite statements. The two run on two cores. At most MAX_IN_FLIGHT batches
 * wait unacknowledged, which bounds the memory between the threads.
 */
import { parentPort } from 'node:worker_threads';
import { BatchPreparer } from '../library/prepare-row';
import { InputError } from '../services/input-files';
import { readDump } from './read-dump';
import { readExport } from './read-export';
import type { FromReader, ToReader } from './reader-protocol';

const MAX_IN_FLIGHT = 3;

if (parentPort) {
  const port = parentPort;
  const controller = new AbortController();
  const post = (m: FromReader, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  let inFlight = 0;
  let wakeUp: (() => void) | undefined;
  port.on('message', (m: ToReader) => {
    if (m.kind === 'ack') {
      inFlight -= 1;
      wakeUp?.();
      wakeUp = undefined;
    } else if (m.kind === 'cancel') {
      controller.abort(new Error('cancelled'));
      wakeUp?.();
    } else void start(m.source, m.path);
  });

  async function start(source: 'dump' | 'export', path: string): Promise<void> {
    const read = source === 'dump' ? readDump : readExport;
    const preparer = new BatchPreparer();
    try {
      const result = await read(path, {
        signal: controller.signal,
        onProgress: (progress) => post({ kind: 'progress', progress }),
        onBatch: async (records) => {
          const batch = preparer.prepare(records);
          // The chunk and the pkids own their buffers (BatchPreparer): hand them over rather than copy them.
          post({ kind: 'batch', batch }, [batch.rawChunk.buffer as ArrayBuffer, batch.pkids.buffer as ArrayBuffer]);
          inFlight += 1;
          while (inFlight >= MAX_IN_FLIGHT && !controller.signal.aborted) await new Promise<void>((r) => (wakeUp = r));
          controller.signal.throwIfAborted();
        },
      });
      post({ kind: 'done', result });
    } catch (e) {
      post({ kind: 'error', message: e instanceof Error ? e.message : String(e), input: e instanceof InputError, cancelled: controller.signal.aborted });
    }
  }
}
