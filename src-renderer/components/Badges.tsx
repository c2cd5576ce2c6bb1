import type { Severity, Verdict } from '../../src-shared/verify/findings';

export function VerdictBadge({ verdict }: { verdict: Verdict | Severity }) {
  return <span className={`badge badge-${verdict.toLowerCase()}`}>{verdict}</span>;
}
