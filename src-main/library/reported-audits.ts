/**
 * Read side of the reported audits in the library (`audits`, `audit_rows`,
 * `audit_cells`): the month-over-month history of a platform and the
 * comparison of two audits. No counting engine needed: these are the counts
 * the platform itself reported.
 */
import type { Database } from 'sql.js';
import type { AuditComparison, AuditHistory, ReportedAudit, ReportedRow } from '../../src-shared/api/types';
import type { AuditView } from '../../src-shared/audit/columns';
import type { Verdict } from '../../src-shared/verify/findings';
import type { PreviousAudit, PreviousAuditQuery } from '../../src-shared/verify/checks/v16-previous-audit';
import { parseMetadataDateTime } from '../../src-shared/audit/metadata';
import { LibraryError } from './library';
import { queryAll } from './sql';

type Row = Record<string, string | number | null>;

const AUDIT_SELECT = `SELECT a.id, a.source_id, a.file, a.member, a.view, a.audit_version, a.verdict, s.date_time, s.platform_id
  FROM audits a JOIN sources s ON s.id = a.source_id`;

function toAudit(r: Row): ReportedAudit & { auditId: number } {
  return {
    auditId: Number(r.id),
    sourceId: Number(r.source_id),
    file: String(r.file),
    member: String(r.member),
    view: String(r.view) as AuditView,
    auditVersion: r.audit_version === null ? null : String(r.audit_version),
    dateTime: r.date_time === null ? null : String(r.date_time),
    platformId: r.platform_id === null ? null : String(r.platform_id),
    verdict: String(r.verdict) as Verdict,
  };
}

/**
 * The audit of a source in one view; the detailed one (it has names) unless
 * `view` says otherwise. `preferred` is a view to take when the source has it
 * (a dump's computed audit beside a reported one), else the default.
 */
function auditOfSource(db: Database, sourceId: number, view: AuditView | undefined, preferred?: string): ReportedAudit & { auditId: number } {
  const rows = queryAll<Row>(db, `${AUDIT_SELECT} WHERE a.source_id = ? ORDER BY a.view = 'detailed' DESC, a.view = 'computed-legacy' DESC, a.id`, [sourceId]).map(toAudit);
  const found = view ? rows.find((a) => a.view === view) : (rows.find((a) => a.view === preferred) ?? rows[0]);
  if (!found) {
    throw new LibraryError(`source ${sourceId} holds no reported audit${view ? ` in the ${view} view` : ''}; import its license ZIP or detailed CSV`);
  }
  return found;
}

function rowsOf(db: Database, auditId: number): ReportedRow[] {
  const rows = new Map<number, ReportedRow>();
  for (const r of queryAll<Row>(db, 'SELECT id, row_key, provider, reseller, customer, customer_pkid FROM audit_rows WHERE audit_id = ? ORDER BY line', [auditId])) {
    rows.set(Number(r.id), {
      rowKey: String(r.row_key),
      provider: String(r.provider ?? ''),
      reseller: String(r.reseller ?? ''),
      customer: String(r.customer ?? ''),
      customerPkid: String(r.customer_pkid ?? ''),
      cells: {},
    });
  }
  const cells = queryAll<Row>(
    db,
    'SELECT c.row_id, c.column_name, c.value FROM audit_cells c JOIN audit_rows r ON r.id = c.row_id WHERE r.audit_id = ?',
    [auditId],
  );
  for (const c of cells) {
    const row = rows.get(Number(c.row_id));
    if (row) row.cells[String(c.column_name)] = String(c.value);
  }
  return [...rows.values()];
}

const strip = ({ auditId: _auditId, ...audit }: ReportedAudit & { auditId: number }): ReportedAudit => audit;

