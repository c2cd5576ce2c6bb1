import { HASH_DISPLAY_NAME, type HashFileContent } from '../../audit/hash-files';
import type { Finding, MakeFinding } from '../findings';

/** V5 (FAIL): the `.hash` file cannot be read as a digest. */
export function hashUnreadable(make: MakeFinding, hashPath: string, reason: string): Finding {
  return make('V5', 'FAIL', hashPath, `"${hashPath}" cannot be used: ${reason}.`);
}

/**
 * V5 (FAIL): the hash matches the member's bytes. A match is reported as INFO
 * naming the algorithm found (audit-files.md §4). A `sha256sum`-style name that
 * differs from the member is a WARN.
 */
export function checkHashMatch(
  make: MakeFinding,
  member: { location: string; name: string },
  hashPath: string,
  expected: HashFileContent,
  actualHex: string,
): Finding[] {
  const memberPath = member.location;
  const memberName = member.name;
  const algo = HASH_DISPLAY_NAME[expected.algorithm];
  const findings: Finding[] = [];
  if (expected.fileName !== undefined && expected.fileName.replace(/^.*[\\/]/, '') !== memberName) {
    findings.push(
      make('V5', 'WARN', hashPath, `"${hashPath}" names "${expected.fileName}", not "${memberName}" beside it.`),
    );
  }
  if (actualHex.toLowerCase() === expected.digest) {
    findings.push(make('V5', 'INFO', memberPath, `${algo} hash matches.`));
  } else {
    findings.push(
      make(
        'V5',
        'FAIL',
        memberPath,
        `"${memberName}" does not match its ${algo} hash: the file was changed or damaged after the platform wrote it (expected ${expected.digest}, found ${actualHex}).`,
      ),
    );
  }
  return findings;
}
