import { type CsvDocument, locate } from '../csv-document';
import type { Finding, MakeFinding } from '../findings';

/** V17 (FAIL): the text is valid UTF-8. */
export function checkUtf8(make: MakeFinding, doc: CsvDocument): Finding[] {
  return doc.csv.problems
    .filter((p) => p.kind === 'encoding')
    .map((p) => make('V17', 'FAIL', locate(doc, p.line), `The text is not valid UTF-8: ${p.message}.`));
}

/** V17 for JSON members, which are read as text too. */
export function utf8Finding(make: MakeFinding, location: string, detail: string): Finding {
  return make('V17', 'FAIL', location, `The text is not valid UTF-8: ${detail}.`);
}
