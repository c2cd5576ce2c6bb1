import type { CheckId, Finding, MakeFinding, Severity } from './findings';

/** Findings a single check reports per file before summarising the rest, so a bad 100,000-row file stays readable. */
export const MAX_FINDINGS_PER_CHECK = 50;

/** Collects findings for one check, keeping the first few and counting the rest. */
export class CappedFindings {
  private readonly kept: Finding[] = [];
  private extra = 0;
  private worst: Severity = 'INFO';

  constructor(
    private readonly make: MakeFinding,
    private readonly check: CheckId,
    private readonly location: string,
    private readonly limit = MAX_FINDINGS_PER_CHECK,
  ) {}

  add(severity: Severity, location: string, message: string): void {
    if (this.kept.length < this.limit) this.kept.push(this.make(this.check, severity, location, message));
    else {
      this.extra += 1;
      if (severity === 'FAIL' || (severity === 'WARN' && this.worst === 'INFO')) this.worst = severity;
    }
  }

  result(): Finding[] {
    if (this.extra === 0) return this.kept;
    return [
      ...this.kept,
      this.make(this.check, this.worst, this.location, `${this.extra} more ${this.check} finding(s) like the ones above are not listed.`),
    ];
  }
}
