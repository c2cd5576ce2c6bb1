/**
 * Normalized records turned into what their model tables store: the columns
 * every table has and the typed field columns (booleans of any spelling as
 * 1/0 by R110, lists of any shape as a JSON array; see field-values.ts). Pure data in, plain values out,
 * so it can run in the reader's thread and cross to the library's cheaply.
 * A batch's raw JSON is compressed here too, into the one chunk the library
 * keeps for the drill-down: in the reader's thread that work is off the
 * library's (the busier) core, and the raw text never crosses between threads.
 */
import { deflateRawSync } from 'node:zlib';
import { type EngineValue, valuesOf } from '../../src-shared/engine/input';
import type { ColumnValue } from '../../src-shared/ingest/field-values';
import type { NormalizedRecord } from '../../src-shared/ingest/types';
import { TABLE_BY_MODEL_TYPE } from './model-tables';
import { RepeatFilter } from '../../src-shared/util/repeat-filter';

export type Value = ColumnValue;

/**
 * A batch of rows as their model tables store them, packed for the library's
 * thread: every text and pkid as bytes in one buffer, and per value a pair of
 * integers saying where it is (see CellCode). The library copies the buffer
 * into SQLite's memory once and binds each value in place (bulk-insert.ts):
 * no string crosses between threads, and no value is copied or encoded again
 * on the library's thread, the import's busiest.
 */
export interface PreparedBatch {
  /** Rows in the batch. */
  count: number;
  /** The batch's model types, in order of appearance: row k's is `types[rowType[k]]`. */
  types: string[];
  rowType: Uint16Array;
  /** The batch's hierarchy paths: row k's is `paths[rowPath[k]]`. */
  paths: string[];
  rowPath: Uint32Array;
  /** 1 when row k's pkid was derived (R115), else 0. */
  derived: Uint8Array;
  /** Row k's first cell (index into `cells` / 2): its pkid, then its model table's columns in order (`m_other`: model type, export type, fields JSON). */
  rowCell: Uint32Array;
  /** Two integers per cell: `a, code` (CellCode). */
  cells: Int32Array;
  /** What text and blob cells point into. */
  bytes: Uint8Array;
  /** Raw-deflated UTF-8 of a JSON array of every record's raw JSON, in row order (row k's is element k). */
  rawChunk: Uint8Array;
  /** Rows (by index) whose model type and pkid may repeat a record earlier in the same import (RepeatFilter). */
  maybeRepeats: number[];
}

/**
 * How a cell's second integer reads: ≥ 0 is UTF-8 text of that many bytes at
 * offset `a`; NULL is SQL NULL; INTEGER is the integer `a`; BLOB_BASE − n is
 * a blob of n bytes at offset `a` (a VOSS pkid, see storedPkid).
 */
export const CellCode = { NULL: -1, INTEGER: -2, BLOB_BASE: -3 } as const;

/** The ArrayBuffers of a batch, to transfer rather than copy it to the library's thread. */
export function batchBuffers(batch: PreparedBatch): ArrayBuffer[] {
  return [batch.rowType, batch.rowPath, batch.derived, batch.rowCell, batch.cells, batch.bytes, batch.rawChunk].map((a) => a.buffer as ArrayBuffer);
}

/** Row k's pkid as read. */
export function batchPkid(batch: PreparedBatch, k: number): string {
  const cell = 2 * batch.rowCell[k]!;
  const at = batch.cells[cell]!;
  const code = batch.cells[cell + 1]!;
  const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
  return code >= 0 ? bytes.toString('utf8', at, at + code) : bytes.toString('hex', at, at + CellCode.BLOB_BASE - code);
}

/** Level 1: the raw JSON is kept for the rare drill-down; the fastest level already shrinks it about sixfold. */
const RAW_CHUNK_LEVEL = 1;

/** Prepares the batches of one import, in order: it remembers the records it has seen, to flag repeats. */
export class BatchPreparer {
  private readonly repeats = new RepeatFilter();

