/**
 * Rate and ETA of a long task from the progress samples it pushes. The rate
 * is measured over a sliding window of recent samples, so a slow start (or a
 * pause) does not distort the estimate for the rest of the run.
 */
export interface ProgressSample {
  /** Milliseconds (any monotonic clock). */
  at: number;
  done: number;
}

export interface RateEstimate {
  /** Units per second, or undefined until two samples are far enough apart. */
  perSecond: number | undefined;
  /** Seconds left, or undefined when the total or the rate is unknown. */
  etaSeconds: number | undefined;
  /** 0..1, or undefined when the total is unknown. */
  fraction: number | undefined;
}

const WINDOW_MS = 5_000;

export function estimateRate(samples: readonly ProgressSample[], total: number | undefined): RateEstimate {
  const last = samples[samples.length - 1];
  const fraction = last && total && total > 0 ? Math.min(1, last.done / total) : undefined;
  if (!last) return { perSecond: undefined, etaSeconds: undefined, fraction };
  const first = samples.find((s) => last.at - s.at <= WINDOW_MS) ?? samples[0]!;
  const elapsed = (last.at - first.at) / 1000;
  if (elapsed < 0.2) return { perSecond: undefined, etaSeconds: undefined, fraction };
  const perSecond = (last.done - first.done) / elapsed;
  const etaSeconds = total && total > 0 && perSecond > 0 ? Math.max(0, (total - last.done) / perSecond) : undefined;
  return { perSecond, etaSeconds, fraction };
}

/** Keeps the samples a rate needs (the window plus one), so a long job does not grow an unbounded list. */
export function addSample(samples: readonly ProgressSample[], sample: ProgressSample): ProgressSample[] {
  const kept = samples.filter((s) => sample.at - s.at <= WINDOW_MS * 2);
  return [...kept, sample];
}
