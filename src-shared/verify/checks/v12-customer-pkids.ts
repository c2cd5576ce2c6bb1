import { CUSTOMER_PKID } from '../../audit/columns';
import { CappedFindings } from '../capped';
import { type CsvDocument, locate } from '../csv-document';
import type { Finding, MakeFinding } from '../findings';
import { wellFormedRows } from './v10-field-counts';

const PKID = /^[0-9a-f]{24}$/i;

/**
 * V12: Customer PKIDs are 24 hex characters (WARN), unique (FAIL for
 * duplicates), and blank only on provider rows (WARN). In a detailed file a
 * provider row is one without a Customer name; an anonymous file cannot tell,
 * so a blank PKID there is taken as a provider row.
 */
export function checkCustomerPkids(make: MakeFinding, doc: CsvDocument): Finding[] {
  const pkidAt = doc.csv.header.indexOf(CUSTOMER_PKID);
  if (pkidAt < 0) return [];
  const customerAt = doc.csv.header.indexOf('Customer');
  const out = new CappedFindings(make, 'V12', locate(doc));
  const firstLine = new Map<string, number>();
  for (const row of wellFormedRows(doc)) {
    const pkid = row.fields[pkidAt]!;
    const customer = customerAt >= 0 ? row.fields[customerAt]! : '';
    if (pkid === '') {
      if (customer !== '') {
        out.add('WARN', locate(doc, row.line, CUSTOMER_PKID), `Customer "${customer}" has no Customer PKID; only provider rows may leave it blank.`);
      }
      continue;
    }
    if (!PKID.test(pkid)) {
      out.add('WARN', locate(doc, row.line, CUSTOMER_PKID), `"${pkid}" is not a PKID (24 hexadecimal characters).`);
    }
    const key = pkid.toLowerCase();
    const seen = firstLine.get(key);
    if (seen !== undefined) {
      out.add('FAIL', locate(doc, row.line, CUSTOMER_PKID), `Customer PKID ${pkid} also appears on line ${seen}; each customer must be counted once.`);
    } else {
      firstLine.set(key, row.line);
    }
  }
  return out.result();
}
