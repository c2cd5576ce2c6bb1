/**
 * A count written as the files the platform writes (audit-files.md §3, §6;
 * cli.md `count`, `users`): byte-identical for the same input (R90).
 */
import { type AuditView, columnSet, LEGACY_COUNT_COLUMNS, SUMMARY_COUNT_COLUMNS } from '../audit/columns';
import { writeAuditCsv } from '../audit/csv';
import { METADATA_ORDER_4_1, METADATA_ORDER_5 } from '../audit/metadata';
import type { CellValue, CountFormat, CountRow, CountSummary, UserResult } from './types';

export const LEGACY_AUDIT_VERSION = '4.1.5';
export const SUMMARY_AUDIT_VERSION = '5.2.0';

/** The `#Key=Value` lines: the platform's identity in the version's order, then `--meta` keys it lacks, then `#Unavailable`. */
export function metadataLines(
  summary: CountSummary,
  format: CountFormat,
  overrides: Readonly<Record<string, string>> = {},
): Array<readonly [string, string]> {
  const order = format === 'legacy' ? METADATA_ORDER_4_1 : METADATA_ORDER_5;
  const version = format === 'legacy' ? LEGACY_AUDIT_VERSION : SUMMARY_AUDIT_VERSION;
  const value = (key: string) => overrides[key] ?? (key === 'Audit Version' ? version : (summary.meta[key] ?? ''));
  const lines: Array<readonly [string, string]> = order.map((key) => [key, value(key)] as const);
  for (const [key, v] of Object.entries(overrides)) if (!(order as readonly string[]).includes(key) && key !== 'Unavailable') lines.push([key, v]);
  const header = new Set<string>(format === 'legacy' ? LEGACY_COUNT_COLUMNS : SUMMARY_COUNT_COLUMNS);
  const unavailable = summary.unavailable.filter((c) => header.has(c));
  if (unavailable.length) lines.push(['Unavailable', unavailable.join(';')]);
  return lines;
}

const cell = (v: CellValue): string => (v === null ? '' : String(v));

function rowFields(row: CountRow, format: CountFormat, view: AuditView): string[] {
  const names = view === 'detailed' ? [row.provider, row.reseller, row.customer] : [];
  if (format === 'legacy') return [...names, row.customerPkid, ...LEGACY_COUNT_COLUMNS.map((c) => cell(row.legacy[c]))];
  return [...names, row.providerPkid, row.customerPkid, ...SUMMARY_COUNT_COLUMNS.map((c) => cell(row.summary[c]))];
}

/** `vlf-desk count`: the audit CSV of the written rows (R101). */
export function auditCsv(summary: CountSummary, format: CountFormat, view: AuditView, overrides?: Readonly<Record<string, string>>): string {
  return writeAuditCsv({
    metadata: metadataLines(summary, format, overrides),
    header: columnSet(format === 'legacy' ? 'legacy-4x' : 'summary-v5', view).header,
    rows: summary.rows.filter((r) => r.written).map((r) => rowFields(r, format, view)),
  });
}

export const USERS_HEADER = ['Customer PKID', 'Username', 'Email', 'Status', 'Licenses', 'Legacy Column', 'Linked Services', 'Rules'] as const;

/** `vlf-desk users`: one line per VOSS user (cli.md conventions). */
export function usersCsv(users: readonly UserResult[]): string {
  const lines = users.map((u) => [
    u.customerPkid,
    u.username,
    u.email,
    u.status,
    String(u.licenses),
    u.legacyColumns.join(';'),
    u.linkedServices.map((s) => `${s.modelType}:${s.key}`).join(';'),
    u.rules.join(';'),
  ]);
  return writeAuditCsv({ metadata: [], header: USERS_HEADER, rows: lines });
}
