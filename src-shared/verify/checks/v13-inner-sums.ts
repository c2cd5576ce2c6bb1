import { CappedFindings } from '../capped';
import { type CsvDocument, locate } from '../csv-document';
import type { Finding, MakeFinding } from '../findings';
import { wellFormedRows } from './v10-field-counts';

/** Pairs where the first column counts a subset of the second (audit-files.md §5, V13). */
export const INNER_SUMS: ReadonlyArray<readonly [part: string, whole: string]> = [
  ['Users With More Than 10 Phones', 'Multiple Phones'],
  ['Standalone Analog Ports (No UCM User)', 'Standalone Phones (No UCM User)'],
  ['Cisco and MS Integrated Services', 'User Licenses'],
];

/** V13 (WARN): a count that is part of another is not larger than it. */
export function checkInnerSums(make: MakeFinding, doc: CsvDocument): Finding[] {
  const header = doc.csv.header;
  const pairs = INNER_SUMS.map(([part, whole]) => ({ part, whole, p: header.indexOf(part), w: header.indexOf(whole) })).filter(
    (x) => x.p >= 0 && x.w >= 0,
  );
  if (!pairs.length) return [];
  const out = new CappedFindings(make, 'V13', locate(doc));
  for (const row of wellFormedRows(doc)) {
    for (const { part, whole, p, w } of pairs) {
      const a = Number(row.fields[p]);
      const b = Number(row.fields[w]);
      if (row.fields[p] === '' || row.fields[w] === '' || !Number.isInteger(a) || !Number.isInteger(b)) continue;
      if (a > b) {
        out.add('WARN', locate(doc, row.line, part), `"${part}" is ${a}, more than "${whole}" (${b}), which should include it.`);
      }
    }
  }
  return out.result();
}