/** Every active reported audit of a platform, oldest first (by the audit's Date Time, then import order). */
export function auditHistory(db: Database, query: { platformId?: string | undefined; sourceId?: number | undefined; view?: AuditView | undefined }): AuditHistory {
  let platformId = query.platformId ?? null;
  if (platformId === null && query.sourceId !== undefined) {
    const source = queryAll<Row>(db, 'SELECT platform_id FROM sources WHERE id = ?', [query.sourceId])[0];
    if (!source) throw new LibraryError(`there is no source ${query.sourceId} in the library`);
    platformId = source.platform_id === null ? null : String(source.platform_id);
    if (platformId === null) {
      // A source without a Platform ID has no history but itself.
      const audit = auditOfSource(db, query.sourceId, query.view);
      return { platformId: null, audits: [{ ...strip(audit), rows: rowsOf(db, audit.auditId) }] };
    }
  }
  if (platformId === null) throw new LibraryError('name a platform (platformId) or a source (sourceId) for the audit history');
  const audits = queryAll<Row>(
    db,
    `${AUDIT_SELECT} WHERE s.platform_id = ? AND s.archived_at IS NULL ORDER BY s.date_time, s.id, a.view = 'detailed' DESC`,
    [platformId],
  ).map(toAudit);
  // One audit per source: the requested view, else the detailed one.
  const chosen = new Map<number, ReportedAudit & { auditId: number }>();
  for (const a of audits) {
    if (query.view ? a.view === query.view : !chosen.has(a.sourceId)) chosen.set(a.sourceId, a);
  }
  return { platformId, audits: [...chosen.values()].map((a) => ({ ...strip(a), rows: rowsOf(db, a.auditId) })) };
}

/** Two reported audits cell by cell: a missing row or cell compares as ''. */
export function compareAudits(db: Database, leftSourceId: number, rightSourceId: number, view?: AuditView): AuditComparison {
  const left = auditOfSource(db, leftSourceId, view);
  const right = auditOfSource(db, rightSourceId, view, left.view);
  const l = new Map(rowsOf(db, left.auditId).map((r) => [r.rowKey, r]));
  const r = new Map(rowsOf(db, right.auditId).map((x) => [x.rowKey, x]));
  const differences: AuditComparison['differences'] = [];
  for (const [key, lr] of l) {
    const rr = r.get(key);
    if (!rr) continue;
    const columns = new Set([...Object.keys(lr.cells), ...Object.keys(rr.cells)]);
    for (const column of columns) {
      const a = lr.cells[column] ?? '';
      const b = rr.cells[column] ?? '';
      if (a !== b) differences.push({ rowKey: key, customer: lr.customer || rr.customer, column, left: a, right: b });
    }
  }
  return {
    left: strip(left),
    right: strip(right),
    differences,
    rowsOnlyInLeft: [...l.keys()].filter((k) => !r.has(k)),
    rowsOnlyInRight: [...r.keys()].filter((k) => !l.has(k)),
  };
}

/**
 * V16's "previous audit of the same Platform ID": of the platform's active
 * sources with a reported audit, the one whose Date Time is the latest
 * strictly before the query's (the same snapshot is not its own previous),
 * in the query's view when it has one, else in the other reported view.
 * Times compare as times, not as text.
 */
export function previousReportedAudit(db: Database, query: PreviousAuditQuery): PreviousAudit | undefined {
  const limit = parseMetadataDateTime(query.dateTime);
  if (limit === undefined) return undefined;
  const candidates = queryAll<Row>(
    db,
    `${AUDIT_SELECT} WHERE s.platform_id = ? AND s.archived_at IS NULL AND a.view IN ('detailed', 'anonymous') ORDER BY a.id`,
    [query.platformId],
  ).map(toAudit);
  const earlier = candidates
    .map((audit) => ({ audit, minutes: audit.dateTime === null ? undefined : parseMetadataDateTime(audit.dateTime) }))
    .filter((c): c is { audit: ReportedAudit & { auditId: number }; minutes: number } => c.minutes !== undefined && c.minutes < limit);
  if (!earlier.length) return undefined;
  // One snapshot per platform and time (sources.identity): the latest time is one source, in one or both views.
  const latest = Math.max(...earlier.map((c) => c.minutes));
  const views = earlier.filter((c) => c.minutes === latest).map((c) => c.audit);
  const audit = views.find((a) => a.view === query.kind) ?? views[0]!;
  return {
    file: audit.file,
    dateTime: audit.dateTime!,
    sourceId: audit.sourceId,
    kind: audit.view as 'detailed' | 'anonymous',
    rows: rowsOf(db, audit.auditId),
  };
}
