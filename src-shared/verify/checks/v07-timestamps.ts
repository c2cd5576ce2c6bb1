import type { AuditFileName } from '../../audit/file-names';
import type { ClassifiedZip } from '../../audit/layouts';
import type { Finding, MakeFinding } from '../findings';

/** V7 (WARN): the folder timestamp, the ZIP name's timestamp and each member's name timestamp agree. */
export function checkTimestamps(make: MakeFinding, zipName: AuditFileName | undefined, zip: ClassifiedZip): Finding[] {
  const findings: Finding[] = [];
  const reference = zipName?.timestamp;
  if (zip.folder) {
    const m = /^(\d{4}-\d{2}-\d{2}_\d{4})_/.exec(zip.folder);
    if (!m) {
      findings.push(make('V7', 'WARN', `${zip.folder}/`, `The folder "${zip.folder}" does not start with a YYYY-MM-DD_HHMM timestamp.`));
    } else if (reference && m[1] !== reference) {
      findings.push(
        make('V7', 'WARN', `${zip.folder}/`, `The folder's timestamp ${m[1]} differs from the ZIP name's ${reference}.`),
      );
    }
  }
  const base = reference ?? [...zip.expected.values()][0]?.parsed?.timestamp;
  for (const m of [...zip.expected.values(), ...zip.hashes.values()]) {
    const ts = m.parsed?.timestamp;
    if (ts && base && ts !== base) {
      findings.push(make('V7', 'WARN', m.path, `"${m.name}" has timestamp ${ts}, but the ZIP is from ${base}.`));
    }
  }
  return findings;
}
