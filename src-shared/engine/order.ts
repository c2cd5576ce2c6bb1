/** R90: the order of count rows — provider, provider rows first, reseller, customer name, customer pkid (code points). */
import type { RowIdentity } from './hierarchy';
import { compareCodePoints } from './keys';

export function compareRows(a: RowIdentity, b: RowIdentity): number {
  return (
    compareCodePoints(a.provider, b.provider) ||
    compareCodePoints(a.providerPkid, b.providerPkid) ||
    Number(a.kind === 'customer') - Number(b.kind === 'customer') ||
    compareCodePoints(a.reseller, b.reseller) ||
    compareCodePoints(a.customer, b.customer) ||
    compareCodePoints(a.customerPkid, b.customerPkid)
  );
}
