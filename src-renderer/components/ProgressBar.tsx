/** A running job: phase and file, a bar (indeterminate when the total is unknown), rate, ETA and Cancel. */
import type { JobState } from '../stores/jobs';
import { estimateRate } from '../model/progress-rate';
import { formatBytes, formatDuration, formatNumber } from '../model/format';

export interface ProgressBarProps {
  job: JobState;
  onCancel(jobId: string): void;
}

export function describeProgress(job: JobState): { fraction: number | undefined; rate: string; eta: string; detail: string } {
  const last = job.last;
  if (!last) return { fraction: undefined, rate: '', eta: '', detail: 'Starting…' };
  const own = estimateRate(job.samples, last.totalBytes > 0 ? last.totalBytes : undefined);
  const fraction = last.totalBytes > 0 ? Math.min(1, last.bytes / last.totalBytes) : last.items ? (last.item ?? 0) / last.items : undefined;
  const rates: string[] = [];
  if (last.rate.recordsPerSecond > 0) rates.push(`${formatNumber(Math.round(last.rate.recordsPerSecond))} records/s`);
  if (last.rate.bytesPerSecond > 0) rates.push(`${formatBytes(last.rate.bytesPerSecond)}/s`);
  if (!rates.length && own.perSecond) rates.push(last.totalBytes > 0 ? `${formatBytes(own.perSecond)}/s` : `${formatNumber(Math.round(own.perSecond))}/s`);
  const etaSeconds = last.etaSeconds ?? own.etaSeconds;
  const where = [last.items ? `${last.item ?? 0} of ${last.items}` : '', last.file].filter(Boolean).join(' · ');
  return {
    fraction,
    rate: rates.join(' · '),
    eta: etaSeconds !== undefined ? `${formatDuration(etaSeconds)} left` : '',
    detail: `${last.phase}${where ? ` — ${where}` : ''}`,
  };
}

export function ProgressBar({ job, onCancel }: ProgressBarProps) {
  const d = describeProgress(job);
  return (
    <div className="progress" role="group" aria-label={job.label} data-testid="progress">
      <div className="progress-head">
        <strong>{job.label}</strong>
        <span className="muted">{d.detail}</span>
        <span className="spacer" />
        {d.rate && <span className="muted">{d.rate}</span>}
        {d.eta && <span>{d.eta}</span>}
        <button type="button" onClick={() => onCancel(job.jobId)}>
          Cancel
        </button>
      </div>
      <div
        className={`progress-track ${d.fraction === undefined ? 'indeterminate' : ''}`}
        role="progressbar"
        aria-label={job.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={d.fraction === undefined ? undefined : Math.round(d.fraction * 100)}
      >
        <div className="progress-fill" style={{ width: d.fraction === undefined ? undefined : `${(d.fraction * 100).toFixed(1)}%` }} />
      </div>
    </div>
  );
}
