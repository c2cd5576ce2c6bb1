/**
 * A reported audit (the CSV the platform wrote, stored in the library) read
 * as a CountSummary, so the Counts and Customer views show reported counts
 * the same way as a recount — before, and without, the counting engine.
 */
import type { ReportedAudit, ReportedRow } from '../../src-shared/api/contract';
import { LEGACY_COUNT_COLUMNS, type LegacyColumn, SUMMARY_COUNT_COLUMNS, type SummaryColumn } from '../../src-shared/audit/columns';
import type { CellValue, CountRow, CountSummary } from '../../src-shared/engine/types';

/** A cell as written: a count, a Y/N flag, or null when the file has no such column or the text is not a value. */
export function parseCell(text: string | undefined): CellValue {
  if (text === undefined) return null;
  const t = text.trim();
  if (t === 'Y' || t === 'N') return t;
  if (/^\d+$/.test(t)) return Number(t);
  return null;
}

function rowOf(r: ReportedRow): CountRow {
  // A blank Customer PKID marks a provider row (V12); the key's spelling is the library's business.
  const isProvider = !r.customerPkid.trim();
  const legacy = Object.fromEntries(LEGACY_COUNT_COLUMNS.map((c) => [c, parseCell(r.cells[c])])) as Record<LegacyColumn, CellValue>;
  const summary = Object.fromEntries(SUMMARY_COUNT_COLUMNS.map((c) => [c, parseCell(r.cells[c])])) as Record<SummaryColumn, CellValue>;
  return {
    key: r.rowKey,
    kind: isProvider ? (r.provider ? 'provider' : 'no-provider') : 'customer',
    provider: r.provider,
    reseller: r.reseller,
    customer: r.customer,
    providerPkid: '',
    customerPkid: r.customerPkid,
    providerPath: '',
    customerPath: '',
    legacy,
    summary,
    written: true,
  };
}

/** Columns none of the rows carry: the audit's layout has no such column (a legacy audit has no summary counts). */
function missingColumns(rows: readonly ReportedRow[]): string[] {
  const present = new Set(rows.flatMap((r) => Object.keys(r.cells)));
  return [...LEGACY_COUNT_COLUMNS, ...SUMMARY_COUNT_COLUMNS].filter((c) => !present.has(c));
}

export function reportedSummary(audit: ReportedAudit, rows: readonly ReportedRow[]): CountSummary {
  const meta: Record<string, string> = {};
  if (audit.platformId) meta['Platform ID'] = audit.platformId;
  if (audit.dateTime) meta['Date Time'] = audit.dateTime;
  if (audit.auditVersion) meta['Audit Version'] = audit.auditVersion;
  return {
    meta,
    rows: rows.map(rowOf),
    unavailable: rows.length ? missingColumns(rows) : [],
    notes: [],
    sourceFindings: [],
    complete: audit.verdict !== 'FAIL',
  };
}
