import { type BatchProgress, verifyBatch } from '../../src-shared/verify/verify-batch';
import type { VerifyReport } from '../../src-shared/verify/findings';
import { collectAuditFiles, fileBatchItem } from './input-files';
import { createNodeHasher } from './node-hasher';

export interface VerifyPathsOptions {
  expectProvider?: string | undefined;
  onProgress?: (p: BatchProgress) => void;
  signal?: AbortSignal;
}

/** Verify files and folders from disk (what `vlf-desk verify` and the app's Verify view run). */
export async function verifyPaths(paths: readonly string[], options: VerifyPathsOptions = {}): Promise<VerifyReport> {
  const files = await collectAuditFiles(paths);
  return verifyBatch(files.map(fileBatchItem), {
    createHasher: createNodeHasher,
    expectProvider: options.expectProvider,
    onProgress: options.onProgress,
    signal: options.signal,
  });
}
