import type { ClassifiedZip } from '../../audit/layouts';
import { CappedFindings } from '../capped';
import type { Finding, MakeFinding } from '../findings';

/** V6 (WARN): no members beyond the layout; a `FILES/` folder from the portal's Export is accepted. */
export function checkExtraMembers(make: MakeFinding, zip: ClassifiedZip): Finding[] {
  const out = new CappedFindings(make, 'V6', '');
  for (const m of zip.extra) out.add('WARN', m.path, `"${m.path}" is not part of the ${zip.layout.id} license ZIP layout.`);
  return out.result();
}
