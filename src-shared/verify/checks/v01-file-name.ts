import { type AuditFileName, type NameHints, parseAuditFileName } from '../../audit/file-names';
import type { Finding, MakeFinding } from '../findings';

/**
 * V1 (WARN): the file name follows `vlf_<provider>_<host>_<type>[_legacy]_<TS>.<ext>`
 * and provider, host and timestamp can be read from it. Also used for ZIP members.
 */
export function checkFileName(
  make: MakeFinding,
  fileName: string,
  location: string,
  hints: NameHints = {},
): { findings: Finding[]; parsed: AuditFileName | undefined } {
  const parsed = parseAuditFileName(fileName, hints);
  if (parsed.ok) return { findings: [], parsed: parsed.value };
  return {
    parsed: undefined,
    findings: [
      make(
        'V1',
        'WARN',
        location,
        `The name "${fileName}" does not follow vlf_<provider>_<host>_<type>_<YYYY-MM-DD_HHMM>: ${parsed.reason}.`,
      ),
    ],
  };
}
