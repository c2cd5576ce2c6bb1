import { FLAG_COLUMNS } from '../../audit/columns';
import { CappedFindings } from '../capped';
import { type CsvDocument, locate } from '../csv-document';
import type { Finding, MakeFinding } from '../findings';
import { wellFormedRows } from './v10-field-counts';

const COUNT = /^(0|[1-9]\d*)$/;

/**
 * V11 (FAIL): count cells are non-negative integers; flags are `Y`/`N`.
 * Columns listed in `#Unavailable` may be blank (platform-dump.md §3).
 */
export function checkCellValues(make: MakeFinding, doc: CsvDocument): Finding[] {
  const out = new CappedFindings(make, 'V11', locate(doc));
  const columns = doc.columns.valueColumns
    .map((name) => ({ name, index: doc.csv.header.indexOf(name), flag: FLAG_COLUMNS.has(name) }))
    .filter((c) => c.index >= 0);
  for (const row of wellFormedRows(doc)) {
    for (const c of columns) {
      const cell = row.fields[c.index]!;
      if (cell === '' && doc.unavailable.has(c.name)) continue;
      if (c.flag ? cell === 'Y' || cell === 'N' : COUNT.test(cell)) continue;
      const expected = c.flag ? 'Y or N' : 'a whole number of 0 or more';
      out.add('FAIL', locate(doc, row.line, c.name), `"${cell}" is not ${expected}.`);
    }
  }
  return out.result();
}
