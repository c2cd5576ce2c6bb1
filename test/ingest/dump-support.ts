/** Helpers for the dump reader tests: temporary copies of fixtures, gzip and ZIP variants, reading everything. */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll } from 'vitest';
import { type DumpReadResult, readDump, type ReadDumpOptions } from '../../src-main/ingest/read-dump';
import type { NormalizedRecord } from '../../src-shared/ingest/types';
import { type RawZipEntry, rawZip } from '../support/builders';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'dumps');

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vlf-dump-'));
  made.push(dir);
  return dir;
}

/** A temporary copy of a fixture dump, to change without touching the repository. */
export function copyFixture(name: string): string {
  const dir = join(tempDir(), name);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/** Every file under a folder, relative and `/`-separated, sorted. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Replace each data file (`.json`, `.jsonl`, `.ndjson`, not meta.json) by its gzipped `.gz`. */
export function gzipDataFiles(dir: string): void {
  for (const f of filesUnder(dir)) {
    if (!/\.(json|jsonl|ndjson)$/i.test(f) || /(^|\/)meta\.json$/.test(f)) continue;
    writeFileSync(join(dir, `${f}.gz`), gzipSync(readFileSync(join(dir, f))));
    rmSync(join(dir, f));
  }
}

/** A ZIP of a folder's files, optionally under one top folder, plus any extra raw entries. */
export function zipFolder(dir: string, options: { top?: string; extra?: RawZipEntry[] } = {}): Uint8Array {
  const prefix = options.top ? `${options.top}/` : '';
  const entries: RawZipEntry[] = prefix ? [{ name: prefix }] : [];
  for (const f of filesUnder(dir)) entries.push({ name: prefix + f, data: new Uint8Array(readFileSync(join(dir, f))), deflate: true });
  return rawZip([...entries, ...(options.extra ?? [])]);
}

export function writeTemp(name: string, bytes: Uint8Array | string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

export interface ReadAll extends DumpReadResult {
  records: NormalizedRecord[];
  batches: number[];
}

export async function readAll(path: string, options: Partial<ReadDumpOptions> = {}): Promise<ReadAll> {
  const records: NormalizedRecord[] = [];
  const batches: number[] = [];
  const result = await readDump(path, {
    ...options,
    onBatch: async (batch) => {
      records.push(...batch);
      batches.push(batch.length);
      await options.onBatch?.(batch);
    },
  });
  return { ...result, records, batches };
}

/** Records without what differs between a folder, its ZIP and its gzipped copy (file names of .gz files). */
export function essence(records: readonly NormalizedRecord[]): unknown[] {
  return records.map((r) => ({ type: r.modelType, pkid: r.pkid, path: r.path, fields: r.fields, raw: r.rawJson, index: r.index }));
}
