/**
 * Findings are what every verification check produces (audit-files.md §5).
 * They are plain data so they cross the worker / IPC / JSON boundaries as-is.
 */

export type Severity = 'FAIL' | 'WARN' | 'INFO';
export type Verdict = 'PASS' | 'WARN' | 'FAIL';

export type CheckId =
  | 'V1' | 'V2' | 'V3' | 'V4' | 'V5' | 'V6' | 'V7' | 'V8' | 'V9'
  | 'V10' | 'V11' | 'V12' | 'V13' | 'V14' | 'V15' | 'V16' | 'V17';

export interface Finding {
  check: CheckId;
  severity: Severity;
  /** The file the user handed us (a ZIP, CSV or JSON), by its base name. */
  file: string;
  /** Where inside it: a ZIP member path, `line N`, `line N, column "X"`, or '' for the whole file. */
  location: string;
  /** One sentence a billing clerk understands, saying what is wrong and, where useful, what to do. */
  message: string;
}

export interface FileReport {
  file: string;
  verdict: Verdict;
  findings: Finding[];
}

export interface VerifySummary {
  PASS: number;
  WARN: number;
  FAIL: number;
}

/** The document `vlf-desk verify --json` prints (cli.md). */
export interface VerifyReport {
  files: FileReport[];
  summary: VerifySummary;
}

const SEVERITY_RANK: Record<Severity, number> = { FAIL: 0, WARN: 1, INFO: 2 };

/** A file's verdict: FAIL if any finding fails, else WARN if any warns, else PASS (§5). */
export function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'FAIL')) return 'FAIL';
  if (findings.some((f) => f.severity === 'WARN')) return 'WARN';
  return 'PASS';
}

export function summarize(files: readonly FileReport[]): VerifySummary {
  const summary: VerifySummary = { PASS: 0, WARN: 0, FAIL: 0 };
  for (const f of files) summary[f.verdict] += 1;
  return summary;
}

/** Numeric order of check ids, so V2 sorts before V10. */
export function checkNumber(id: CheckId): number {
  return Number(id.slice(1));
}

/** Stable order for display: by severity, then check number, then location as found. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] ||
        checkNumber(a.f.check) - checkNumber(b.f.check) ||
        a.i - b.i,
    )
    .map(({ f }) => f);
}

/** A helper that binds the file (and optionally location) so checks stay short. */
export function findingsFor(file: string) {
  return (check: CheckId, severity: Severity, location: string, message: string): Finding => ({
    check,
    severity,
    file,
    location,
    message,
  });
}

export type MakeFinding = ReturnType<typeof findingsFor>;
