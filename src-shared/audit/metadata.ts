/**
 * The `#Key=Value` metadata lines at the top of an audit CSV (audit-files.md §3).
 */

export type MetadataKey =
  | 'OrgID'
  | 'Platform ID'
  | 'hostname'
  | 'Provider Name'
  | 'Software Version'
  | 'Platform Version'
  | 'Deployment Mode'
  | 'Date Time'
  | 'License Token'
  | 'License Expiry'
  | 'Audit Version';

/** Audit version 4.1 and later 4.x (e.g. 4.1.5). */
export const METADATA_ORDER_4_1: readonly MetadataKey[] = [
  'OrgID',
  'Platform ID',
  'hostname',
  'Provider Name',
  'Software Version',
  'Platform Version',
  'Deployment Mode',
  'Date Time',
  'License Token',
  'License Expiry',
  'Audit Version',
];

/** Version 5 moves `Date Time` after `License Expiry` (just before `Audit Version`). */
export const METADATA_ORDER_5: readonly MetadataKey[] = [
  ...METADATA_ORDER_4_1.filter((k) => k !== 'Date Time' && k !== 'Audit Version'),
  'Date Time',
  'Audit Version',
];

/** Versions before 4.1 (the 3.x sets) lack OrgID, License Token and License Expiry. */
export const METADATA_ORDER_3: readonly MetadataKey[] = METADATA_ORDER_4_1.filter(
  (k) => k !== 'OrgID' && k !== 'License Token' && k !== 'License Expiry',
);

/** Keys the app itself may add beyond the platform's set (platform-dump.md §3). */
export const EXTRA_METADATA_KEYS: ReadonlySet<string> = new Set(['Unavailable']);

export const LICENSE_TOKEN_PLACEHOLDER = '<license-token-not-found>';
export const LICENSE_EXPIRY_PLACEHOLDER = '<license-expiry-not-found>';

export interface AuditVersion {
  major: number;
  minor: number;
  patch: number;
  text: string;
}

export function parseAuditVersion(text: string): AuditVersion | undefined {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0), text: text.trim() };
}

/** The metadata key order an audit version is written with. */
export function metadataOrderFor(version: AuditVersion): readonly MetadataKey[] {
  if (version.major >= 5) return METADATA_ORDER_5;
  if (version.major === 4 && version.minor >= 1) return METADATA_ORDER_4_1;
  return METADATA_ORDER_3;
}

/** `YYYY-MM-DD HH:MM` as in `#Date Time`; returns epoch minutes (UTC) or undefined. */
export function parseMetadataDateTime(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  return epochMinutes(m[1]!, m[2]!, m[3]!, m[4]!, m[5]!);
}

/** Epoch minutes for a calendar date and time, or undefined when it is not a real one (e.g. 2024-02-30). */
export function epochMinutes(y: string, mo: string, d: string, h: string, mi: string): number | undefined {
  const [year, month, day, hour, minute] = [y, mo, d, h, mi].map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return undefined;
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  const back = new Date(0);
  back.setUTCFullYear(year, month - 1, day);
  back.setUTCHours(hour, minute, 0, 0);
  if (back.getUTCDate() !== day || back.getUTCMonth() !== month - 1) return undefined;
  return back.getTime() / 60_000;
}

/** An audit CSV's Date Time as a JS Date (UTC), for ZIP entry dates. */
export function metadataDateTimeToDate(text: string): Date | undefined {
  const minutes = parseMetadataDateTime(text);
  return minutes === undefined ? undefined : new Date(minutes * 60_000);
}
