/**
 * Reading and writing the audit CSV: `#Key=Value` metadata lines, one header
 * line, one line per count row (audit-files.md §3). Parsing is papaparse's;
 * this module only separates the metadata block and keeps line numbers so
 * every finding can name its line.
 */
import Papa from 'papaparse';
import { decodeUtf8, lineOfByte } from '../util/utf8';

export interface MetadataLine {
  key: string;
  value: string;
  line: number;
}

export interface CsvRow {
  /** 1-based line where the row starts in the file. */
  line: number;
  fields: string[];
}

export type CsvProblemKind =
  | 'encoding' // not valid UTF-8 (V17)
  | 'metadata-syntax' // a `#` line without `=` (V8)
  | 'quotes' // unbalanced or stray quotes (V10)
  | 'blank-line' // an empty line between rows (V10)
  | 'mixed-line-endings' // CRLF and LF mixed (V10)
  | 'no-header'; // nothing after the metadata (V9)

export interface CsvProblem {
  kind: CsvProblemKind;
  line: number;
  message: string;
}

export interface AuditCsv {
  metadata: MetadataLine[];
  header: string[];
  /** 0 when the file has no header line. */
  headerLine: number;
  rows: CsvRow[];
  problems: CsvProblem[];
  bom: boolean;
  lineEnding: 'LF' | 'CRLF';
}

/** Parse audit CSV bytes. Never throws: whatever is wrong becomes a problem with its line. */
export function parseAuditCsv(bytes: Uint8Array): AuditCsv {
  const decoded = decodeUtf8(bytes);
  const problems: CsvProblem[] = [];
  if (decoded.invalidAt !== undefined) {
    const line = lineOfByte(bytes, decoded.invalidAt);
    problems.push({
      kind: 'encoding',
      line,
      message: `byte ${decoded.invalidAt} (line ${line}) is not valid UTF-8; save the file as UTF-8`,
    });
  }
  return { ...parseAuditCsvText(decoded.text, problems), bom: decoded.bom };
}

export function parseAuditCsvText(
  text: string,
  problems: CsvProblem[] = [],
): Omit<AuditCsv, 'bom'> {
  const metadata: MetadataLine[] = [];

  // The metadata block: every line before the header that starts with '#'.
  let offset = 0;
  let line = 1;
  while (offset < text.length) {
    const nl = text.indexOf('\n', offset);
    const end = nl < 0 ? text.length : nl;
    const raw = text.slice(offset, end).replace(/\r$/, '');
    if (raw.startsWith('#')) {
      const eq = raw.indexOf('=');
      if (eq < 0) {
        problems.push({ kind: 'metadata-syntax', line, message: `line ${line} starts with # but has no "=": expected #Key=Value` });
      } else {
        metadata.push({ key: raw.slice(1, eq), value: raw.slice(eq + 1), line });
      }
    } else if (raw.trim() !== '') {
      break;
    } else {
      problems.push({ kind: 'blank-line', line, message: `line ${line} is empty` });
    }
    offset = nl < 0 ? text.length : nl + 1;
    line += 1;
  }

  const firstBreak = text.indexOf('\n');
  const lineEnding: 'LF' | 'CRLF' = firstBreak > 0 && text[firstBreak - 1] === '\r' ? 'CRLF' : 'LF';
  if (text.slice(offset).trim() === '') {
    problems.push({ kind: 'no-header', line, message: 'the file has no header line after the metadata' });
    return { metadata, header: [], headerLine: 0, rows: [], problems, lineEnding };
  }

  // Papaparse splits rows on one kind of line end. A file that mixes CRLF and LF
  // is reported and read with its CRLFs turned into LFs, so no row is merged
  // into another and no field keeps a stray CR. (Line breaks inside quoted
  // fields are counted too; a file whose quoted fields break lines differently
  // from its rows is reported as mixed, which is the truth about its bytes.)
  const crlf = countOccurrences(text, '\r\n');
  const mixed = crlf > 0 && countOccurrences(text, '\n') > crlf;
  if (mixed) problems.push({ kind: 'mixed-line-endings', line: 0, message: 'the file mixes CRLF and LF line ends' });
  const rest = text.slice(offset);
  const body = mixed ? rest.replace(/\r\n/g, '\n') : rest;
  const newline = !mixed && crlf > 0 ? '\r\n' : '\n';

  const records: CsvRow[] = [];
  let cursor = 0;
  let rowLine = line;
  Papa.parse<string[]>(body, {
    delimiter: ',',
    newline,
    quoteChar: '"',
    escapeChar: '"',
    skipEmptyLines: false,
    step: (result) => {
      const fields = result.data;
      const start = cursor;
      cursor = result.meta.cursor;
      const thisLine = rowLine;
      rowLine += countNewlines(body, start, cursor);
      for (const err of result.errors) {
        problems.push({ kind: 'quotes', line: thisLine, message: `line ${thisLine}: ${err.message.toLowerCase()}` });
      }
      records.push({ line: thisLine, fields });
    },
  });
  // Papaparse reports the empty string after the final line end as a row of one empty field.
  const lastRecord = records[records.length - 1];
  if (lastRecord && isBlank(lastRecord) && body.endsWith('\n')) records.pop();

  const headerRecord = records.shift();
  const rows: CsvRow[] = [];
  for (const r of records) {
    if (isBlank(r)) problems.push({ kind: 'blank-line', line: r.line, message: `line ${r.line} is empty` });
    else rows.push(r);
  }
  return {
    metadata,
    header: headerRecord?.fields ?? [],
    headerLine: headerRecord?.line ?? 0,
    rows,
    problems,
    lineEnding,
  };
}

function isBlank(r: CsvRow): boolean {
  return r.fields.length === 1 && r.fields[0]!.trim() === '';
}

function countOccurrences(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n += 1;
  return n;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}

export interface AuditCsvContent {
  metadata: ReadonlyArray<readonly [key: string, value: string]>;
  header: readonly string[];
  rows: ReadonlyArray<readonly string[]>;
}

/**
 * The bytes the app writes (audit-files.md §6): LF line ends including after
 * the last line, a field quoted only when it holds `,`, `"`, CR or LF. Written
 * here rather than with `Papa.unparse` because papaparse also quotes fields
 * with leading or trailing spaces, which §6 does not allow.
 */
export function writeAuditCsv(content: AuditCsvContent): string {
  const lines: string[] = [];
  for (const [key, value] of content.metadata) lines.push(`#${key}=${value}`);
  lines.push(content.header.map(csvField).join(','));
  for (const row of content.rows) lines.push(row.map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Metadata as a lookup (the first occurrence of a key wins). */
export function metadataMap(metadata: readonly MetadataLine[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of metadata) if (!map.has(m.key)) map.set(m.key, m.value);
  return map;
}
