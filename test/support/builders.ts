/**
 * Builders for audit files in tests. ZIPs are put together with jszip and
 * hashed with Node's crypto directly — not with the app's writer — so tests
 * of the verifier do not lean on the code they check.
 */
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { LEGACY_COUNT_COLUMNS, SUMMARY_COUNT_COLUMNS } from '../../src-shared/audit/columns';
import { createNodeHasher } from '../../src-main/services/node-hasher';
import type { VerifyOptions } from '../../src-shared/verify/verify-file';

export const PROVIDER = 'Acme-Telecom';
export const HOST = 'VOSS-PRD-1';
export const TS = '2024-02-21_0553';
export const DATE_TIME = '2024-02-21 05:53';

export const verifyOptions: VerifyOptions = { createHasher: createNodeHasher };

export function legacyMetadata(overrides: Record<string, string | null> = {}): string[] {
  const base: Array<[string, string]> = [
    ['OrgID', '0010000001kACMEQA2'],
    ['Platform ID', '65d5f0a1b2c3d4e5f6071829'],
    ['hostname', HOST],
    ['Provider Name', PROVIDER],
    ['Software Version', '24.1'],
    ['Platform Version', '24.1.0-1706745600'],
    ['Deployment Mode', 'Provider'],
    ['Date Time', DATE_TIME],
    ['License Token', '<license-token-not-found>'],
    ['License Expiry', '<license-expiry-not-found>'],
    ['Audit Version', '4.1.5'],
  ];
  return base
    .filter(([k]) => overrides[k] !== null)
    .map(([k, v]) => `#${k}=${overrides[k] ?? v}`);
}

/** A legacy count row: 35 values, all 0 / N except those given by column name. */
export function legacyValues(set: Record<string, string | number> = {}): string[] {
  return LEGACY_COUNT_COLUMNS.map((c) => String(set[c] ?? (c === 'Public Sector' || c === 'Inactive Billing' ? 'N' : 0)));
}

export interface LegacyRow {
  provider?: string;
  reseller?: string;
  customer?: string;
  pkid: string;
  values?: Record<string, string | number>;
}

export const DEFAULT_ROWS: LegacyRow[] = [
  { provider: PROVIDER, pkid: '', values: { 'Standalone Phones (No UCM User)': 3 } },
  { provider: PROVIDER, reseller: 'Blue Reseller', customer: 'Harbor Bank', pkid: '65d5f0a1b2c3d4e5f6071a01', values: { 'Multiple Phones': 19, 'Users With More Than 10 Phones': 2, 'Site Count': 4 } },
  { provider: PROVIDER, customer: 'Delta, Logistics', pkid: '65d5f0a1b2c3d4e5f6071a03', values: { 'One Phone & VM (No WebEx)': 4, 'Inactive Billing': 'Y', 'Site Count': 1 } },
];

function field(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function legacyDetailedCsv(rows: LegacyRow[] = DEFAULT_ROWS, metadata = legacyMetadata()): string {
  const lines = [...metadata, ['Provider', 'Reseller', 'Customer', 'Customer PKID', ...LEGACY_COUNT_COLUMNS].map(field).join(',')];
  for (const r of rows) {
    lines.push([r.provider ?? '', r.reseller ?? '', r.customer ?? '', r.pkid, ...legacyValues(r.values)].map(field).join(','));
  }
  return `${lines.join('\n')}\n`;
}

export function legacyAnonymousCsv(rows: LegacyRow[] = DEFAULT_ROWS, metadata = legacyMetadata()): string {
  const lines = [...metadata, ['Customer PKID', ...LEGACY_COUNT_COLUMNS].map(field).join(',')];
  for (const r of rows) lines.push([r.pkid, ...legacyValues(r.values)].map(field).join(','));
  return `${lines.join('\n')}\n`;
}

export function summaryAnonymousCsv(rows: string[][], metadata?: string[]): string {
  const meta =
    metadata ??
    legacyMetadata({ 'Audit Version': '5.2.0' }).filter((l) => !l.startsWith('#Date Time')).flatMap((l) =>
      l.startsWith('#Audit Version') ? [`#Date Time=${DATE_TIME}`, l] : [l],
    );
  return `${[...meta, ['Provider PKID', 'Customer PKID', ...SUMMARY_COUNT_COLUMNS].join(','), ...rows.map((r) => r.join(','))].join('\n')}\n`;
}

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

export const memberName = (type: string, ext: string, legacy = true): string =>
  `vlf_${PROVIDER}_${HOST}_${type}${legacy ? '_legacy' : ''}_${TS}.${ext}`;

export const LEGACY_ZIP_NAME = `vlf_${PROVIDER}_${HOST}_license_legacy_${TS}.zip`;
export const LEGACY_FOLDER = `${TS}_license/`;

export interface ZipSpec {
  /** path → content; a `null` value is a folder entry. */
  entries: Array<[string, string | Uint8Array | null]>;
}

export async function zipOf(entries: Array<[string, string | Uint8Array | null]>): Promise<Uint8Array> {
  const zip = new JSZip();
  const date = new Date(Date.UTC(2024, 1, 21, 5, 53));
  for (const [path, content] of entries) {
    if (content === null) zip.file(path, null, { dir: true, date });
    else zip.file(path, content, { date, createFolders: false });
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/**
 * The entries of a complete, valid legacy license ZIP: anonymous CSV,
 * breakdown, patch and adaptation_log, each with a SHA-256 `.hash`.
 */
export function legacyZipEntries(anonymous = legacyAnonymousCsv()): Array<[string, string | Uint8Array | null]> {
  const data: Array<[string, string]> = [
    [memberName('anonymous', 'csv'), anonymous],
    [memberName('anonymous_breakdown', 'csv'), 'Statistic,Value\nMS Graph licensed users,41\n'],
    [memberName('patch', 'json'), '[]\n'],
    [memberName('adaptation_log', 'json'), '[]\n'],
  ];
  const entries: Array<[string, string | Uint8Array | null]> = [[LEGACY_FOLDER, null]];
  for (const [name, content] of data) {
    entries.push([`${LEGACY_FOLDER}${name}`, content], [`${LEGACY_FOLDER}${name}.hash`, `${sha256(content)}  ${name}\n`]);
  }
  return entries;
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
