import { CUSTOMER_PKID, NAME_COLUMNS, PROVIDER_PKID } from '../../audit/columns';
import { CappedFindings } from '../capped';
import { type CsvDocument, locate } from '../csv-document';
import type { Finding, MakeFinding } from '../findings';

/** A `sys.` hierarchy path such as `sys.hcs.CS-P.CS-NB.Customer1`. */
const HIERARCHY_PATH = /(^|[^A-Za-z0-9])sys\.[A-Za-z0-9_-]/;
const PKID_LIKE = /^[0-9a-f]*$/i;

/**
 * V14 (FAIL, privacy): an anonymous file (and its breakdown) has no Provider /
 * Reseller / Customer column, and no cell holds a name or a `sys.` hierarchy
 * path. Names are known from detailed files of the same batch; a PKID cell
 * holding anything but hex is also taken as a name.
 */
export function checkPrivacy(make: MakeFinding, doc: CsvDocument, knownNames: ReadonlySet<string> = new Set()): Finding[] {
  if (doc.kind === 'detailed') return [];
  const out = new CappedFindings(make, 'V14', locate(doc));
  const header = doc.csv.header;
  for (const name of NAME_COLUMNS) {
    if (header.includes(name)) {
      out.add('FAIL', locate(doc, doc.csv.headerLine, name), `The anonymous file has a "${name}" column; it must not name providers, resellers or customers.`);
    }
  }
  const names = new Set([...knownNames].map(normalize).filter((n) => n !== ''));
  const pkidColumns = new Set([header.indexOf(CUSTOMER_PKID), header.indexOf(PROVIDER_PKID)].filter((i) => i >= 0));
  for (const row of doc.csv.rows) {
    row.fields.forEach((cell, i) => {
      const column = header[i];
      if (cell === '') return;
      if (HIERARCHY_PATH.test(cell)) {
        out.add('FAIL', locate(doc, row.line, column), `A cell holds the hierarchy path "${cell}", which identifies a customer.`);
      } else if (names.has(normalize(cell))) {
        out.add('FAIL', locate(doc, row.line, column), `A cell holds "${cell}", the name of a provider, reseller or customer.`);
      } else if (pkidColumns.has(i) && !PKID_LIKE.test(cell) && /[A-Za-z]/.test(cell)) {
        out.add('FAIL', locate(doc, row.line, column), `The PKID cell holds "${cell}", which looks like a name rather than a PKID.`);
      }
    });
  }
  for (const m of doc.csv.metadata) {
    if (HIERARCHY_PATH.test(m.value)) {
      out.add('FAIL', locate(doc, m.line), `#${m.key} holds a hierarchy path, which identifies a customer.`);
    }
  }
  return out.result();
}

function normalize(s: string): string {
  return s.trim().toLowerCase();
}

/** Provider, reseller and customer names of a detailed file — what an anonymous file must not contain. */
export function namesIn(doc: CsvDocument): string[] {
  const idx = NAME_COLUMNS.map((n) => doc.csv.header.indexOf(n)).filter((i) => i >= 0);
  const names = new Set<string>();
  for (const row of doc.csv.rows) for (const i of idx) if (row.fields[i]) names.add(row.fields[i]!);
  return [...names];
}
