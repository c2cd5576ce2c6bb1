/**
 * The Verify view's reading of a file report: findings grouped by check (worst
 * first), and the findings export as CSV or JSON.
 */
import { checkNumber, type CheckId, type Finding, type Severity, sortFindings } from '../../src-shared/verify/findings';
import { CHECK_TITLES } from './checks';

export interface CheckGroup {
  check: CheckId;
  title: string;
  /** The worst severity in the group. */
  severity: Severity;
  findings: Finding[];
}

const RANK: Record<Severity, number> = { FAIL: 0, WARN: 1, INFO: 2 };

export function groupByCheck(findings: readonly Finding[], includeInfo = true): CheckGroup[] {
  const groups = new Map<CheckId, CheckGroup>();
  for (const f of sortFindings(findings)) {
    if (!includeInfo && f.severity === 'INFO') continue;
    const g = groups.get(f.check);
    if (g) {
      g.findings.push(f);
      if (RANK[f.severity] < RANK[g.severity]) g.severity = f.severity;
    } else groups.set(f.check, { check: f.check, title: CHECK_TITLES[f.check], severity: f.severity, findings: [f] });
  }
  return [...groups.values()].sort((a, b) => RANK[a.severity] - RANK[b.severity] || checkNumber(a.check) - checkNumber(b.check));
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One line per finding; the same columns as `vlf-desk verify --json` has fields. */
export function findingsCsv(findings: readonly Finding[]): string {
  const lines = [['file', 'check', 'severity', 'location', 'message'].join(',')];
  for (const f of findings) lines.push([f.file, f.check, f.severity, f.location, f.message].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function findingsJson(findings: readonly Finding[]): string {
  return `${JSON.stringify(findings, null, 2)}\n`;
}
