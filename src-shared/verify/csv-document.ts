/**
 * An audit CSV as the checks see it: parsed, with its column set resolved and
 * enough context (outer file, ZIP member) for findings to say where they are.
 */
import { type AnyColumnSet, CUSTOMER_PKID, resolveColumnSet } from '../audit/columns';
import { type AuditCsv, metadataMap, parseAuditCsv } from '../audit/csv';
import type { AuditFileName } from '../audit/file-names';
import { parseAuditVersion, type AuditVersion } from '../audit/metadata';

export type CsvKind = 'detailed' | 'anonymous' | 'breakdown';

export interface CsvDocument {
  /** The file the user gave (ZIP or CSV), by base name. */
  file: string;
  /** The ZIP member path, or '' when the CSV is the file itself. */
  member: string;
  fileName: AuditFileName | undefined;
  kind: CsvKind;
  csv: AuditCsv;
  meta: Map<string, string>;
  auditVersion: AuditVersion | undefined;
  columns: AnyColumnSet;
  /** Value columns the source could not count (`#Unavailable=`), whose cells are blank by design. */
  unavailable: Set<string>;
}

export function buildCsvDocument(
  file: string,
  member: string,
  fileName: AuditFileName | undefined,
  bytes: Uint8Array,
): CsvDocument {
  const csv = parseAuditCsv(bytes);
  const meta = metadataMap(csv.metadata);
  const columns = resolveColumnSet(csv.header);
  const kind: CsvKind =
    fileName?.type === 'anonymous_breakdown'
      ? 'breakdown'
      : fileName?.type === 'detailed'
        ? 'detailed'
        : fileName?.type === 'anonymous'
          ? 'anonymous'
          : columns.view;
  const unavailable = new Set(
    (meta.get('Unavailable') ?? '')
      .split(/[;|]/)
      .map((s) => s.trim())
      .filter(Boolean),
  );
  return {
    file,
    member,
    fileName,
    kind,
    csv,
    meta,
    auditVersion: parseAuditVersion(meta.get('Audit Version') ?? ''),
    columns,
    unavailable,
  };
}

/** `member, line N[, column "X"]` — where a finding points. */
export function locate(doc: CsvDocument, line?: number, column?: string): string {
  const parts: string[] = [];
  if (doc.member) parts.push(doc.member);
  if (line) parts.push(`line ${line}`);
  if (column) parts.push(`column "${column}"`);
  return parts.join(', ');
}

export function columnIndex(doc: CsvDocument, name: string): number {
  return doc.csv.header.indexOf(name);
}

export function pkidIndex(doc: CsvDocument): number {
  return columnIndex(doc, CUSTOMER_PKID);
}
