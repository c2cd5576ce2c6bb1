/**
 * The counting engine (counting-rules.md): records in, count rows, users and
 * explanations out. Pure and deterministic (R90): it runs in the worker, the
 * CLI and tests alike.
 */
import { FLAG_COLUMNS, LEGACY_COUNT_COLUMNS, type LegacyColumn, SUMMARY_COUNT_COLUMNS, type SummaryColumn } from '../audit/columns';
import type { IngestFinding, PlatformMeta, SourceKind } from '../ingest/types';
import { type ColumnDef, type CountState, LEGACY_COLUMN_DEFS, type Need, SUMMARY_COLUMN_DEFS } from './columns';
import type { RowIdentity } from './hierarchy';
import type { EngineInput } from './input';
import { compareByKey, compareCodePoints } from './keys';
import { compareRows } from './order';
import { assignPhones } from './phones';
import { readRecords, type Records } from './records';
import { ucmServices } from './subscribers';
import type { CellValue, CountedRecord, CountNote, CountOptions, CountRow, CountSession, CountSummary, UserPage, UserQuery } from './types';
import { UserDirectory } from './users';
import { linkVossUsers } from './voss-links';
import { vossUserState } from './voss-users';

export interface EngineContext {
  sourceKind: SourceKind;
  meta: PlatformMeta;
  options?: CountOptions;
  /** What the reader found; ERRORs make the count incomplete. */
  sourceFindings?: IngestFinding[];
  complete?: boolean;
}

/** platform-dump.md §3: what an export bundle cannot tell. */
const MISSING_FROM: Record<SourceKind, readonly Need[]> = {
  dump: [],
  audit: [],
  export: ['voss-users', 'webex-users', 'spark-user-configs', 'customer-flags', 'cuc-users'],
};

const LEGACY_DEF_BY_COLUMN = new Map<string, ColumnDef<LegacyColumn>>(LEGACY_COLUMN_DEFS.map((d) => [d.column, d]));
const SUMMARY_DEF_BY_COLUMN = new Map<string, ColumnDef<SummaryColumn>>(SUMMARY_COLUMN_DEFS.map((d) => [d.column, d]));

export class CountedEngine implements CountSession {
  readonly summary: CountSummary;
  private readonly directory: UserDirectory;
  private readonly rowIndexByKey: Map<string, number>;
  private readonly missing: ReadonlySet<Need>;

  constructor(
    private readonly state: CountState,
    context: EngineContext,
  ) {
    const { hierarchy } = state.records;
    this.missing = new Set(MISSING_FROM[context.sourceKind]);
    const legacy = LEGACY_COLUMN_DEFS.map((d) => [d.column, this.totals(d)] as const);
    const summary = SUMMARY_COLUMN_DEFS.map((d) => [d.column, this.totals(d)] as const);
    const flagsKnown = !this.missing.has('customer-flags');

    const keep = context.options?.fromHierarchy !== undefined ? hierarchy.rowsUnder(context.options.fromHierarchy) : () => true;
    const order = hierarchy.rows.map((_r, i) => i).filter((i) => keep(hierarchy.rows[i]!));
    order.sort((a, b) => compareRows(hierarchy.rows[a]!, hierarchy.rows[b]!));

    const rows: CountRow[] = order.map((i) => {
      const id = hierarchy.rows[i]!;
      const legacyCells = {} as Record<LegacyColumn, CellValue>;
      for (const column of LEGACY_COUNT_COLUMNS) {
        if (FLAG_COLUMNS.has(column)) legacyCells[column] = flagsKnown ? flag(column === 'Public Sector' ? id.publicSector : id.inactiveBilling) : null;
      }
      for (const [column, counts] of legacy) legacyCells[column] = counts ? counts[i]! : null;
      const summaryCells = {} as Record<SummaryColumn, CellValue>;
      for (const [column, counts] of summary) summaryCells[column] = counts ? counts[i]! : null;
      const anyCount = [...legacy, ...summary].some(([, counts]) => (counts?.[i] ?? 0) !== 0);
      return {
        key: id.key,
        kind: id.kind,
        provider: id.provider,
        reseller: id.reseller,
        customer: id.customer,
        providerPkid: id.providerPkid,
        customerPkid: id.customerPkid,
        providerPath: id.providerPath,
        customerPath: id.customerPath,
        legacy: legacyCells,
        summary: summaryCells,
        // R3/R101: a customer always has its row; a provider row only when something is counted in it.
        written: id.kind === 'customer' || anyCount,
      };
    });

    const notes: CountNote[] = [...hierarchy.notes, ...state.notes];
    if (state.records.repeats > 0) {
      notes.push({ rule: 'pkid', message: `${state.records.repeats} records repeat the model type and pkid of a record read before them (overlapping pages?); each is counted once, as the library stores it once` });
    }
    if (context.options?.fromHierarchy !== undefined && rows.length === 0) {
      notes.push({ rule: 'R102', message: `--from-hierarchy ${context.options.fromHierarchy}: the node is below customer level or holds no customer; no rows` });
    }
    const findings = context.sourceFindings ?? [];
    this.summary = {
      meta: context.meta,
      rows,
      unavailable: [...LEGACY_COUNT_COLUMNS, ...SUMMARY_COUNT_COLUMNS].filter((c, i, all) => all.indexOf(c) === i && !this.available(c)),
      notes,
      sourceFindings: findings,
      complete: context.complete ?? !findings.some((f) => f.severity === 'ERROR'),
    };
    this.rowIndexByKey = new Map(order.map((i) => [hierarchy.rows[i]!.key, i]));
    this.directory = new UserDirectory(state, order, (c) => this.available(c));
  }

