/**
 * A normalized record turned into what its model table stores: the columns
 * every table has and the typed field columns (booleans of any spelling as
 * 1/0, lists of any shape as a JSON array). Pure data in, plain values out,
 * so it can run in the reader's thread and cross to the library's cheaply.
 */
import { asBoolean, asList, fieldOf } from '../../src-shared/ingest/values';
import type { NormalizedRecord } from '../../src-shared/ingest/types';
import { type FieldColumn, TABLE_BY_MODEL_TYPE } from './model-tables';
import { nodeTypeName } from './paths';

export type Value = string | number | null;

export interface PreparedRow {
  modelType: string;
  pkid: string;
  pkidDerived: boolean;
  path: string;
  rawJson: string;
  /** The model table's field columns in order; for `m_other`: model type, export type, fields JSON. */
  values: Value[];
}

export function prepareRow(record: NormalizedRecord): PreparedRow {
  const table = TABLE_BY_MODEL_TYPE.get(record.modelType);
  const values = table
    ? table.columns.map((c) => columnValue(record.fields, c))
    : [record.modelType, record.exportType ?? null, JSON.stringify(record.fields)];
  return { modelType: record.modelType, pkid: record.pkid, pkidDerived: record.pkidDerived, path: record.path, rawJson: record.rawJson, values };
}

function columnValue(fields: Record<string, unknown>, column: FieldColumn): Value {
  const value = column.field.includes('.') ? nestedField(fields, column.field) : fieldOf(fields, column.field);
  switch (column.kind) {
    case 'bool': {
      const b = asBoolean(value);
      return b === undefined ? null : b ? 1 : 0;
    }
    case 'list':
      return JSON.stringify(asList(value));
    case 'type-name':
      return value === undefined || value === null ? null : nodeTypeName(value);
    default:
      return value === undefined || value === null ? null : typeof value === 'string' ? value : JSON.stringify(value);
  }
}

function nestedField(fields: Record<string, unknown>, dotted: string): unknown {
  let current: unknown = fields;
  for (const part of dotted.split('.')) {
    if (!current || typeof current !== 'object') return undefined;
    current = fieldOf(current as Record<string, unknown>, part);
  }
  return current;
}
