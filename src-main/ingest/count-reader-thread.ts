/**
 * A thread that reads one part of a dump for the counting engine: records
 * become packed engine rows here (RowPacker), so the counting thread only
 * builds them into its tables. Several of these read one dump on several cores.
 */
import { parentPort } from 'node:worker_threads';
import { packRows } from '../../src-shared/engine/input';
import type { NormalizedRecord, ReadProgress } from '../../src-shared/ingest/types';
import { InputError } from '../services/input-files';
import type { FromCountReader, ToCountReader } from './count-reader-protocol';
import { readDump } from './read-dump';
import { readExport } from './read-export';
import { serveReader } from './reader-port';

if (parentPort) {
  serveReader<Extract<ToCountReader, { kind: 'start' }>, FromCountReader>(parentPort, async (m, io) => {
    try {
      const options = {
        signal: io.signal,
        onProgress: (progress: ReadProgress) => io.post({ kind: 'progress', progress }),
        onBatch: async (records: NormalizedRecord[]) => {
          // One string crosses to the counting thread far faster than thousands of small objects (structured clone).
          await io.postBatch({ kind: 'rows', json: JSON.stringify(packRows(records)) });
        },
      };
      const result = m.source === 'dump' ? await readDump(m.path, { ...options, part: m.part }) : await readExport(m.path, options);
      io.post({ kind: 'done', result });
    } catch (e) {
      io.post({ kind: 'error', message: e instanceof Error ? e.message : String(e), input: e instanceof InputError, cancelled: io.signal.aborted });
    }
  });
}
