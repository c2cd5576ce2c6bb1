/**
 * A normalized record turned into what its model table stores: the columns
 * every table has and the typed field columns (booleans of any spelling as
 * 1/0 by R110, lists of any shape as a JSON array; see field-values.ts). Pure data in, plain values out,
 * so it can run in the reader's thread and cross to the library's cheaply.
 * A batch's raw JSON is compressed here too, into the one chunk the library
 * keeps for the drill-down: in the reader's thread that work is off the
 * library's (the busier) core, and the raw text never crosses between threads.
 */
import { deflateRawSync } from 'node:zlib';
import { type ColumnValue, columnValue } from '../../src-shared/ingest/field-values';
import type { NormalizedRecord } from '../../src-shared/ingest/types';
import { TABLE_BY_MODEL_TYPE } from './model-tables';
import { RepeatFilter } from '../../src-shared/util/repeat-filter';

export type Value = ColumnValue;

export interface PreparedRow {
  modelType: string;
  pkid: string;
  /** True when the pkid is stored as its 12 bytes (see storedPkid), found in the batch's `pkids` at 12 × the row's index. */
  pkidBytes: boolean;
  pkidDerived: boolean;
  path: string;
  /** The model table's field columns in order; for `m_other`: model type, export type, fields JSON. */
  values: Value[];
}

export interface PreparedBatch {
  rows: PreparedRow[];
  /** Raw-deflated UTF-8 of a JSON array of every record's raw JSON, in the order of `rows` (row k's is element k). */
  rawChunk: Uint8Array;
  /** 12 bytes per row: the pkid's bytes for rows with `pkidBytes`, zeros for the others. */
  pkids: Uint8Array;
  /** Rows (by index) whose model type and pkid may repeat a record earlier in the same import (RepeatFilter). */
  maybeRepeats: number[];
}

/** Level 1: the raw JSON is kept for the rare drill-down; the fastest level already shrinks it about sixfold. */
const RAW_CHUNK_LEVEL = 1;

/** Prepares the batches of one import, in order: it remembers the records it has seen, to flag repeats. */
export class BatchPreparer {
  private readonly repeats = new RepeatFilter();

  prepare(records: readonly NormalizedRecord[]): PreparedBatch {
    const rows = new Array<PreparedRow>(records.length);
    const raws = new Array<string>(records.length);
    const maybeRepeats: number[] = [];
    // One buffer for the batch's pkids: 6 million small typed arrays would cost more to send and collect than the strings they replace.
    const pkids = Buffer.allocUnsafeSlow(PKID_BYTES * records.length).fill(0);
    for (let k = 0; k < records.length; k++) {
      const record = records[k]!;
      const row = prepareRow(record);
      if (row.pkidBytes) pkids.write(record.pkid, PKID_BYTES * k, PKID_BYTES, 'hex');
      rows[k] = row;
      raws[k] = record.rawJson;
      if (this.repeats.seen(record.modelType, record.pkid)) maybeRepeats.push(k);
    }
    return { rows, rawChunk: ownedBytes(deflateRawSync(`[${raws.join(',')}]`, { level: RAW_CHUNK_LEVEL })), pkids, maybeRepeats };
  }
}

/**
 * Bytes that own their whole ArrayBuffer, so it can be transferred to the
 * library's thread rather than copied. A small Buffer can be a slice of Node's
 * shared pool, which must not be transferred (that would detach the pool).
 */
function ownedBytes(b: Buffer): Uint8Array {
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b);
}

export function prepareRow(record: NormalizedRecord): PreparedRow {
  const table = TABLE_BY_MODEL_TYPE.get(record.modelType);
  const values = table
    ? table.columns.map((c) => columnValue(record.fields, c))
    : [record.modelType, record.exportType ?? null, JSON.stringify(record.fields)];
  return { modelType: record.modelType, pkid: record.pkid, pkidBytes: VOSS_PKID.test(record.pkid), pkidDerived: record.pkidDerived, path: record.path, values };
}

const PKID_BYTES = 12;
const VOSS_PKID = /^[0-9a-f]{24}$/;

/**
 * VOSS pkids are 24 lower-case hex digits: stored as their 12 bytes, which
 * makes the library 12% smaller (a pkid is in its row and in its UNIQUE
 * index), and so the peak memory of saving it, which holds it twice. Any
 * other pkid (derived, export bundle ids) is stored as the text it is; a blob
 * and a text never compare equal, so the two kinds cannot collide.
 * decodePkid gives back exactly the string that was read.
 */
export function storedPkid(pkid: string): string | Uint8Array {
  return VOSS_PKID.test(pkid) ? new Uint8Array(Buffer.from(pkid, 'hex')) : pkid;
}

export function decodePkid(stored: unknown): string {
  return stored instanceof Uint8Array ? Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength).toString('hex') : String(stored);
}

/** storedPkid in SQL, for a text expression `x`. */
export function storedPkidSql(x: string): string {
  return `CASE WHEN typeof(${x}) = 'text' AND length(${x}) = 24 AND ${x} NOT GLOB '*[^0-9a-f]*' THEN unhex(${x}) ELSE ${x} END`;
}
