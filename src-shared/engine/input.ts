/**
 * What the engine reads: one row per model instance with the typed columns of
 * its model table (model-fields.ts) — exactly what the reader thread prepares
 * for the library and what the library gives back, so a count from a file and
 * a recount from the library read the same values.
 */
import { type ColumnValue, columnValue, listItems } from '../ingest/field-values';
import { type ModelTable, TABLE_BY_MODEL_TYPE } from '../ingest/model-fields';
import type { NormalizedRecord } from '../ingest/types';
import { fieldOf } from '../ingest/values';

/** A column value as the library stores it, or a list column as its items (rows made in memory skip the JSON round trip). */
export type EngineValue = ColumnValue | readonly unknown[];

export interface EngineRow {
  modelType: string;
  pkid: string;
  /** The dotted hierarchy path the instance lives at. */
  path: string;
  /** The model table's field columns, in its order: as stored (lists as JSON array text), or lists already as arrays. */
  values: readonly EngineValue[];
  /** True when the instance had no pkid and one was derived (R115 marks derived node ids). */
  pkidDerived?: boolean;
  /** NormalizedRecord.fileOrder: which of two repeats of one (model type, pkid) is the first; rows without it keep arrival order. */
  fileOrder?: number;
}

/** Rows grouped by model type, in arrival order. */
export class EngineInput {
  private readonly byType = new Map<string, EngineRow[]>();

  add(row: EngineRow): void {
    if (!TABLE_BY_MODEL_TYPE.has(row.modelType)) return; // export types no rule reads
    let list = this.byType.get(row.modelType);
    if (!list) this.byType.set(row.modelType, (list = []));
    list.push(row);
  }

  addAll(rows: Iterable<EngineRow>): void {
    for (const row of rows) this.add(row);
  }

  rows(modelType: string): readonly EngineRow[] {
    return this.byType.get(modelType) ?? [];
  }

  types(): IterableIterator<string> {
    return this.byType.keys();
  }

  has(modelType: string): boolean {
    return (this.byType.get(modelType)?.length ?? 0) > 0;
  }
}

/** Reads one model table's columns by name from its rows. */
export class ColumnReader {
  private readonly index: ReadonlyMap<string, number>;

  constructor(modelType: string) {
    const table = TABLE_BY_MODEL_TYPE.get(modelType);
    if (!table) throw new Error(`no model table for ${modelType}`);
    this.index = new Map(table.columns.map((c, i) => [c.column, i]));
  }

  private at(row: EngineRow, column: string): EngineValue {
    const i = this.index.get(column);
    if (i === undefined) throw new Error(`no column ${column}`);
    return row.values[i] ?? null;
  }

  text(row: EngineRow, column: string): string {
    return valueText(this.at(row, column));
  }

  bool(row: EngineRow, column: string): boolean {
    return valueTrue(this.at(row, column));
  }

  list(row: EngineRow, column: string): string[] {
    return listText(this.at(row, column));
  }
}

/**
 * A freshly read record as the engine reads it: the same values the library
 * would store (field-values.ts), except that lists stay arrays instead of
 * going through JSON text and back. Records of types no rule reads give
 * undefined.
 */
export function engineRowOf(record: NormalizedRecord): EngineRow | undefined {
  const table = TABLE_BY_MODEL_TYPE.get(record.modelType);
  if (!table) return undefined;
  const values = valuesOf(record, table.columns);
  const row: EngineRow = { modelType: record.modelType, pkid: record.pkid, pkidDerived: record.pkidDerived, path: record.path, values };
  if (record.fileOrder !== undefined) row.fileOrder = record.fileOrder;
  return row;
}

export function valuesOf(record: NormalizedRecord, columns: ModelTable['columns']): EngineValue[] {
  return columns.map((c): EngineValue => (c.kind === 'list' ? listItems(fieldOf(record.fields, c.field)) : columnValue(record.fields, c)));
}

/**
 * Rows of one model type (and one file), packed: each row is the table's
 * column values, then its pkid, 1 when the pkid was derived (else 0), and its
 * path's index in `paths`. The reader threads send rows this way and the
 * library's JSON slices read this way: arrays instead of EngineRow objects,
 * with the model type and each path once per group, halve what JSON.parse
 * builds and what the collector then tracks.
 */
export interface RowGroup {
  modelType: string;
  /** NormalizedRecord.fileOrder of the group's file (absent: arrival order). */
  fileOrder?: number;
  paths: readonly (string | undefined)[];
  rows: readonly (readonly EngineValue[])[];
}

/** Packs records into RowGroups, a new group whenever the model type or file changes; types no rule reads are left out. */
export class RowPacker {
  private groups: RowGroup[] = [];
  private modelType = '';
  private fileOrder: number | undefined;
  private paths: string[] = [];
  private pathIndex = new Map<string, number>();
  private rows: EngineValue[][] = [];
  private columns: ModelTable['columns'] = [];

  add(record: NormalizedRecord): void {
    if (record.modelType !== this.modelType || record.fileOrder !== this.fileOrder || this.rows.length === 0) {
      const table = TABLE_BY_MODEL_TYPE.get(record.modelType);
      if (!table) return;
      this.close();
      this.modelType = record.modelType;
      this.fileOrder = record.fileOrder;
      this.columns = table.columns;
    }
    let at = this.pathIndex.get(record.path);
    if (at === undefined) {
      at = this.paths.length;
      this.paths.push(record.path);
      this.pathIndex.set(record.path, at);
    }
    const row = valuesOf(record, this.columns);
    row.push(record.pkid, record.pkidDerived ? 1 : 0, at);
    this.rows.push(row);
  }

  /** The groups packed so far; the packer starts empty again. */
  take(): RowGroup[] {
    this.close();
    const groups = this.groups;
    this.groups = [];
    return groups;
  }

  private close(): void {
    if (this.rows.length > 0) {
      const group: RowGroup = { modelType: this.modelType, paths: this.paths, rows: this.rows };
      if (this.fileOrder !== undefined) group.fileOrder = this.fileOrder;
      this.groups.push(group);
    }
    this.rows = [];
    this.paths = [];
    this.pathIndex = new Map();
  }
}

/** One batch of records as RowGroups (what every reader hands the engine). */
export function packRows(records: readonly NormalizedRecord[]): RowGroup[] {
  const packer = new RowPacker();
  for (const record of records) packer.add(record);
  return packer.take();
}

/** A text column's value ('' when absent). */
export const valueText = (v: EngineValue | undefined): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v));

/** A boolean column's value: stored as 1/0/null by R110 (field-values.ts). */
export const valueTrue = (v: EngineValue | undefined): boolean => v === 1;

/** A list column's items as text — stored as a JSON array, or still an array in memory; blank items were dropped when it was made. */
export function listText(v: EngineValue | undefined): string[] {
  if (v === null || v === undefined || v === '[]' || v === '') return [];
  const parsed: unknown = typeof v === 'string' ? JSON.parse(v) : v;
  if (!Array.isArray(parsed)) return [];
  const out: string[] = [];
  for (const item of parsed) {
    if (item === null || item === undefined) continue;
    const t = typeof item === 'string' ? item : typeof item === 'object' ? JSON.stringify(item) : String(item);
    if (t.trim() !== '') out.push(t);
  }
  return out;
}
