/**
 * What the counting engine produces (counting-rules.md): per count row the
 * legacy and summary counts, per VOSS user its status and linked services,
 * and for any cell the records counted there. These types are the contract
 * between the engine, the CLI, the app's API and the renderer.
 */
import type { LegacyColumn, SummaryColumn } from '../audit/columns';
import type { IngestFinding, PlatformMeta } from '../ingest/types';

/** R2/R3: a customer row, a provider row (records above customer level) or the blank-provider row. */
export type CountRowKind = 'customer' | 'provider' | 'no-provider';

/** A count, a `Y`/`N` flag (R57), or null when the source cannot tell (platform-dump.md §3). */
export type CellValue = number | 'Y' | 'N' | null;

export interface CountRow {
  /** Stable key of the row within one count: `c:<customer path>`, `p:<provider path>` or `p:` for the blank-provider row. */
  key: string;
  kind: CountRowKind;
  /** Node names as written ('' when absent). */
  provider: string;
  reseller: string;
  customer: string;
  /** pkids of the row's Provider and Customer nodes ('' when none). */
  providerPkid: string;
  customerPkid: string;
  /** Own paths of the nodes ('' when none). */
  providerPath: string;
  customerPath: string;
  /** The 35 legacy columns (R30–R59). */
  legacy: Record<LegacyColumn, CellValue>;
  /** The summary counts (R83–R88, R109). */
  summary: Record<SummaryColumn, CellValue>;
  /** False when R101 would leave this (provider) row out of the CSV files: all its counts are 0. */
  written: boolean;
}

/** A link rule of §6 (R60–R69). */
export type LinkRule = 'R60' | 'R61' | 'R62' | 'R63' | 'R64' | 'R65' | 'R66' | 'R67' | 'R68' | 'R69';

export interface LinkedService {
  modelType: string;
  /** The record's first link field, trimmed and lower-cased (R8), or its pkid when that is blank. */
  key: string;
  pkid: string;
  /** The link rule that linked it. */
  rule: LinkRule;
  /** True when this record made the user licensed (R80/R81). */
  licensing: boolean;
}

export type UserStatus = 'Licensed' | 'Unlicensed';

export interface UserResult {
  /** The count row the user belongs to (CountRow.key). */
  rowKey: string;
  customerPkid: string;
  pkid: string;
  /** As stored in the source. */
  username: string;
  email: string;
  status: UserStatus;
  /** R82, or 0 when unlicensed. */
  licenses: number;
  /** Legacy columns of the linked UCM users (or the agent's contact center column), distinct, in header order. */
  legacyColumns: LegacyColumn[];
  /** Every record linked by R60–R69 after R6A, sorted by type, key, pkid. */
  linkedServices: LinkedService[];
  /** The link rules whose record licensed the user (R81), ascending. */
  rules: LinkRule[];
  /** R108: the Microsoft column this user is counted in, if any. */
  microsoftColumn?: LegacyColumn;
}

/** One record counted in a cell, with the rule that counted it (R91). */
export interface CountedRecord {
  modelType: string;
  pkid: string;
  /** A human label: the record's name / user id / e-mail. */
  label: string;
  rule: string;
  /** How much the record adds to the cell (1, or R82's license count for User Licenses). */
  weight: number;
}

export type CountFormat = 'legacy' | 'v5';

export interface CountOptions {
  /** R5/R102: a hierarchy node's pkid or own path. */
  fromHierarchy?: string;
}

/** A warning of the count (R115 duplicate nodes, R116 dangling names, …). */
export interface CountNote {
  rule: string;
  message: string;
}

export interface CountSummary {
  meta: PlatformMeta;
  /** Rows in R90 order; provider rows with `written: false` included (the users CSV lists their users). */
  rows: CountRow[];
  /** Columns that the source cannot support (platform-dump.md §3), in header order; their cells are null. */
  unavailable: string[];
  notes: CountNote[];
  /** Problems the reader found; a non-empty list of ERRORs means the source is incomplete. */
  sourceFindings: IngestFinding[];
  complete: boolean;
}

export class CountError extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

/** A page of the users of a count (the drill-down reads 1M users a page at a time). */
export interface UserQuery {
  rowKey?: string;
  status?: UserStatus;
  /** Users whose legacyColumns include this column. */
  column?: LegacyColumn;
  /** Case-insensitive substring of username or e-mail. */
  search?: string;
  offset?: number;
  limit?: number;
}

export interface UserPage {
  total: number;
  offset: number;
  users: UserResult[];
}

/** A finished count, kept in memory (worker side) so the drill-down and Explain answer at once. */
export interface CountSession {
  summary: CountSummary;
  users(query: UserQuery): UserPage;
  /** R91: every record counted in the cell (row key, column name of either output). */
  explain(rowKey: string, column: string): CountedRecord[];
}

/** `vlf-desk diff` / the Compare view: recount vs a reported audit. */
export interface CellDifference {
  rowKey: string;
  customerPkid: string;
  customer: string;
  column: string;
  /** The reported cell as written ('' when the row is missing). */
  reported: string;
  recounted: CellValue;
  /** The records behind the recounted value (R91). */
  records: CountedRecord[];
}

export interface CountDiff {
  differences: CellDifference[];
  /** Rows (Customer PKID, or provider name for provider rows) only in one side. */
  rowsOnlyInReported: string[];
  rowsOnlyInRecount: string[];
}
