import type { ClassifiedZip } from '../../audit/layouts';
import type { Finding, MakeFinding } from '../findings';

/**
 * V4: every data member has a `.hash` (FAIL for a CSV or JSON without one);
 * every `.hash` has its member (WARN for an orphan).
 */
export function checkHashPresence(make: MakeFinding, zip: ClassifiedZip): Finding[] {
  const findings: Finding[] = [];
  for (const m of zip.dataMembers) {
    if (!zip.hashes.has(m.path)) {
      findings.push(
        make('V4', 'FAIL', m.path, `"${m.name}" has no "${m.name}.hash" beside it, so its integrity cannot be proven.`),
      );
    }
  }
  const dataPaths = new Set(zip.dataMembers.map((m) => m.path));
  for (const [target, hash] of zip.hashes) {
    if (!dataPaths.has(target)) {
      findings.push(
        make('V4', 'WARN', hash.path, `"${hash.name}" is a hash for a file that is not in the ZIP.`),
      );
    }
  }
  return findings;
}
