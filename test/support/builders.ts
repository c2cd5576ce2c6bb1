/**
 * Builders for audit files in tests. ZIPs are put together with jszip and
 * hashed with Node's crypto directly — not with the app's writer — so tests
 * of the verifier do not lean on the code they check.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
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

/**
 * ZIP entries with one data member's content replaced (or removed with
 * `null`, together with its `.hash`). The `.hash` is rewritten to match the
 * new content unless `keepOldHash` is set (then it is kept as it was, even
 * when the member is removed).
 */
export function replaceMember(
  entries: Array<[string, string | Uint8Array | null]>,
  type: string,
  ext: string,
  content: string | Uint8Array | null,
  { keepOldHash = false, legacy = true, folder = LEGACY_FOLDER } = {},
): Array<[string, string | Uint8Array | null]> {
  const name = memberName(type, ext, legacy);
  const path = `${folder}${name}`;
  const out: Array<[string, string | Uint8Array | null]> = [];
  for (const [p, c] of entries) {
    if (p === path) {
      if (content !== null) out.push([p, content]);
    } else if (p === `${path}.hash`) {
      if (keepOldHash) out.push([p, c]);
      else if (content !== null) out.push([p, `${sha256(content)}  ${name}\n`]);
    } else {
      out.push([p, c]);
    }
  }
  return out;
}

/** A CSV text with one column (by header name) removed from the header and every row; metadata lines are kept. */
export function dropColumn(csv: string, column: string): string {
  const lines = csv.split('\n');
  const headerAt = lines.findIndex((l) => !l.startsWith('#'));
  const index = lines[headerAt]!.split(',').indexOf(column);
  if (index < 0) throw new Error(`no column ${column}`);
  return lines
    .map((l, i) => {
      if (i < headerAt || l === '') return l;
      const fields = splitCsvLine(l);
      fields.splice(index, 1);
      return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
    })
    .join('\n');
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface RawZipEntry {
  /** The name exactly as stored (no sanitising: `../x`, `/etc/x` and folders ending in `/` are kept). */
  name: string;
  data?: string | Uint8Array;
  /** DEFLATE with Node's zlib (fast even for 100 MB of zeros); stored otherwise. */
  deflate?: boolean;
  /** General-purpose bit flags (bit 0 = encrypted). */
  flags?: number;
  /** Lie about the inflated size in both headers, as a zip bomb may. */
  declaredUncompressedSize?: number;
}

/**
 * A ZIP written byte by byte, independent of jszip, for archives jszip would
 * not write: unsafe names, encrypted flags, lying sizes.
 */
export function rawZip(entries: RawZipEntry[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = typeof e.data === 'string' ? utf8(e.data) : (e.data ?? new Uint8Array());
    const body = e.deflate ? deflateRawSync(data) : Buffer.from(data);
    const method = e.deflate ? 8 : 0;
    const flags = (e.flags ?? 0) | 0x0800;
    const crc = crc32(data);
    const size = e.declaredUncompressedSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x5855, 12); // date 2024-02-21
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(flags, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt16LE(0, 12);
    cd.writeUInt16LE(0x5855, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(e.name.endsWith('/') ? 0x10 : 0, 38);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, name, body);
    central.push(cd, name);
    offset += local.length + name.length + body.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, cdBytes, end]));
}

/**
 * Set general-purpose flag bits on one entry of an existing ZIP (e.g. bit 0,
 * "encrypted"), in its central directory record and its local header.
 */
export function patchZipFlags(zip: Uint8Array, entryName: string, bits: number): Uint8Array {
  const out = Buffer.from(zip);
  const name = Buffer.from(entryName, 'utf8');
  let patched = 0;
  for (let i = 0; i + 46 <= out.length; i++) {
    if (out.readUInt32LE(i) !== 0x02014b50) continue;
    const n = out.readUInt16LE(i + 28);
    if (!out.subarray(i + 46, i + 46 + n).equals(name)) continue;
    out.writeUInt16LE(out.readUInt16LE(i + 8) | bits, i + 8);
    const local = out.readUInt32LE(i + 42);
    out.writeUInt16LE(out.readUInt16LE(local + 6) | bits, local + 6);
    patched += 1;
  }
  if (patched !== 1) throw new Error(`patchZipFlags: found ${patched} central records named ${entryName}`);
  return new Uint8Array(out);
}
