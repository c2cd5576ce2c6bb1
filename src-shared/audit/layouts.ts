/**
 * The three license ZIP layouts (audit-files.md §2) and how a ZIP's members
 * are sorted into "what the layout expects", "hash files" and "extra".
 */
import {
  type AuditFileName,
  type AuditFileType,
  buildAuditFileName,
  parseAuditFileName,
} from './file-names';
import type { ZipEntryInfo } from './zip-archive';

export type LayoutId = '19.3' | 'legacy' | 'v5';

/** How a missing member is reported (V3). */
export type MemberRole = 'required' | 'optional-info' | 'optional';

export interface LayoutMember {
  type: AuditFileType;
  ext: 'csv' | 'json';
  role: MemberRole;
}

export interface Layout {
  id: LayoutId;
  /** Member names carry `_legacy` before the timestamp. */
  legacyNames: boolean;
  /** The ZIP's own file type: `license`, or `license_detailed` for v5's detailed ZIP. */
  zipType: 'license' | 'license_detailed';
  members: readonly LayoutMember[];
}

const SUPPORT_MEMBERS: readonly LayoutMember[] = [
  { type: 'anonymous_breakdown', ext: 'csv', role: 'optional-info' },
  { type: 'patch', ext: 'json', role: 'optional-info' },
  { type: 'adaptation_log', ext: 'json', role: 'optional-info' },
];

export const LAYOUT_19_3: Layout = {
  id: '19.3',
  legacyNames: false,
  zipType: 'license',
  members: [
    { type: 'license', ext: 'json', role: 'required' },
    { type: 'anonymous', ext: 'csv', role: 'required' },
    // Added by 21.x; a 19.3 ZIP without them is complete.
    { type: 'patch', ext: 'json', role: 'optional' },
    { type: 'adaptation_log', ext: 'json', role: 'optional' },
  ],
};

export const LAYOUT_LEGACY: Layout = {
  id: 'legacy',
  legacyNames: true,
  zipType: 'license',
  members: [{ type: 'anonymous', ext: 'csv', role: 'required' }, ...SUPPORT_MEMBERS],
};

export const LAYOUT_V5: Layout = {
  id: 'v5',
  legacyNames: false,
  zipType: 'license',
  members: [{ type: 'anonymous', ext: 'csv', role: 'required' }, ...SUPPORT_MEMBERS],
};

export const LAYOUT_V5_DETAILED: Layout = {
  id: 'v5',
  legacyNames: false,
  zipType: 'license_detailed',
  members: [{ type: 'detailed', ext: 'csv', role: 'required' }, ...SUPPORT_MEMBERS],
};

/** The folder the platform puts members in, also what the app writes: `<TS>_license/`. */
export function layoutFolder(timestamp: string): string {
  return `${timestamp}_license/`;
}

/** A ZIP's file name for a layout. */
export function layoutZipName(layout: Layout, provider: string, host: string, timestamp: string): string {
  return buildAuditFileName({ provider, host, type: layout.zipType, legacy: layout.legacyNames, timestamp, ext: 'zip' });
}

/** A member's file name for a layout. */
export function layoutMemberName(
  layout: Layout,
  member: LayoutMember,
  provider: string,
  host: string,
  timestamp: string,
): string {
  return buildAuditFileName({ provider, host, type: member.type, legacy: layout.legacyNames, timestamp, ext: member.ext });
}

export interface ClassifiedMember {
  /** Full path inside the ZIP. */
  path: string;
  /** Base name. */
  name: string;
  parsed: AuditFileName | undefined;
  /** Why the name could not be parsed, when it could not. */
  nameProblem?: string;
}

export interface ClassifiedZip {
  layout: Layout;
  /** The single top-level folder holding the members, without trailing `/`; '' when at the root. */
  folder: string;
  /** Data members the layout expects, keyed by `type.ext`. */
  expected: Map<string, ClassifiedMember>;
  /** `.hash` members, keyed by the path of the member they hash. */
  hashes: Map<string, ClassifiedMember>;
  /** Everything else (V6), except a `FILES/` folder from the portal's Export. */
  extra: ClassifiedMember[];
  /** Data files (CSV/JSON) that are neither expected nor extra-but-unhashed — used by V4. */
  dataMembers: ClassifiedMember[];
}

