import type { ClassifiedZip } from '../../audit/layouts';
import type { Finding, MakeFinding } from '../findings';

/** V6 (WARN): no members beyond the layout; a `FILES/` folder from the portal's Export is accepted. */
export function checkExtraMembers(make: MakeFinding, zip: ClassifiedZip): Finding[] {
  return zip.extra.map((m) =>
    make('V6', 'WARN', m.path, `"${m.path}" is not part of the ${zip.layout.id} license ZIP layout.`),
  );
}
