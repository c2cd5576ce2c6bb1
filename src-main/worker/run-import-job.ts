/** The import job itself: open the library, import, save, close. Runs inside the worker. */
import { AuditLibrary } from '../library/library';
import { importSources, type ImportProgress, type ImportResult } from '../services/import-service';
import type { ImportJob } from './protocol';

export async function runImportJob(job: ImportJob, onProgress: (p: ImportProgress) => void, signal: AbortSignal): Promise<ImportResult[]> {
  const library = await AuditLibrary.open(job.libraryFile);
  try {
    return await importSources(library, job.paths, { as: job.as, importedBy: job.importedBy, onProgress, signal });
  } finally {
    library.close();
  }
}