  /**
   * `onValues`: each record's column values as the engine reads them (lists
   * as their items), for an import that counts too: the records builder
   * takes them instead of reading every field again (RecordsBuilder.addRecords).
   */
  prepare(records: readonly NormalizedRecord[], onValues?: (k: number, values: readonly EngineValue[]) => void): PreparedBatch {
    const n = records.length;
    const packer = new CellPacker(n);
    const types: string[] = [];
    const typeIndex = new Map<string, number>();
    const paths: string[] = [];
    const pathIndex = new Map<string, number>();
    const rowType = new Uint16Array(n);
    const rowPath = new Uint32Array(n);
    const derived = new Uint8Array(n);
    const rowCell = new Uint32Array(n);
    const raws = new Array<string>(n);
    const maybeRepeats: number[] = [];
    for (let k = 0; k < n; k++) {
      const record = records[k]!;
      let t = typeIndex.get(record.modelType);
      if (t === undefined) typeIndex.set(record.modelType, (t = types.push(record.modelType) - 1));
      let p = pathIndex.get(record.path);
      if (p === undefined) pathIndex.set(record.path, (p = paths.push(record.path) - 1));
      rowType[k] = t;
      rowPath[k] = p;
      derived[k] = record.pkidDerived ? 1 : 0;
      rowCell[k] = packer.cellCount;
      if (VOSS_PKID.test(record.pkid)) packer.pkidBytes(record.pkid);
      else packer.value(record.pkid);
      const table = TABLE_BY_MODEL_TYPE.get(record.modelType);
      if (table) {
        const values = valuesOf(record, table.columns);
        // The library keeps a list as its JSON array (field-values.ts columnValue).
        values.forEach((v, c) => packer.value(table.columns[c]!.kind === 'list' ? JSON.stringify(v) : (v as ColumnValue)));
        onValues?.(k, values);
      } else for (const v of [record.modelType, record.exportType ?? null, JSON.stringify(record.fields)]) packer.value(v);
      raws[k] = record.rawJson;
      if (this.repeats.seen(record.modelType, record.pkid)) maybeRepeats.push(k);
    }
    if (types.length > 0xffff) throw new Error('a batch holds more model types than it can number');
    return {
      count: n,
      types,
      rowType,
      paths,
      rowPath,
      derived,
      rowCell,
      cells: packer.takeCells(),
      bytes: packer.takeBytes(),
      rawChunk: ownedBytes(deflateRawSync(`[${raws.join(',')}]`, { level: RAW_CHUNK_LEVEL })),
      maybeRepeats,
    };
  }
}

/** Appends cells and their bytes to buffers that grow as needed; both own their ArrayBuffers (transferable). */
class CellPacker {
  private cells: Int32Array;
  private bytes: Buffer;
  private used = 0;
  cellCount = 0;

  constructor(rows: number) {
    this.cells = new Int32Array(Math.max(16, rows * 16));
    this.bytes = Buffer.allocUnsafeSlow(Math.max(4096, rows * 256));
  }

  value(v: Value): void {
    if (v === null) this.push(0, CellCode.NULL);
    else if (typeof v === 'number') {
      // Only booleans (R110: 1/0) are numbers here; a column of any other number would need a cell kind of its own.
      if (!Number.isInteger(v) || v > 0x7fffffff || v < -0x80000000) throw new Error(`a column value ${v} is not a 32-bit integer`);
      this.push(v, CellCode.INTEGER);
    } else {
      // UTF-8 takes at most 3 bytes per UTF-16 unit.
      this.reserve(3 * v.length);
      const written = this.bytes.write(v, this.used, 'utf8');
      this.push(this.used, written);
      this.used += written;
    }
  }

  pkidBytes(hex: string): void {
    this.reserve(PKID_BYTES);
    this.bytes.write(hex, this.used, PKID_BYTES, 'hex');
    this.push(this.used, CellCode.BLOB_BASE - PKID_BYTES);
    this.used += PKID_BYTES;
  }

  takeCells(): Int32Array {
    return this.cells.slice(0, 2 * this.cellCount);
  }

  takeBytes(): Uint8Array {
    return ownedBytes(this.bytes.subarray(0, this.used));
  }

  private push(a: number, code: number): void {
    if (2 * this.cellCount + 2 > this.cells.length) {
      const grown = new Int32Array(2 * this.cells.length);
      grown.set(this.cells);
      this.cells = grown;
    }
    this.cells[2 * this.cellCount] = a;
    this.cells[2 * this.cellCount + 1] = code;
    this.cellCount += 1;
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.bytes.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(2 * this.bytes.length, this.used + bytes));
    this.bytes.copy(grown, 0, 0, this.used);
    this.bytes = grown;
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
