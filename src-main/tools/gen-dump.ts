#!/usr/bin/env node
/**
 * `npm run gen -- --users N --out DIR [--seed S] [--gzip] [--jsonl] [--api-shape] [--pages K]`
 *
 * Writes a synthetic platform dump (platform-dump.md §1) with the variety real
 * dumps have, for tests and for measuring the readers at scale. The same
 * options give the same bytes. Records are generated user by user and
 * streamed to one file per model type (and page), so a million users need no
 * more memory than ten.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { finished, pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { dottedModelType, MODEL_TYPES, type ModelType } from '../../src-shared/ingest/model-types';
import {
  buildPlatform,
  drawStyle,
  formatRng,
  type GenRecord,
  type InstanceShape,
  instanceOf,
  mix32,
  type Platform,
  platformFormatRng,
  platformRecords,
  Rng,
  userRecords,
} from './gen-dump-model';

export interface GenOptions {
  users: number;
  out: string;
  seed: number;
  /** Write `.json.gz` / `.jsonl.gz`. */
  gzip: boolean;
  /** Write JSON lines (one instance per line) instead of JSON arrays. */
  jsonl: boolean;
  /** Write what the REST API answers: every file an API list answer, every instance in the API shape. */
  apiShape: boolean;
  /** Split each model type into this many files (users are split into K ranges). */
  pages: number;
}

export interface GenSummary {
  /** Files written, relative to `out`, in order. */
  files: string[];
  /** Instances written per model type. */
  counts: Record<string, number>;
  /** Instances written without a pkid (the reader derives one and warns). */
  withoutPkid: number;
  /** Bytes written (as on disk). */
  bytes: number;
}

type FileFormat = 'array' | 'api-list' | 'jsonl';
type Layout = 'one-per-line' | 'compact' | 'pretty';

interface TypePlan {
  type: ModelType;
  format: FileFormat;
  layout: Layout;
  /** The shape most instances of the file take (a few take the other, unless --api-shape). */
  shape: InstanceShape;
  crlf: boolean;
}

/** A model type the readers do not know: real dumps hold many, and they must be skipped, not fail. */
const UNKNOWN_TYPE_FILE = 'device.cucm.Line.json';

export async function generateDump(o: GenOptions): Promise<GenSummary> {
  await prepareOutFolder(o.out);
  const platform = buildPlatform(o.seed, o.users);
  const plans = planFiles(o);
  const pageStart = (p: number): number => Math.floor((p * o.users) / o.pages);
  const summary: GenSummary = { files: [], counts: Object.fromEntries(MODEL_TYPES.map((t) => [t, 0])), withoutPkid: 0, bytes: 0 };

  // API list answers carry their totals first, so count every page before writing any (records are re-derivable).
  const pageCounts = plans.some((p) => p.format === 'api-list') ? countPages(platform, o.pages, pageStart) : undefined;
  const written = new Map<ModelType, number>();

  for (let page = 0; page < o.pages; page++) {
    const files = new Map<ModelType, TypeFile>();
    for (const plan of plans) {
      const name = `${dottedModelType(plan.type)}${o.pages > 1 ? `.page-${page + 1}` : ''}${plan.format === 'jsonl' ? '.jsonl' : '.json'}${o.gzip ? '.gz' : ''}`;
      const pagination = pageCounts && {
        skip: written.get(plan.type) ?? 0,
        limit: pageCounts.get(plan.type)![page]!,
        total: pageCounts.get(plan.type)!.reduce((a, b) => a + b, 0),
      };
      files.set(plan.type, new TypeFile(join(o.out, name), o.gzip, plan, pagination));
      summary.files.push(name);
    }
    const write = async (rec: GenRecord, rng: Rng): Promise<void> => {
      const file = files.get(rec.type)!;
      const style = drawStyle(rng, file.plan.shape, o.apiShape);
      if (style.noPkid) summary.withoutPkid++;
      summary.counts[rec.type]!++;
      written.set(rec.type, (written.get(rec.type) ?? 0) + 1);
      const pending = file.add(instanceOf(rec, style, rng), rng);
      if (pending) await pending;
    };
    if (page === 0) {
      const rng = platformFormatRng(o.seed);
      for (const rec of platformRecords(platform)) await write(rec, rng);
    }
    for (let i = pageStart(page); i < pageStart(page + 1); i++) {
      const rng = formatRng(o.seed, i);
      for (const rec of userRecords(platform, i)) await write(rec, rng);
    }
    for (const file of files.values()) summary.bytes += await file.close();
  }

  summary.bytes += await writeSmallFile(o.out, UNKNOWN_TYPE_FILE, `${JSON.stringify(unknownTypeRecords(platform), null, 1)}\n`);
  summary.bytes += await writeSmallFile(o.out, 'meta.json', `${JSON.stringify(metaOf(o.seed), null, 2)}\n`);
  summary.files.push(UNKNOWN_TYPE_FILE, 'meta.json');
  return summary;
}

