import { type ClassifiedZip, memberKey } from '../../audit/layouts';
import type { Finding, MakeFinding } from '../findings';

const ROLE_LABEL: Record<string, string> = {
  anonymous: 'anonymous CSV',
  detailed: 'detailed CSV',
  license: 'license JSON',
  anonymous_breakdown: 'anonymous_breakdown CSV (support statistics)',
  patch: 'patch JSON (support information)',
  adaptation_log: 'adaptation_log JSON (support information)',
};

/**
 * V3: the members of the layout are present. The anonymous (or detailed) CSV,
 * and the 19.3 license JSON, are required (FAIL); breakdown, patch and
 * adaptation_log missing is INFO.
 */
export function checkLayoutMembers(make: MakeFinding, zip: ClassifiedZip): Finding[] {
  const findings: Finding[] = [];
  for (const m of zip.layout.members) {
    if (zip.expected.has(memberKey(m.type, m.ext))) continue;
    const label = ROLE_LABEL[m.type] ?? m.type;
    const where = zip.folder ? `${zip.folder}/` : '';
    if (m.role === 'required') {
      findings.push(
        make('V3', 'FAIL', where, `The ${label} required by the ${zip.layout.id} layout is missing from the ZIP.`),
      );
    } else if (m.role === 'optional-info') {
      findings.push(make('V3', 'INFO', where, `The ZIP has no ${label}; it is optional for billing.`));
    }
  }
  return findings;
}