export const memberKey = (type: AuditFileType, ext: string): string => `${type}.${ext}`;

function baseName(path: string): string {
  return path.replace(/\/+$/, '').replace(/^.*\//, '');
}

/** What else is known about the ZIP when its names alone do not settle the layout. */
export interface LayoutHints {
  /** Major audit version of the anonymous CSV inside: below 5 means 19.3, not v5. */
  auditMajor?: number | undefined;
}

/**
 * Choose the layout from the ZIP's name, else from its members (§2). A
 * `license` ZIP without `_legacy` is 19.3 when it holds a license JSON or an
 * audit older than version 5, else v5.
 */
export function chooseLayout(
  zipName: AuditFileName | undefined,
  members: readonly ClassifiedMember[],
  hints: LayoutHints = {},
): Layout {
  const types = new Set(members.map((m) => m.parsed && memberKey(m.parsed.type, m.parsed.ext)));
  if (zipName?.type === 'license_detailed' || (!zipName && types.has('detailed.csv'))) return LAYOUT_V5_DETAILED;
  if (zipName?.legacy || (!zipName && members.some((m) => m.parsed?.legacy))) return LAYOUT_LEGACY;
  if (types.has('license.json')) return LAYOUT_19_3;
  if (hints.auditMajor !== undefined && hints.auditMajor < 5) return LAYOUT_19_3;
  return LAYOUT_V5;
}

const LICENSE_FOLDER = /^\d{4}-\d{2}-\d{2}_\d{4}_license/;

/**
 * The one top-level folder the members sit in ('' for the ZIP root): the only
 * folder there is, or else the one `<TS>_license…` folder among several.
 */
function memberFolder(paths: readonly string[]): string {
  const firstSegments = [...new Set(paths.map((p) => (p.includes('/') ? p.split('/')[0]! : '')))];
  if (firstSegments.length === 1) return firstSegments[0]!;
  const licenseFolders = firstSegments.filter((s) => LICENSE_FOLDER.test(s));
  return licenseFolders.length === 1 ? licenseFolders[0]! : '';
}

export function classifyZip(
  zipName: AuditFileName | undefined,
  entries: readonly ZipEntryInfo[],
  hints: LayoutHints = {},
): ClassifiedZip {
  const files = entries.filter((e) => !e.dir);
  // The portal's Export adds a FILES/ folder; it is accepted and otherwise ignored (V6).
  const relevant = files.filter((e) => !/^FILES\//i.test(e.path));
  const folder = memberFolder(relevant.map((e) => e.path));

  const members: ClassifiedMember[] = relevant.map((e) => {
    const name = baseName(e.path);
    const dataName = name.endsWith('.hash') ? name.slice(0, -'.hash'.length) : name;
    const parsed = parseAuditFileName(dataName, { provider: zipName?.provider, host: zipName?.host });
    const m: ClassifiedMember = { path: e.path, name, parsed: parsed.ok ? parsed.value : undefined };
    if (!parsed.ok) m.nameProblem = parsed.reason;
    return m;
  });

  const layout = chooseLayout(zipName, members.filter((m) => !m.name.endsWith('.hash')), hints);
  const wanted = new Set(layout.members.map((m) => memberKey(m.type, m.ext)));
  const expected = new Map<string, ClassifiedMember>();
  const hashes = new Map<string, ClassifiedMember>();
  const extra: ClassifiedMember[] = [];
  const dataMembers: ClassifiedMember[] = [];
  const inFolder = (path: string) => (folder ? path.startsWith(`${folder}/`) && path.split('/').length === 2 : !path.includes('/'));

  for (const m of members) {
    if (m.name.endsWith('.hash')) {
      hashes.set(m.path.slice(0, -'.hash'.length), m);
      continue;
    }
    const key = m.parsed && memberKey(m.parsed.type, m.parsed.ext);
    if (key && wanted.has(key) && inFolder(m.path) && !expected.has(key)) {
      expected.set(key, m);
      dataMembers.push(m);
    } else {
      extra.push(m);
      if (/\.(csv|json)$/i.test(m.name)) dataMembers.push(m);
    }
  }
  return { layout, folder, expected, hashes, extra, dataMembers };
}
