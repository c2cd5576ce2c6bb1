/**
 * Drill-down as data: a click on a count cell, a chart bar or a difference
 * produces one of these plain objects; the records views render from it alone.
 * Being serializable, a filter survives navigation, goes into history and can
 * be written to a test as a literal.
 */
import type { LegacyColumn } from '../../src-shared/audit/columns';
import type { UserStatus } from '../../src-shared/engine/types';

/** The records counted in one cell (R91). `column` is the column's name in its output (legacy or summary). */
export interface CellDrill {
  kind: 'cell';
  rowKey: string;
  column: string;
  /** For the header of the Explain view. */
  rowLabel: string;
}

/** The VOSS users of a count row, narrowed (R80/R81). */
export interface UsersDrill {
  kind: 'users';
  rowKey?: string;
  rowLabel?: string;
  status?: UserStatus;
  column?: LegacyColumn;
  search?: string;
}

export type DrillFilter = CellDrill | UsersDrill;

export function encodeDrill(filter: DrillFilter): string {
  return JSON.stringify(filter);
}

/** Parses a filter back; anything not shaped like one is rejected rather than half-used. */
export function decodeDrill(text: string): DrillFilter | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const optionalString = (k: string) => v[k] === undefined || typeof v[k] === 'string';
  if (v.kind === 'cell' && typeof v.rowKey === 'string' && typeof v.column === 'string' && typeof v.rowLabel === 'string') {
    return { kind: 'cell', rowKey: v.rowKey, column: v.column, rowLabel: v.rowLabel };
  }
  if (v.kind === 'users' && ['rowKey', 'rowLabel', 'column', 'search'].every(optionalString)) {
    if (v.status !== undefined && v.status !== 'Licensed' && v.status !== 'Unlicensed') return undefined;
    const out: UsersDrill = { kind: 'users' };
    if (typeof v.rowKey === 'string') out.rowKey = v.rowKey;
    if (typeof v.rowLabel === 'string') out.rowLabel = v.rowLabel;
    if (v.status === 'Licensed' || v.status === 'Unlicensed') out.status = v.status;
    if (typeof v.column === 'string') out.column = v.column as LegacyColumn;
    if (typeof v.search === 'string') out.search = v.search;
    return out;
  }
  return undefined;
}
