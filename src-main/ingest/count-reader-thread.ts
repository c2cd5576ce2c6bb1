/**
 * A thread that reads one part of a dump for the counting engine and builds
 * that part's records itself (RecordsBuilder.finishPart): the counting thread
 * only joins the parts (records-merge.ts) and counts. The rows never cross
 * between threads; the finished records cross once, as columns handed
 * over (records-transfer.ts). Several of these read one dump on several cores, each a
 * share of the model types.
 */
import { parentPort } from 'node:worker_threads';
import { RecordsBuilder } from '../../src-shared/engine/records';
import { recordsPartMessage } from '../../src-shared/engine/records-transfer';
import type { NormalizedRecord, ReadProgress } from '../../src-shared/ingest/types';
import { InputError } from '../services/input-files';
import { COUNT_BATCH, type FromCountReader, type ToCountReader } from './count-reader-protocol';
import { readDump } from './read-dump';
import { readExport } from './read-export';
import { serveReader } from './reader-port';

if (parentPort) {
  serveReader<Extract<ToCountReader, { kind: 'start' }>, FromCountReader>(parentPort, async (m, io) => {
    try {
      const builder = new RecordsBuilder();
      const options = {
        signal: io.signal,
        onProgress: (progress: ReadProgress) => io.post({ kind: 'progress', progress }),
        onBatch: (records: NormalizedRecord[]) => builder.addRecords(records),
      };
      // By model type: every record of a type in one part, so the part finds its repeats itself.
      const result = m.source === 'dump' ? await readDump(m.path, { ...options, batchSize: COUNT_BATCH, part: { ...m.part, byModelType: true } }) : await readExport(m.path, { ...options, batchSize: COUNT_BATCH });
      const { message, transfer } = recordsPartMessage(builder.finishPart());
      io.post({ kind: 'done', result, records: message }, transfer);
    } catch (e) {
      io.post({ kind: 'error', message: e instanceof Error ? e.message : String(e), input: e instanceof InputError, cancelled: io.signal.aborted });
    }
  });
}
