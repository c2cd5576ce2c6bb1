import type { CellValue } from '../../src-shared/engine/types';

const NUMBER = new Intl.NumberFormat('en-US');

/** What a count cell shows. Unavailable cells (null) say "n/a", never 0: a 0 would claim the source was counted. */
export function formatCell(value: CellValue | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  if (typeof value === 'number') return NUMBER.format(value);
  return value;
}

export function formatNumber(n: number): string {
  return NUMBER.format(n);
}

/** A count as a number for sums and charts; flags and unavailable cells count as nothing. */
export function numericValue(value: CellValue | undefined): number {
  return typeof value === 'number' ? value : 0;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** A duration for an ETA: "45 s", "3 min 20 s", "1 h 05 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