async function prepareOutFolder(out: string): Promise<void> {
  await mkdir(out, { recursive: true });
  const present = await readdir(out);
  if (present.length > 0) throw new Error(`${out} is not empty; give a new or empty folder so no stale files mix in`);
}

/** Per type, its file format, layout and instance shape: varied across types, the same for the same seed. */
function planFiles(o: GenOptions): TypePlan[] {
  return MODEL_TYPES.map((type, k) => {
    const rng = new Rng(mix32(o.seed, 1000 + k));
    const format: FileFormat = o.jsonl ? 'jsonl' : o.apiShape ? 'api-list' : rng.chance(0.3) ? 'api-list' : 'array';
    const layout: Layout = format === 'jsonl' ? 'one-per-line' : rng.pick(['one-per-line', 'one-per-line', 'compact', 'pretty'] as const);
    const shape: InstanceShape = o.apiShape || format === 'api-list' || rng.chance(0.5) ? 'api' : 'flat';
    return { type, format, layout, shape, crlf: rng.chance(0.2) };
  });
}

function countPages(platform: Platform, pages: number, pageStart: (p: number) => number): Map<ModelType, number[]> {
  const counts = new Map<ModelType, number[]>(MODEL_TYPES.map((t) => [t, new Array<number>(pages).fill(0)]));
  for (const rec of platformRecords(platform)) counts.get(rec.type)![0]!++;
  for (let page = 0; page < pages; page++) {
    for (let i = pageStart(page); i < pageStart(page + 1); i++) {
      for (const rec of userRecords(platform, i)) counts.get(rec.type)![page]!++;
    }
  }
  return counts;
}

/** Strings are gathered to about this size before a write, so a million small writes become a few hundred. */
const WRITE_BUFFER_CHARS = 1 << 20;

/** One output file of one type and page: its opening, its instances in the file's layout, its close. */
class TypeFile {
  private readonly sink: Writable;
  private readonly done: Promise<unknown>;
  private readonly file: ReturnType<typeof createWriteStream>;
  private parts: string[] = [];
  private size = 0;
  private first = true;

  constructor(
    path: string,
    gzip: boolean,
    readonly plan: TypePlan,
    pagination: { skip: number; limit: number; total: number } | undefined,
  ) {
    this.file = createWriteStream(path);
    if (gzip) {
      const gz = createGzip();
      this.done = pipeline(gz, this.file);
      this.sink = gz;
    } else {
      this.sink = this.file;
      this.done = finished(this.file);
    }
    if (plan.format === 'array') this.push('[');
    else if (plan.format === 'api-list') {
      const p = JSON.stringify({ ...pagination, maximum_limit: 2000, order_by: 'name', direction: 'asc', current: `/api/${plan.type}/` });
      this.push(plan.layout === 'pretty' ? `{\n  "pagination": ${p},\n  "resources": [` : `{"pagination": ${p}, "resources": [`);
    }
  }

  add(instance: Record<string, unknown>, rng: Rng): Promise<void> | undefined {
    const { format, layout } = this.plan;
    const nl = this.plan.crlf ? '\r\n' : '\n';
    if (format === 'jsonl') {
      // Now and then a blank line, which JSON lines readers must skip.
      return this.push(`${JSON.stringify(instance)}${nl}${rng.chance(0.001) ? nl : ''}`);
    }
    const comma = this.first ? '' : ',';
    this.first = false;
    if (layout === 'compact') return this.push(`${comma}${JSON.stringify(instance)}`);
    if (layout === 'one-per-line') return this.push(`${comma}${nl}${JSON.stringify(instance)}`);
    const indent = format === 'api-list' ? '    ' : '  ';
    return this.push(`${comma}${nl}${indent}${JSON.stringify(instance, null, 2).replace(/\n/g, `${nl}${indent}`)}`);
  }

