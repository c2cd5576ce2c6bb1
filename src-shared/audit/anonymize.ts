/**
 * Writes what the platform would have sent: the anonymous CSV and the license
 * ZIP(s) of a layout, with a `.hash` for every data file, byte-for-byte
 * reproducible (audit-files.md §6). Pure: hashing is injected.
 */
import { NAME_COLUMNS } from './columns';
import { type AuditCsv, type AuditCsvContent, metadataMap, parseAuditCsv, writeAuditCsv } from './csv';
import { type AuditFileName, timestampFromDateTime } from './file-names';
import { formatHashFile, hashBytes, type HasherFactory } from './hash-files';
import {
  type LayoutId,
  layoutFolder,
  type LayoutMember,
  layoutMemberName,
  layoutZipName,
  LAYOUT_19_3,
  LAYOUT_LEGACY,
  LAYOUT_V5,
  LAYOUT_V5_DETAILED,
} from './layouts';
import { metadataDateTimeToDate, parseAuditVersion } from './metadata';
import { writeZip, type ZipWriteEntry } from './zip-archive';

export const LAYOUT_IDS: readonly LayoutId[] = ['legacy', 'v5', '19.3'];

/** Support files copied from a source ZIP when it had them (§6). */
export interface SupportFiles {
  anonymous_breakdown?: Uint8Array;
  patch?: Uint8Array;
  adaptation_log?: Uint8Array;
}

export interface AnonymizeRequest {
  /** The detailed CSV's bytes and, if known, its parsed file name (a fallback for the timestamp). */
  detailed: Uint8Array;
  detailedName?: AuditFileName | undefined;
  layout?: LayoutId | undefined;
  /** Overrides `#hostname` in the names and in the written CSVs. */
  host?: string | undefined;
  support?: SupportFiles;
  createHasher: HasherFactory;
}

export interface WrittenFile {
  name: string;
  bytes: Uint8Array;
  /** ZIP member paths in order (empty for a plain file). */
  members: string[];
}

export interface AnonymizeResult {
  layout: LayoutId;
  anonymousCsv: string;
  /** The ZIPs to write: the license ZIP, and for v5 also the license_detailed ZIP. */
  zips: WrittenFile[];
  /** Support files that were copied into the ZIPs. */
  copied: Array<keyof SupportFiles>;
}

export class AnonymizeError extends Error {}

/** The layout an audit version is written with when none is asked for. */
export function defaultLayoutFor(auditVersion: string): LayoutId {
  const v = parseAuditVersion(auditVersion);
  if (!v) return 'legacy';
  if (v.major >= 5) return 'v5';
  // 4.1.5 (release 21.4-PB5) introduced the legacy layout; 3.x to 4.1.4 used 19.3's.
  if (v.major === 4 && (v.minor > 1 || (v.minor === 1 && v.patch >= 5))) return 'legacy';
  return '19.3';
}

/** The anonymous view of a detailed CSV: the same lines less the three name columns (§6). */
export function toAnonymous(csv: AuditCsv, metadataOverride: Map<string, string> = new Map()): AuditCsvContent {
  const keep = csv.header.map((h, i) => ((NAME_COLUMNS as readonly string[]).includes(h) ? -1 : i)).filter((i) => i >= 0);
  return {
    metadata: csv.metadata.map((m) => [m.key, metadataOverride.get(m.key) ?? m.value] as const),
    header: keep.map((i) => csv.header[i]!),
    rows: csv.rows.map((r) => keep.map((i) => r.fields[i] ?? '')),
  };
}

