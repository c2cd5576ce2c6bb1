import { CappedFindings } from '../capped';
import { type CsvDocument, locate } from '../csv-document';
import type { Finding, MakeFinding } from '../findings';

/**
 * V10 (FAIL): every row has as many fields as the header, naming the line.
 * Broken quoting fails too; blank lines and mixed line ends are WARN.
 */
export function checkFieldCounts(make: MakeFinding, doc: CsvDocument): Finding[] {
  const out = new CappedFindings(make, 'V10', locate(doc));
  const width = doc.csv.header.length;
  for (const p of doc.csv.problems) {
    if (p.kind === 'quotes') out.add('FAIL', locate(doc, p.line), `Broken quoting: ${p.message}.`);
    if (p.kind === 'blank-line') out.add('WARN', locate(doc, p.line), 'An empty line was skipped.');
    if (p.kind === 'mixed-line-endings') out.add('WARN', locate(doc), 'The file mixes CRLF and LF line ends.');
  }
  if (width === 0) return out.result();
  for (const row of doc.csv.rows) {
    if (row.fields.length !== width) {
      out.add(
        'FAIL',
        locate(doc, row.line),
        `The row has ${row.fields.length} fields, but the header has ${width}; its counts cannot be trusted.`,
      );
    }
  }
  return out.result();
}

/** Rows whose width matches the header — the ones the value checks can read. */
export function wellFormedRows(doc: CsvDocument) {
  const width = doc.csv.header.length;
  return doc.csv.rows.filter((r) => r.fields.length === width);
}