  /** Finishes the file; returns its size on disk. */
  async close(): Promise<number> {
    const nl = this.plan.crlf ? '\r\n' : '\n';
    const closing = this.plan.layout === 'compact' ? '' : nl;
    if (this.plan.format === 'array') this.push(`${closing}]${nl}`);
    else if (this.plan.format === 'api-list') this.push(`${closing}${this.plan.layout === 'pretty' ? '  ' : ''}]}${nl}`);
    await this.flush();
    this.sink.end();
    await this.done;
    return this.file.bytesWritten;
  }

  private push(s: string): Promise<void> | undefined {
    this.parts.push(s);
    this.size += s.length;
    return this.size >= WRITE_BUFFER_CHARS ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.sink.write(text)) await once(this.sink, 'drain');
  }
}

async function writeSmallFile(out: string, name: string, text: string): Promise<number> {
  await writeFile(join(out, name), text);
  return Buffer.byteLength(text);
}

function unknownTypeRecords(platform: Platform): unknown[] {
  const rng = new Rng(mix32(platform.seed, 77));
  return platform.customers.slice(0, 3).map((c, k) => ({ pkid: rng.pkid(), hierarchy: `${c.path}.${c.sites[0]}`, pattern: `+1555000${k}`, routePartitionName: 'PT_Internal' }));
}

function metaOf(seed: number): Record<string, string> {
  const rng = new Rng(mix32(seed, 99));
  return {
    OrgID: `00D${rng.pkid().slice(0, 15)}`,
    'Platform ID': rng.pkid(),
    hostname: 'VOSS-GEN-1',
    'Provider Name': 'CS-P',
    'Software Version': '24.1',
    'Platform Version': '24.1-PB2',
    'Deployment Mode': 'Provider',
    'Date Time': '2025-10-01 03:00',
    'License Token': rng.pkid(),
    'License Expiry': '2026-10-01',
  };
}

// ---------------------------------------------------------------------------
// Command line

export const USAGE = `Usage: npm run gen -- --users N --out DIR [--seed S] [--gzip] [--jsonl] [--api-shape] [--pages K]

Writes a synthetic platform dump of N users into DIR (a new or empty folder).
  --seed S      the same seed gives the same bytes (default 1)
  --gzip        write .json.gz (or .jsonl.gz) files
  --jsonl       one instance per line instead of JSON arrays
  --api-shape   every file a VOSS API list answer, every instance in the API shape
  --pages K     split each model type into K files (default 1)
`;

export function parseGenArgs(argv: readonly string[]): GenOptions {
  const o: Partial<GenOptions> = { seed: 1, gzip: false, jsonl: false, apiShape: false, pages: 1 };
  const count = (flag: string, v: string | undefined, min: number): number => {
    if (v === undefined || !/^\d+$/.test(v) || Number(v) < min) throw new Error(`${flag} needs a whole number of at least ${min}`);
    return Number(v);
  };
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!;
    switch (arg) {
      case '--users':
        o.users = count(arg, argv[++k], 0);
        break;
      case '--out': {
        const v = argv[++k];
        if (!v) throw new Error('--out needs a folder');
        o.out = v;
        break;
      }
      case '--seed':
        o.seed = count(arg, argv[++k], 0);
        break;
      case '--pages':
        o.pages = count(arg, argv[++k], 1);
        break;
      case '--gzip':
        o.gzip = true;
        break;
      case '--jsonl':
        o.jsonl = true;
        break;
      case '--api-shape':
        o.apiShape = true;
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  if (o.users === undefined) throw new Error('--users is required');
  if (o.out === undefined) throw new Error('--out is required');
  return o as GenOptions;
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  let options: GenOptions;
  try {
    options = parseGenArgs(argv);
  } catch (e) {
    process.stderr.write(`gen-dump: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    return 2;
  }
  const started = Date.now();
  const summary = await generateDump(options);
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(`wrote ${summary.files.length} files, ${(summary.bytes / 1e6).toFixed(1)} MB, in ${seconds.toFixed(1)} s to ${options.out}\n`);
  for (const [type, n] of Object.entries(summary.counts)) process.stdout.write(`  ${type.padEnd(40)} ${n}\n`);
  if (summary.withoutPkid > 0) process.stdout.write(`  (${summary.withoutPkid} instances without a pkid)\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`gen-dump: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
