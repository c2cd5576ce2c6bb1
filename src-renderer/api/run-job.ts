/** Runs a long call as a job: registers it for the progress bar, and clears it however the call ends. */
import type { JobId } from '../../src-shared/api/contract';
import { useJobs } from '../stores/jobs';
import { newJobId } from './client';

export async function runJob<T>(label: string, prefix: string, work: (jobId: JobId) => Promise<T>): Promise<T> {
  const jobId = newJobId(prefix);
  useJobs.getState().start(jobId, label);
  try {
    return await work(jobId);
  } finally {
    useJobs.getState().finish(jobId);
  }
}
