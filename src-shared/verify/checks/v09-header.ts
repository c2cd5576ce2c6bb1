import { columnSet, expectedColumnSetId, identifyColumnSet } from '../../audit/columns';
import { type CsvDocument, locate } from '../csv-document';
import type { Finding, MakeFinding } from '../findings';

/**
 * V9: the header is exactly the column set of the audit version — FAIL for
 * 4.x; INFO for a set the registry does not know (its columns are learned
 * from the header, audit-files.md §3 Decision).
 */
export function checkHeader(make: MakeFinding, doc: CsvDocument): Finding[] {
  const header = doc.csv.header;
  if (doc.csv.headerLine === 0) {
    return [make('V9', 'FAIL', locate(doc), 'The file has no header line, so its columns cannot be read.')];
  }
  const at = locate(doc, doc.csv.headerLine);
  const version = doc.auditVersion;
  const expectedId = version ? expectedColumnSetId(version.text) : undefined;
  const view = doc.kind === 'breakdown' ? doc.columns.view : doc.kind;

  if (expectedId) {
    const expected = columnSet(expectedId, view);
    if (sameColumns(header, expected.header)) return [];
    const diff = describeDifference(header, expected.header);
    if (expectedId === 'legacy-4x') {
      return [make('V9', 'FAIL', at, `The header is not the ${view} column set of audit version ${version!.text}: ${diff}.`)];
    }
    return [
      make('V9', 'INFO', at, `The header differs from the app's ${view} v5 column set (${diff}); its ${header.length} columns were read from the header.`),
    ];
  }
  if (identifyColumnSet(header)) return [];
  return [
    make('V9', 'INFO', at, `The column set of audit version ${version?.text ?? '(unknown)'} is not in the registry; its ${header.length} columns were read from the header.`),
  ];
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A short, specific description: which columns are missing, unexpected or out of order. */
export function describeDifference(actual: readonly string[], expected: readonly string[]): string {
  const actualSet = new Set(actual);
  const expectedSet = new Set(expected);
  const missing = expected.filter((c) => !actualSet.has(c));
  const unexpected = actual.filter((c) => !expectedSet.has(c));
  const parts: string[] = [];
  if (missing.length) parts.push(`missing ${quoteList(missing)}`);
  if (unexpected.length) parts.push(`unexpected ${quoteList(unexpected)}`);
  if (!parts.length) {
    const i = actual.findIndex((c, k) => c !== expected[k]);
    parts.push(`column ${i + 1} is "${actual[i] ?? ''}" where "${expected[i] ?? ''}" belongs (order differs)`);
  }
  return parts.join('; ');
}

function quoteList(cols: readonly string[]): string {
  const shown = cols.slice(0, 5).map((c) => `"${c}"`);
  return cols.length > 5 ? `${shown.join(', ')} and ${cols.length - 5} more` : shown.join(', ');
}
