/** Every running job's bar, under the header, whatever the view. */
import { call } from '../api/client';
import { useJobs } from '../stores/jobs';
import { ProgressBar } from './ProgressBar';

export function JobsPanel() {
  const jobs = useJobs((s) => s.jobs);
  const list = Object.values(jobs);
  if (!list.length) return null;
  return (
    <div className="jobs" aria-live="polite">
      {list.map((job) => (
        <ProgressBar key={job.jobId} job={job} onCancel={(jobId) => void call('job/cancel', { jobId }, { action: 'Cancel' }).catch(() => undefined)} />
      ))}
    </div>
  );
}