export async function anonymize(req: AnonymizeRequest): Promise<AnonymizeResult> {
  const csv = parseAuditCsv(req.detailed);
  const missingNames = NAME_COLUMNS.filter((n) => !csv.header.includes(n));
  if (missingNames.length) {
    throw new AnonymizeError(
      `this is not a detailed audit CSV: its header has no ${missingNames.map((n) => `"${n}"`).join(', ')} column; anonymize starts from the detailed file`,
    );
  }
  const meta = metadataMap(csv.metadata);
  const version = meta.get('Audit Version') ?? '';
  const layoutId = req.layout ?? defaultLayoutFor(version);
  const parsedVersion = parseAuditVersion(version);
  if (!parsedVersion) throw new AnonymizeError(`#Audit Version is "${version}"; the layout cannot be chosen without a version such as 4.1.5`);
  if (layoutId === 'v5' && parsedVersion.major < 5) {
    throw new AnonymizeError(`a ${version} audit cannot go in a v5 ZIP; use --layout legacy or 19.3, or recount with --format v5`);
  }
  if (layoutId !== 'v5' && parsedVersion.major >= 5) {
    throw new AnonymizeError(`a ${version} audit goes in a v5 ZIP, not ${layoutId}; use --layout v5`);
  }

  const provider = meta.get('Provider Name')?.trim();
  if (!provider) throw new AnonymizeError('#Provider Name is missing or empty, so the file names cannot be built');
  const host = (req.host ?? meta.get('hostname') ?? '').trim();
  if (!host) throw new AnonymizeError('#hostname is missing or empty; give the host name with --host');
  const timestamp = timestampFromDateTime(meta.get('Date Time') ?? '') ?? req.detailedName?.timestamp;
  if (!timestamp) throw new AnonymizeError('#Date Time is missing or not YYYY-MM-DD HH:MM, and the file name has no timestamp');
  const date = metadataDateTimeToDate(`${timestamp.slice(0, 10)} ${timestamp.slice(11, 13)}:${timestamp.slice(13, 15)}`)!;

  const override = new Map<string, string>();
  if (req.host !== undefined && meta.get('hostname') !== host) override.set('hostname', host);
  const anonymousCsv = writeAuditCsv(toAnonymous(csv, override));
  const detailedCsv = writeAuditCsv({
    metadata: csv.metadata.map((m) => [m.key, override.get(m.key) ?? m.value] as const),
    header: csv.header,
    rows: csv.rows.map((r) => r.fields),
  });

  const encoder = new TextEncoder();
  const support = req.support ?? {};
  const dataFor = (member: LayoutMember): Uint8Array | undefined => {
    switch (member.type) {
      case 'anonymous':
        return encoder.encode(anonymousCsv);
      case 'detailed':
        return encoder.encode(detailedCsv);
      case 'license':
        return encoder.encode(licenseJson(req.createHasher, anonymousCsv, meta.get('Date Time') ?? ''));
      case 'anonymous_breakdown':
      case 'patch':
      case 'adaptation_log':
        return support[member.type];
      default:
        return undefined;
    }
  };

  const layouts = layoutId === 'v5' ? [LAYOUT_V5, LAYOUT_V5_DETAILED] : layoutId === 'legacy' ? [LAYOUT_LEGACY] : [LAYOUT_19_3];
  const zips: WrittenFile[] = [];
  const copied = new Set<keyof SupportFiles>();
  for (const layout of layouts) {
    const folder = layoutFolder(timestamp);
    const entries: ZipWriteEntry[] = [{ path: folder }];
    for (const member of layout.members) {
      const bytes = dataFor(member);
      if (!bytes) continue;
      if (member.type === 'anonymous_breakdown' || member.type === 'patch' || member.type === 'adaptation_log') copied.add(member.type);
      const name = layoutMemberName(layout, member, provider, host, timestamp);
      const digest = hashBytes(req.createHasher, 'sha256', bytes);
      entries.push({ path: `${folder}${name}`, bytes }, { path: `${folder}${name}.hash`, bytes: encoder.encode(formatHashFile(digest, name)) });
    }
    zips.push({
      name: layoutZipName(layout, provider, host, timestamp),
      bytes: await writeZip(entries, date),
      members: entries.map((e) => e.path),
    });
  }
  return { layout: layoutId, anonymousCsv, zips, copied: [...copied] };
}

/**
 * The 19.3 license JSON: its three metadata attributes (seed 000). The
 * export_identifier is derived from the anonymous CSV's SHA-256 so the same
 * input always gives the same bytes (an RFC 9562 version-8 UUID).
 */
function licenseJson(createHasher: HasherFactory, anonymousCsv: string, dateTime: string): string {
  const hex = hashBytes(createHasher, 'sha256', new TextEncoder().encode(anonymousCsv));
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  const iso = dateTime.trim().replace(' ', 'T');
  return `${JSON.stringify({ datetime: iso ? `${iso}:00Z` : '', export_identifier: uuid, pipeline_type_name: 'license_initial_audit' }, null, 2)}\n`;
}
