/**
 * Chart series, computed without rendering so they can be unit-tested: the
 * license mix (per tier) per customer and over the platform, a customer's
 * counts by column, and a month-over-month trend across audits.
 */
import type { CountRow, CountSummary } from '../../src-shared/engine/types';
import { cellOf, rowLabel } from './rows';
import { allCountColumns, type CountColumn, type Tier } from './tiers';

/** Tiers that bill; Info columns are subsets and flags, and would double-count in a stacked mix. */
export const BILLED_TIERS = ['Essential', 'Premium', 'Contact Center'] as const satisfies readonly Tier[];
export type BilledTier = (typeof BILLED_TIERS)[number];

export interface MixPoint {
  /** Row key, so a click on a bar drills into that row. */
  key: string;
  label: string;
  Essential: number;
  Premium: number;
  'Contact Center': number;
  total: number;
}

function legacyColumnsOf(tier: BilledTier): CountColumn[] {
  return allCountColumns().filter((c) => c.source === 'legacy' && c.group === tier);
}

function mixOf(row: CountRow, unavailable: readonly string[]): Omit<MixPoint, 'key' | 'label'> {
  const point = { Essential: 0, Premium: 0, 'Contact Center': 0, total: 0 };
  for (const tier of BILLED_TIERS) {
    for (const column of legacyColumnsOf(tier)) {
      if (unavailable.includes(column.name)) continue;
      const v = cellOf(row, column);
      if (typeof v === 'number') point[tier] += v;
    }
    point.total += point[tier];
  }
  return point;
}

/** One stacked bar per customer (provider rows included: they are billed too), largest first, at most `limit`. */
export function licenseMixPerCustomer(summary: CountSummary, limit = 30): MixPoint[] {
  return summary.rows
    .filter((r) => r.written || r.kind === 'customer')
    .map((r) => ({ key: r.key, label: rowLabel(r), ...mixOf(r, summary.unavailable) }))
    .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label))
    .slice(0, limit);
}

export interface TierSlice {
  tier: BilledTier;
  value: number;
}

/** The platform's mix: every row summed per tier. */
export function platformMix(summary: CountSummary): TierSlice[] {
  const sums = { Essential: 0, Premium: 0, 'Contact Center': 0 };
  for (const row of summary.rows) {
    const m = mixOf(row, summary.unavailable);
    for (const tier of BILLED_TIERS) sums[tier] += m[tier];
  }
  return BILLED_TIERS.map((tier) => ({ tier, value: sums[tier] }));
}

export interface ColumnBar {
  columnId: string;
  column: string;
  group: string;
  value: number;
}

/** A customer's non-zero numeric legacy counts, in header order (flags and unavailable columns are not bars). */
export function countsByColumn(row: CountRow, unavailable: readonly string[]): ColumnBar[] {
  return allCountColumns()
    .filter((c) => c.source === 'legacy' && !unavailable.includes(c.name))
    .flatMap((c) => {
      const v = cellOf(row, c);
      return typeof v === 'number' && v > 0 ? [{ columnId: c.id, column: c.name, group: c.group, value: v }] : [];
    });
}

/** One audit of the same platform, as the trend needs it. */
export interface AuditPoint {
  /** `Date Time` of the audit (`YYYY-MM-DD HH:MM`). */
  dateTime: string;
  rows: readonly CountRow[];
  unavailable: readonly string[];
}

export interface TrendPoint {
  /** `YYYY-MM` */
  month: string;
  dateTime: string;
  Essential: number;
  Premium: number;
  'Contact Center': number;
  total: number;
}

/**
 * A customer's mix over audits, one point per month (the latest audit of a
 * month wins: a re-run replaces, it does not add). The customer is matched by
 * its pkid, which survives renames.
 */
export function monthlyTrend(audits: readonly AuditPoint[], customerPkid: string): TrendPoint[] {
  const byMonth = new Map<string, TrendPoint>();
  const sorted = [...audits].sort((a, b) => a.dateTime.localeCompare(b.dateTime));
  for (const audit of sorted) {
    const row = audit.rows.find((r) => r.customerPkid === customerPkid && r.kind === 'customer');
    if (!row) continue;
    const month = audit.dateTime.slice(0, 7);
    byMonth.set(month, { month, dateTime: audit.dateTime, ...mixOf(row, audit.unavailable) });
  }
  return [...byMonth.values()];
}
