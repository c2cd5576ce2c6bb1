/**
 * `vlf_<provider>_<host>_<type>[_legacy]_<YYYY-MM-DD_HHMM>.<ext>` (audit-files.md §1),
 * parsed from the right because provider and host names may hold `_`.
 */
import { epochMinutes } from './metadata';

export type AuditFileType =
  | 'detailed'
  | 'anonymous'
  | 'anonymous_breakdown'
  | 'patch'
  | 'adaptation_log'
  | 'license'
  | 'license_detailed';

/** Longest first, so `license_detailed` wins over `detailed` and `anonymous_breakdown` over `anonymous`. */
export const FILE_TYPES_LONGEST_FIRST: readonly AuditFileType[] = [
  'anonymous_breakdown',
  'license_detailed',
  'adaptation_log',
  'anonymous',
  'detailed',
  'license',
  'patch',
];

/** The extensions each file type may carry (§1 table). */
export const EXTENSIONS_BY_TYPE: Record<AuditFileType, readonly string[]> = {
  detailed: ['csv'],
  anonymous: ['csv'],
  anonymous_breakdown: ['csv'],
  patch: ['json'],
  adaptation_log: ['json'],
  license: ['zip', 'json'],
  license_detailed: ['zip'],
};

export interface AuditFileName {
  provider: string;
  host: string;
  type: AuditFileType;
  legacy: boolean;
  /** `YYYY-MM-DD_HHMM` exactly as in the name. */
  timestamp: string;
  ext: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** What is known about the provider and host from elsewhere (the CSV's `#Provider Name` / `#hostname`). */
export interface NameHints {
  provider?: string | undefined;
  host?: string | undefined;
}

const TIMESTAMP = /_(\d{4})-(\d{2})-(\d{2})_(\d{2})(\d{2})$/;

export function isValidTimestamp(ts: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})_(\d{2})(\d{2})$/.exec(ts);
  return !!m && epochMinutes(m[1]!, m[2]!, m[3]!, m[4]!, m[5]!) !== undefined;
}

/** `YYYY-MM-DD_HHMM` → epoch minutes (UTC), or undefined. */
export function timestampMinutes(ts: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})_(\d{2})(\d{2})$/.exec(ts);
  return m ? epochMinutes(m[1]!, m[2]!, m[3]!, m[4]!, m[5]!) : undefined;
}

/** `YYYY-MM-DD HH:MM` (metadata) → `YYYY-MM-DD_HHMM` (names). */
export function timestampFromDateTime(dateTime: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2})$/.exec(dateTime.trim());
  return m ? `${m[1]}_${m[2]}${m[3]}` : undefined;
}

export function parseAuditFileName(fileName: string, hints: NameHints = {}): ParseResult<AuditFileName> {
  const base = fileName.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  if (dot < 0) return { ok: false, reason: 'it has no extension (.csv, .zip or .json)' };
  const ext = base.slice(dot + 1).toLowerCase();
  let rest = base.slice(0, dot);
  if (!rest.startsWith('vlf_')) return { ok: false, reason: 'it does not start with "vlf_"' };
  rest = rest.slice('vlf_'.length);

  const ts = TIMESTAMP.exec(rest);
  if (!ts) return { ok: false, reason: 'it does not end with a timestamp YYYY-MM-DD_HHMM' };
  const timestamp = ts[0].slice(1);
  if (!isValidTimestamp(timestamp)) return { ok: false, reason: `its timestamp ${timestamp} is not a real date and time` };
  rest = rest.slice(0, -ts[0].length);

  let legacy = false;
  if (rest.endsWith('_legacy')) {
    legacy = true;
    rest = rest.slice(0, -'_legacy'.length);
  }

  const type = FILE_TYPES_LONGEST_FIRST.find((t) => rest.endsWith(`_${t}`));
  if (!type) {
    return { ok: false, reason: `its file type is not one of ${FILE_TYPES_LONGEST_FIRST.join(', ')}` };
  }
  rest = rest.slice(0, -(type.length + 1));
  if (!EXTENSIONS_BY_TYPE[type].includes(ext)) {
    return { ok: false, reason: `a ${type} file must end in .${EXTENSIONS_BY_TYPE[type].join(' or .')}, not .${ext}` };
  }

  const split = splitProviderHost(rest, hints);
  if (!split) return { ok: false, reason: 'provider and host names cannot be told apart (expected <provider>_<host>)' };
  return { ok: true, value: { ...split, type, legacy, timestamp, ext } };
}

/** §1 Decision: split with the known provider or host when they fit, else at the last `_`. */
function splitProviderHost(rest: string, hints: NameHints): { provider: string; host: string } | undefined {
  if (hints.provider && rest.startsWith(`${hints.provider}_`) && rest.length > hints.provider.length + 1) {
    return { provider: hints.provider, host: rest.slice(hints.provider.length + 1) };
  }
  if (hints.host && rest.endsWith(`_${hints.host}`) && rest.length > hints.host.length + 1) {
    return { provider: rest.slice(0, -(hints.host.length + 1)), host: hints.host };
  }
  const cut = rest.lastIndexOf('_');
  if (cut <= 0 || cut === rest.length - 1) return undefined;
  return { provider: rest.slice(0, cut), host: rest.slice(cut + 1) };
}

export function buildAuditFileName(name: AuditFileName): string {
  const legacy = name.legacy ? '_legacy' : '';
  return `vlf_${name.provider}_${name.host}_${name.type}${legacy}_${name.timestamp}.${name.ext}`;
}
