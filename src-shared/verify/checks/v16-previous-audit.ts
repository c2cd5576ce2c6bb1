/**
 * V16 (INFO): compare an audit CSV with the previous audit of the same
 * Platform ID in the library — the customers that appeared or vanished, and
 * the counts that moved by more than 20% — so a billing clerk sees this
 * month's changes before the invoice goes out. The library lookup is the
 * caller's (the main process has the library); this check only compares.
 */
import { CUSTOMER_PKID, FLAG_COLUMNS } from '../../audit/columns';
import { parseMetadataDateTime } from '../../audit/metadata';
import { auditRowKeys, customerPkidOfKey, customerRowKey, isCustomerRowKey } from '../../audit/row-keys';
import { CappedFindings } from '../capped';
import { type CsvDocument, locate } from '../csv-document';
import type { Finding, MakeFinding } from '../findings';

/** Which earlier audit to look for: the file's platform, its time, and its kind (the same kind compares provider rows too). */
export interface PreviousAuditQuery {
  platformId: string;
  /** The file's `#Date Time`; the previous audit is the latest one strictly before it. */
  dateTime: string;
  kind: 'detailed' | 'anonymous';
}

/** A reported audit of the library, as V16 needs it. */
export interface PreviousAudit {
  /** The audit file's name as it was imported. */
  file: string;
  dateTime: string;
  sourceId: number;
  kind: 'detailed' | 'anonymous';
  /** Row keys as row-keys.ts makes them; cells by column name, as the CSV had them. */
  rows: ReadonlyArray<{ rowKey: string; customer: string; cells: Readonly<Record<string, string>> }>;
}

/**
 * The library's answer to a query: undefined when it holds no earlier audit
 * of that platform, 'no-library' when there is no library to ask (V16 then
 * does not run, and the caller says so once rather than per file).
 */
export type PreviousAuditLookup = (query: PreviousAuditQuery) => Promise<PreviousAudit | undefined | 'no-library'>;

/** A count that moved by more than this share of its previous value is reported. */
export const MOVE_THRESHOLD = 0.2;

/** What to ask the library for this CSV, or why it cannot be compared. */
export function previousAuditQuery(doc: CsvDocument): PreviousAuditQuery | { reason: string } {
  if (doc.kind === 'breakdown') return { reason: 'a breakdown file is not compared with earlier audits' };
  const platformId = doc.meta.get('Platform ID')?.trim();
  const dateTime = doc.meta.get('Date Time')?.trim();
  if (!platformId) return { reason: 'the file has no #Platform ID line, so its earlier audits cannot be found' };
  if (!dateTime || parseMetadataDateTime(dateTime) === undefined) return { reason: 'the file has no readable #Date Time line, so it is unknown which audits came before it' };
  return { platformId, dateTime, kind: doc.kind };
}

/**
 * V16's findings for `doc` against `previous` (undefined: the library holds
 * no earlier audit of the platform). Every finding is INFO: a change from
 * last month is news, not an error.
 */
export function checkAgainstPrevious(make: MakeFinding, doc: CsvDocument, query: PreviousAuditQuery, previous: PreviousAudit | undefined): Finding[] {
  if (!previous) {
    return [make('V16', 'INFO', locate(doc), `The library holds no audit of platform ${query.platformId} before ${query.dateTime}; there is nothing to compare this one with.`)];
  }
  const out = new CappedFindings(make, 'V16', locate(doc));
  const before = `the previous audit (${previous.dateTime}, ${previous.file})`;
  // Provider rows are keyed by the provider's name in a detailed file and by its PKID in an anonymous one: only the same kind lines them up.
  const comparable = (key: string) => previous.kind === doc.kind || isCustomerRowKey(key);
  const header = doc.csv.header;
  const width = header.length;
  // Keyed as the library keyed its rows: well-formed rows only (store-audit.ts), so provider rows number alike.
  const rows = doc.csv.rows.filter((r) => r.fields.length === width);
  const keys = auditRowKeys(header, rows);
  const earlier = new Map(previous.rows.filter((r) => comparable(r.rowKey)).map((r) => [r.rowKey, r]));
  const countColumns = doc.columns.valueColumns
    .filter((c) => !FLAG_COLUMNS.has(c) && !doc.unavailable.has(c))
    .map((c) => [c, header.indexOf(c)] as const)
    .filter(([, i]) => i >= 0);
  const customerIndex = header.indexOf('Customer');
  let appeared = 0;
  let moved = 0;
  const seen = new Set<string>();

  // A row with the wrong number of fields fails V10: its counts cannot be lined up, but its customer is not "gone".
  const pkidIndex = header.indexOf(CUSTOMER_PKID);
  for (const row of doc.csv.rows) {
    const pkid = row.fields.length !== width && pkidIndex >= 0 ? row.fields[pkidIndex] : undefined;
    if (pkid) seen.add(customerRowKey(pkid));
  }

  for (const [k, row] of rows.entries()) {
    const key = keys[k]!;
    if (!comparable(key) || seen.has(key)) continue;
    seen.add(key);
    const name = customerIndex >= 0 ? (row.fields[customerIndex] ?? '') : '';
    const old = earlier.get(key);
    if (!old) {
      appeared += 1;
      out.add('INFO', locate(doc, row.line), `${describeRow(key, name)} is new: it is not in ${before}.`);
      continue;
    }
    for (const [column, index] of countColumns) {
      const now = count(row.fields[index]);
      const then = count(old.cells[column]);
      if (now === undefined || then === undefined || !movedTooMuch(then, now)) continue;
      moved += 1;
      const change = then === 0 ? 'none before' : `${now > then ? '+' : '−'}${Math.round((Math.abs(now - then) / then) * 100)}%`;
      out.add('INFO', locate(doc, row.line, column), `${column} for ${describeRow(key, name || old.customer)} moved from ${then} to ${now} (${change}) since ${before}.`);
    }
  }
  let vanished = 0;
  for (const [key, old] of earlier) {
    if (seen.has(key)) continue;
    vanished += 1;
    out.add('INFO', locate(doc), `${describeRow(key, old.customer)} was in ${before} but is not in this one.`);
  }
  const summary = make(
    'V16',
    'INFO',
    locate(doc),
    `Compared with ${before}: ${plural(appeared, 'row')} new, ${plural(vanished, 'row')} gone, ${plural(moved, 'count')} moved by more than ${MOVE_THRESHOLD * 100}%.`,
  );
  return [summary, ...out.result()];
}

/** More than 20% away from the previous value; any change from 0 counts (it has no percentage). */
export function movedTooMuch(then: number, now: number): boolean {
  if (then === 0) return now !== 0;
  return Math.abs(now - then) > then * MOVE_THRESHOLD;
}

function count(cell: string | undefined): number | undefined {
  // V11 reports a cell that is no count; it is not compared here.
  return cell !== undefined && /^\d+$/.test(cell) ? Number(cell) : undefined;
}

function describeRow(key: string, name: string): string {
  const pkid = customerPkidOfKey(key);
  if (pkid !== undefined) return name ? `Customer ${name} (PKID ${pkid})` : `Customer PKID ${pkid}`;
  const [owner, n] = key.slice('provider:'.length).split('#');
  return `The provider row${owner ? ` of ${owner}` : ''}${n && n !== '1' ? ` (its ${ordinal(Number(n))})` : ''}`;
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
