/**
 * The column registry: every audit CSV column set the app knows, by audit
 * version and view (audit-files.md §3; guide §2.5.1).
 */

export type AuditView = 'detailed' | 'anonymous';

/** The name columns that only the detailed view carries (and V14 forbids in anonymous files). */
export const NAME_COLUMNS = ['Provider', 'Reseller', 'Customer'] as const;

export const CUSTOMER_PKID = 'Customer PKID';
export const PROVIDER_PKID = 'Provider PKID';

/**
 * The 35 count columns of audit version 4.x, in the order of the guide's
 * example header. `MS 0365 User (no Teams)` is spelled with a zero in real
 * files; it is kept exactly.
 */
export const LEGACY_COUNT_COLUMNS = [
  'One Phone & Spark (No VM & No WebEx)',
  'One Phone (No VM & No WebEx & No Spark)',
  'One Phone & VM (No WebEx)',
  'One Phone & WebEx',
  'Multiple Phones',
  'Users With More Than 10 Phones',
  'UCM User (No Phone & No EM & No VM & No WebEx & No SNR & No Spark)',
  'SNR (No Phone & No EM & No VM & No WebEx & No Spark)',
  'VM (No Phone & No EM & No WebEx)',
  'WebEx (No Phone & No EM)',
  'Spark (No Phone & No EM & No SNR & No VM & No WebEx)',
  'EM & Spark (No Phone & No VM & No WebEx)',
  'EM (No Phone & No SNR & No VM & No WebEx & No Spark)',
  'EM & SNR (No Phone & No VM & No WebEx & No Spark)',
  'EM & VM (No Phone & No WebEx)',
  'EM & WebEx (No Phone)',
  'Standalone Phones (No UCM User)',
  'Standalone WebEx (No UCM User)',
  'Standalone Voicemail (No UCM User)',
  'Contact Center Enterprise',
  'Contact Center Express',
  'Standalone Spark (No UCM User)',
  'Public Sector',
  'Inactive Billing',
  'Standalone Analog Ports (No UCM User)',
  'Standard Users with Spark',
  'MS Teams (No Voice)',
  'MS Teams & Voice',
  'MS Teams & Voice & Exchange',
  'MS 0365 User (no Teams)',
  'Cisco and MS Integrated Service',
  'Multi-vendor Users',
  'PexIP only',
  'Phone Server Phones',
  'Site Count',
] as const;

export type LegacyColumn = (typeof LEGACY_COUNT_COLUMNS)[number];

/** Legacy columns whose cells are `Y`/`N` flags rather than counts. */
export const FLAG_COLUMNS: ReadonlySet<string> = new Set(['Public Sector', 'Inactive Billing']);

/** The summary counts written by `count --format v5` (audit-files.md §3, Decision). */
export const SUMMARY_COUNT_COLUMNS = [
  'User Licenses',
  'Contact Center Express',
  'Cisco and MS Integrated Services',
  'Standalone Devices',
  'Meeting Rooms',
  'Voss Phone Servers',
  'Sites',
] as const;

export type SummaryColumn = (typeof SUMMARY_COUNT_COLUMNS)[number];

export type ColumnSetId = 'legacy-4x' | 'summary-v5';

export interface ColumnSet {
  id: ColumnSetId;
  view: AuditView;
  /** The exact header, in order. */
  header: readonly string[];
  /** Columns that hold values (counts or flags), i.e. the header less names and PKIDs. */
  valueColumns: readonly string[];
}

const LEGACY_DETAILED: ColumnSet = {
  id: 'legacy-4x',
  view: 'detailed',
  header: [...NAME_COLUMNS, CUSTOMER_PKID, ...LEGACY_COUNT_COLUMNS],
  valueColumns: LEGACY_COUNT_COLUMNS,
};
const LEGACY_ANONYMOUS: ColumnSet = {
  id: 'legacy-4x',
  view: 'anonymous',
  header: [CUSTOMER_PKID, ...LEGACY_COUNT_COLUMNS],
  valueColumns: LEGACY_COUNT_COLUMNS,
};
const SUMMARY_DETAILED: ColumnSet = {
  id: 'summary-v5',
  view: 'detailed',
  header: [...NAME_COLUMNS, PROVIDER_PKID, CUSTOMER_PKID, ...SUMMARY_COUNT_COLUMNS],
  valueColumns: SUMMARY_COUNT_COLUMNS,
};
const SUMMARY_ANONYMOUS: ColumnSet = {
  id: 'summary-v5',
  view: 'anonymous',
  header: [PROVIDER_PKID, CUSTOMER_PKID, ...SUMMARY_COUNT_COLUMNS],
  valueColumns: SUMMARY_COUNT_COLUMNS,
};

export const COLUMN_SETS: readonly ColumnSet[] = [
  LEGACY_DETAILED,
  LEGACY_ANONYMOUS,
  SUMMARY_DETAILED,
  SUMMARY_ANONYMOUS,
];

export function columnSet(id: ColumnSetId, view: AuditView): ColumnSet {
  const found = COLUMN_SETS.find((s) => s.id === id && s.view === view);
  if (!found) throw new Error(`no column set ${id}/${view}`);
  return found;
}

/** The registered set whose header is exactly `header`, if any. */
export function identifyColumnSet(header: readonly string[]): ColumnSet | undefined {
  return COLUMN_SETS.find(
    (s) => s.header.length === header.length && s.header.every((name, i) => name === header[i]),
  );
}

/**
 * A column set learned from a header the registry does not know: names and
 * PKIDs are recognised by name, everything else is treated as a value column.
 */
export function learnColumnSet(header: readonly string[]): Omit<ColumnSet, 'id'> & { id: 'learned' } {
  const nonValue = new Set<string>([...NAME_COLUMNS, CUSTOMER_PKID, PROVIDER_PKID]);
  return {
    id: 'learned',
    view: NAME_COLUMNS.some((n) => header.includes(n)) ? 'detailed' : 'anonymous',
    header,
    valueColumns: header.filter((h) => !nonValue.has(h)),
  };
}

export type AnyColumnSet = ColumnSet | ReturnType<typeof learnColumnSet>;

/** The registered set if the header is known, else one learned from it. */
export function resolveColumnSet(header: readonly string[]): AnyColumnSet {
  return identifyColumnSet(header) ?? learnColumnSet(header);
}

/** The column set a given audit version is expected to use, or undefined when the registry has none. */
export function expectedColumnSetId(auditVersion: string): ColumnSetId | undefined {
  const major = Number.parseInt(auditVersion, 10);
  if (major === 4) return 'legacy-4x';
  if (major === 5) return 'summary-v5';
  return undefined;
}
