/**
 * The reader's own thread: reads a dump or export and prepares each record's
 * table row and each batch's compressed raw chunk (prepare-row.ts), so the
 * library's thread only binds and steps SQLite statements. The two run on
 * two cores; flow control is reader-port.ts's.
 */
import { parentPort } from 'node:worker_threads';
import type { EngineValue } from '../../src-shared/engine/input';
import { RecordsBuilder } from '../../src-shared/engine/records';
import { recordsPartMessage } from '../../src-shared/engine/records-transfer';
import { BatchPreparer, batchBuffers } from '../library/prepare-row';
import { InputError } from '../services/input-files';
import { readDump } from './read-dump';
import { readExport } from './read-export';
import { serveReader } from './reader-port';

/**
 * Batches the readers together may run ahead of the library. Usually the
 * library keeps up and few wait; while it builds a finished table's index
 * (import-session.ts, seconds for a million rows) the readers read on instead
 * of waiting. About 2–3 MB a batch.
 */
const IMPORT_BATCHES_AHEAD = 64;
import type { FromReader, ToReader } from './reader-protocol';

if (parentPort) {
  serveReader<Extract<ToReader, { kind: 'start' }>, FromReader>(parentPort, async (m, io) => {
    const read = m.source === 'dump' ? readDump : readExport;
    const preparer = new BatchPreparer();
    // An import that counts too: the records are built here, beside the rows, and cross once at the end (records-merge.ts joins them).
    const builder = m.buildRecords ? new RecordsBuilder() : undefined;
    try {
      const result = await read(m.path, {
        // By model type: the library keeps the first of a repeat in the order one reader meets it.
        ...(m.source === 'dump' ? { part: { ...m.part, byModelType: true } } : {}),
        signal: io.signal,
        onProgress: (progress) => io.post({ kind: 'progress', progress }),
        onBatch: async (records) => {
          // The preparer reads each record's fields and flags the maybe-repeats once; the builder takes both.
          const values: (readonly EngineValue[] | undefined)[] = [];
          const batch = preparer.prepare(records, builder && ((k, v) => (values[k] = v)));
          builder?.addRecords(records, batch.maybeRepeats, values);
          // The batch's arrays own their buffers (BatchPreparer): hand them over rather than copy them.
          await io.postBatch({ kind: 'batch', batch, part: m.part.index }, batchBuffers(batch));
        },
      });
      if (!builder) io.post({ kind: 'done', result });
      else {
        const { message, transfer } = recordsPartMessage(builder.finishPart());
        io.post({ kind: 'done', result, records: message }, transfer);
      }
    } catch (e) {
      io.post({ kind: 'error', message: e instanceof Error ? e.message : String(e), input: e instanceof InputError, cancelled: io.signal.aborted });
    }
  }, (m) => Math.ceil(IMPORT_BATCHES_AHEAD / m.part.of));
}
