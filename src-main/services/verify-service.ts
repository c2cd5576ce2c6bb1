import { type BatchProgress, verifyBatch } from '../../src-shared/verify/verify-batch';
import type { PreviousAuditLookup } from '../../src-shared/verify/checks/v16-previous-audit';
import type { VerifyReport } from '../../src-shared/verify/findings';
import { existsSync } from 'node:fs';
import { AuditLibrary } from '../library/library';
import { previousReportedAudit } from '../library/reported-audits';
import { collectAuditFiles, fileBatchItem } from './input-files';
import { createNodeHasher } from './node-hasher';

export interface VerifyPathsOptions {
  expectProvider?: string | undefined;
  onProgress?: (p: BatchProgress) => void;
  signal?: AbortSignal;
  /** Where V16 finds each audit's previous one (libraryLookup, LibraryFileLookup); without it V16 does not run. */
  previousAudit?: PreviousAuditLookup | undefined;
}

/** Verify files and folders from disk (what `vlf-desk verify` and the app's Verify view run). */
export async function verifyPaths(paths: readonly string[], options: VerifyPathsOptions = {}): Promise<VerifyReport> {
  const files = await collectAuditFiles(paths);
  return verifyBatch(files.map(fileBatchItem), {
    createHasher: createNodeHasher,
    expectProvider: options.expectProvider,
    onProgress: options.onProgress,
    signal: options.signal,
    previousAudit: options.previousAudit,
  });
}

/** V16's lookup over an open library. */
export function libraryLookup(library: AuditLibrary): PreviousAuditLookup {
  return (query) => Promise.resolve(previousReportedAudit(library.database, query));
}

/** Said beside a report when V16 could not run because there is no library. */
export function noLibraryReason(libraryFile: string): string {
  return `V16 (comparison with the previous audit): there is no audit library at ${libraryFile}; import earlier audits with "vlf-desk import", or name a library with --library`;
}

/**
 * V16's lookup over a library file that is opened only when a file asks for
 * its previous audit (a big library costs seconds to open; files without a
 * Platform ID never need it), and never created. `notChecked` says why V16
 * could not run, once the batch is done.
 */
export class LibraryFileLookup {
  private opened: Promise<AuditLibrary | undefined> | undefined;
  private readonly reasons: string[] = [];

  constructor(readonly libraryFile: string) {}

  readonly lookup: PreviousAuditLookup = async (query) => {
    const library = await (this.opened ??= this.open());
    return library ? previousReportedAudit(library.database, query) : 'no-library';
  };

  get notChecked(): readonly string[] {
    return this.reasons;
  }

  async close(): Promise<void> {
    (await this.opened)?.close();
  }

  private async open(): Promise<AuditLibrary | undefined> {
    if (!existsSync(this.libraryFile)) {
      this.reasons.push(noLibraryReason(this.libraryFile));
      return undefined;
    }
    try {
      return await AuditLibrary.open(this.libraryFile);
    } catch (e) {
      this.reasons.push(`V16 (comparison with the previous audit): the library ${this.libraryFile} cannot be opened (${e instanceof Error ? e.message : String(e)})`);
      return undefined;
    }
  }
}