  /** Per row, the column's total; null when the source cannot support it. */
  private totals(def: ColumnDef<string>): Float64Array | null {
    if (def.needs.some((n) => this.missing.has(n))) return null;
    const counts = new Float64Array(this.state.records.hierarchy.rows.length);
    def.members(this.state, (table, i, _label, _rule, weight) => {
      counts[table.row[i]!]! += weight;
    });
    return counts;
  }

  private available(column: string): boolean {
    if (FLAG_COLUMNS.has(column)) return !this.missing.has('customer-flags');
    const def = LEGACY_DEF_BY_COLUMN.get(column) ?? SUMMARY_DEF_BY_COLUMN.get(column);
    return def !== undefined && !def.needs.some((n) => this.missing.has(n));
  }

  users(query: UserQuery): UserPage {
    return this.directory.page(query, query.rowKey === undefined ? undefined : this.rowIndexByKey.get(query.rowKey) ?? -1);
  }

  /** R91: the records counted in one cell. An unknown row or column is an empty list. */
  explain(rowKey: string, column: string): CountedRecord[] {
    const row = this.rowIndexByKey.get(rowKey);
    if (row === undefined) return [];
    if (FLAG_COLUMNS.has(column)) {
      const id: RowIdentity = this.state.records.hierarchy.rows[row]!;
      if (id.kind !== 'customer') return [];
      const on = column === 'Public Sector' ? id.publicSector : id.inactiveBilling;
      return [{ modelType: 'data/HierarchyNode', pkid: id.customerPkid, label: id.customer, rule: 'R57', weight: on ? 1 : 0 }];
    }
    const def = LEGACY_DEF_BY_COLUMN.get(column) ?? SUMMARY_DEF_BY_COLUMN.get(column);
    if (!def || !this.available(column)) return [];
    const out: CountedRecord[] = [];
    def.members(this.state, (table, i, label, rule, weight) => {
      if (table.row[i] !== row) return;
      const pkid = table.pkid.at(i);
      out.push({ modelType: table.modelType.at(i), pkid, label: label(i) || pkid, rule, weight });
    });
    // Records arrive from several reader threads: the order shown must not depend on which was first.
    return out.sort((a, b) => compareCodePoints(a.modelType, b.modelType) || compareByKey(a.label, a.pkid, b.label, b.pkid));
  }
}

const flag = (on: boolean): 'Y' | 'N' => (on ? 'Y' : 'N');

/** Count a source's records. Throws CountError for R5 (unknown node) and R6 (no hierarchy). */
export function countRecords(input: EngineInput, context: EngineContext): CountedEngine {
  return countBuiltRecords(readRecords(input), context);
}

/** Count records already built (RecordsBuilder.finish), e.g. batch by batch while a dump was being read. */
export function countBuiltRecords(records: Records, context: EngineContext): CountedEngine {
  const notes: CountNote[] = [];
  const phones = assignPhones(records, notes);
  const services = ucmServices(records, phones);
  const links = linkVossUsers(records);
  const users = vossUserState(records, phones, services, links);
  return new CountedEngine({ records, phones, services, users, links, notes }, context);
}
