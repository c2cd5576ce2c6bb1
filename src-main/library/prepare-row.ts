/**
 * A normalized record turned into what its model table stores: the columns
 * every table has and the typed field columns (booleans of any spelling as
 * 1/0 by R110, lists of any shape as a JSON array; see field-values.ts). Pure data in, plain values out,
 * so it can run in the reader's thread and cross to the library's cheaply.
 */
import { type ColumnValue, columnValue } from '../../src-shared/ingest/field-values';
import type { NormalizedRecord } from '../../src-shared/ingest/types';
import { TABLE_BY_MODEL_TYPE } from './model-tables';

export type Value = ColumnValue;

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
