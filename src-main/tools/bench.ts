#!/usr/bin/env node
/**
 * `npm run bench -- [--users 10000,100000,1000000] [--keep DIR] [--cpu-prof DIR]`
 *
 * Measures dump ingest against a floor: for each size, generates a gzipped
 * synthetic dump, then times
 *   - the BASELINE: gunzip every data file and `JSON.parse` it whole — about
 *     the least any reader can do with the same bytes — and
 *   - the INGEST: `importSources` into a fresh library file, saving included,
 * and prints one plain-text row per size (ready to paste into a README), with
 * the targets checked on the 1M-user row.
 *
 * Both measurements run in a child process of their own: peak RSS
 * (`process.resourceUsage().maxRSS`) is a high-water mark for the whole life
 * of a process, so in one process the generator's, the baseline's and the
 * previous size's peaks would hide the ingest's. A child also keeps a crash
 * (out of memory in V8 or in sql.js's wasm heap) from ending the run: the
 * parent reports it and goes on.
 *
 * Not part of `npm test`: the 1M-user size takes minutes and gigabytes.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseDumpFileName } from '../../src-shared/ingest/model-types';
import type { ReadProgress } from '../../src-shared/ingest/types';
import { AuditLibrary } from '../library/library';
import { defaultReaderThreads } from '../ingest/read-for-count';
import { type CountInput, countSource, importAndCount } from '../services/count-service';
import { importSources } from '../services/import-service';
import { generateDump } from './gen-dump';

// ---------------------------------------------------------------------------
// Options

export interface BenchOptions {
  users: number[];
  /** Keep the dumps and libraries here (one sub-folder per size) instead of a temp folder that is removed. */
  keep: string | undefined;
  /** Write a V8 CPU profile of each ingest child into this folder. */
  cpuProf: string | undefined;
}

export const DEFAULT_USERS = [10_000, 100_000, 1_000_000];

export const USAGE = `Usage: npm run bench -- [--users 10000,100000,1000000] [--keep DIR] [--cpu-prof DIR]

For each number of users: generate a gzipped dump, time gunzip + JSON.parse of
every data file (the baseline), time importSources into a fresh library (the
ingest, saving included), each in a child process of its own, and print a row.
  --users LIST     comma-separated sizes (default ${DEFAULT_USERS.join(',')})
  --keep DIR       keep dumps and libraries in DIR/users-N (must be new or empty)
  --cpu-prof DIR   write a .cpuprofile of each ingest child into DIR and list its top self time
`;

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const o: BenchOptions = { users: DEFAULT_USERS, keep: undefined, cpuProf: undefined };
  const value = (flag: string, v: string | undefined): string => {
    if (!v || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!;
    switch (arg) {
      case '--users':
        o.users = parseUserList(value(arg, argv[++k]));
        break;
      case '--keep':
        o.keep = value(arg, argv[++k]);
        break;
      case '--cpu-prof':
        o.cpuProf = value(arg, argv[++k]);
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  return o;
}

function parseUserList(text: string): number[] {
  return text.split(',').map((part) => {
    const s = part.trim().replace(/_/g, '');
    if (!/^\d+$/.test(s) || Number(s) < 1) throw new Error(`--users needs whole numbers of at least 1, comma-separated; not "${part}"`);
    return Number(s);
  });
}

// ---------------------------------------------------------------------------
// What the children measure

export interface BaselineResult {
  seconds: number;
  files: number;
  /** Decompressed JSON bytes of the data files. */
  jsonBytes: number;
  instances: number;
  maxRssKb: number;
}

export interface IngestResult {
  seconds: number;
  read: number;
  stored: number;
  /** Instances whose model type and pkid were already stored (the first is kept). */
  conflicts: number;
  complete: boolean;
  libraryBytes: number;
  maxRssKb: number;
}

/** (a) read + count of the dump folder, the numbers on screen; (c) a recount of the saved library (opening it included). */
export interface CountResult {
  seconds: number;
  /** How long the count cache took to write after the count (not in `seconds`: the numbers do not wait for it). */
  cacheSeconds?: number;
  rows: number;
  userLicenses: number;
  maxRssKb: number;
}

type ChildMode = 'baseline' | 'ingest' | 'count' | 'import-count' | 'recount';

/** (b): import into a fresh library and count from the same read (importAndCount), the computed audit stored and the library saved. */
export async function measureImportAndCount(dumpDir: string, libraryFile: string): Promise<CountResult> {
  const started = process.hrtime.bigint();
  const library = await AuditLibrary.open(libraryFile);
  let rows = 0;
  let userLicenses = 0;
  let seconds = 0;
  let cacheSeconds = 0;
  try {
    // importAndCount saves the library itself, then writes the count cache (cacheSeconds).
    const { counted } = await importAndCount(library, dumpDir, { importedBy: 'bench', onProgress: heartbeat('import+count') });
    seconds = secondsSince(started);
    rows = counted.summary.rows.length;
    userLicenses = counted.summary.rows.reduce((n, r) => n + Number(r.summary['User Licenses'] ?? 0), 0);
    await cacheWritten(counted.cacheWritten);
    cacheSeconds = secondsSince(started) - seconds;
  } finally {
    library.close();
  }
  return { seconds, cacheSeconds, rows, userLicenses, maxRssKb: process.resourceUsage().maxRSS };
}

/** What a child sends its parent over IPC (or prints as one JSON line when run by hand). */
type ChildMessage<T> = { ok: true; result: T } | { ok: false; error: string; maxRssKb: number };

/** The baseline: every data file the reader would read, gunzipped and parsed whole, one after another. */
export async function measureBaseline(dumpDir: string): Promise<BaselineResult> {
  const names = (await readdir(dumpDir)).filter((n) => parseDumpFileName(n) !== undefined).sort();
  const started = process.hrtime.bigint();
  let jsonBytes = 0;
  let instances = 0;
  for (const name of names) {
    const parsed = parseDumpFileName(name)!;
    const raw = await readFile(join(dumpDir, name));
    const bytes = parsed.gzip ? gunzipSync(raw) : raw;
    jsonBytes += bytes.length;
    instances += countInstances(bytes.toString('utf8'), parsed.format);
  }
  return { seconds: secondsSince(started), files: names.length, jsonBytes, instances, maxRssKb: process.resourceUsage().maxRSS };
}

/** Instances in one file's text: a JSON array, an API list answer `{resources: [...]}`, or JSON lines. */
export function countInstances(text: string, format: 'json' | 'jsonl'): number {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (format === 'jsonl') {
    let n = 0;
    for (const line of body.split('\n')) {
      if (line.trim() === '') continue;
      JSON.parse(line);
      n++;
    }
    return n;
  }
  const parsed: unknown = JSON.parse(body);
  if (Array.isArray(parsed)) return parsed.length;
  if (isApiList(parsed)) return parsed.resources.length;
  return 0;
}

function isApiList(v: unknown): v is { resources: unknown[] } {
  return typeof v === 'object' && v !== null && Array.isArray((v as { resources?: unknown }).resources);
}

/** The ingest as the app runs it: open a fresh library, import the dump folder (saving included), close. */
export async function measureIngest(dumpDir: string, libraryFile: string): Promise<IngestResult> {
  const started = process.hrtime.bigint();
  const library = await AuditLibrary.open(libraryFile);
  let read = 0;
  let stored = 0;
  let conflicts = 0;
  let complete = true;
  let seconds = 0;
  try {
    const results = await importSources(library, [dumpDir], { importedBy: 'bench', onProgress: heartbeat('ingest') });
    for (const r of results) {
      complete &&= r.complete;
      for (const t of Object.values(r.types)) {
        read += t.read;
        stored += t.stored;
        conflicts += t.conflicts;
      }
    }
    seconds = secondsSince(started);
  } finally {
    library.close();
  }
  const libraryBytes = (await stat(libraryFile)).size;
  return { seconds, read, stored, conflicts, complete, libraryBytes, maxRssKb: process.resourceUsage().maxRSS };
}

/** (a) or (c): count a dump folder (`count DIR`) or the one source of a saved library (`recount LIBRARY`), in a fresh process. */
export async function measureCount(input: CountInput): Promise<CountResult> {
  const started = process.hrtime.bigint();
  const counted = await countSource(input, { onProgress: heartbeat(input.kind === 'path' ? 'count' : 'recount') });
  const seconds = secondsSince(started);
  const userLicenses = counted.summary.rows.reduce((n, r) => n + Number(r.summary['User Licenses'] ?? 0), 0);
  await cacheWritten(counted.cacheWritten);
  const cacheSeconds = secondsSince(started) - seconds;
  return { seconds, cacheSeconds, rows: counted.summary.rows.length, userLicenses, maxRssKb: process.resourceUsage().maxRSS };
}

/** The count cache must be written for (c) to read it: a failure to write is the bench's failure, not a slow recount later. */
async function cacheWritten(written: Promise<string | undefined>): Promise<void> {
  const failure = await written;
  if (failure !== undefined) throw new Error(`the count cache was not written: ${failure}`);
}

/** A progress line on stderr every 15 s, so a long run shows it is alive (stdout stays the report). */
function heartbeat(label: string): (p: ReadProgress) => void {
  let last = Date.now();
  return (p) => {
    const now = Date.now();
    if (now - last < 15_000 && p.phase !== 'save') return;
    last = now;
    const rss = Math.round(process.memoryUsage.rss() / 1e6);
    process.stderr.write(`    ${label}: ${p.phase}, ${p.records.toLocaleString('en-US')} records, RSS ${rss} MB\n`);
  };
}

function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Child side: run one measurement, hand the outcome to the parent (or print it), exit. */
async function runAsChild(mode: string, args: readonly string[]): Promise<number> {
  let message: ChildMessage<BaselineResult | IngestResult | CountResult>;
  try {
    const [dumpDir, libraryFile] = args;
    if (!dumpDir) throw new Error('--child needs the dump folder');
    if (mode === 'baseline') message = { ok: true, result: await measureBaseline(dumpDir) };
    else if (mode === 'ingest' && libraryFile) message = { ok: true, result: await measureIngest(dumpDir, libraryFile) };
    else if (mode === 'import-count' && libraryFile) message = { ok: true, result: await measureImportAndCount(dumpDir, libraryFile) };
    else if (mode === 'count') message = { ok: true, result: await measureCount({ kind: 'path', path: dumpDir }) };
    else if (mode === 'recount' && libraryFile) message = { ok: true, result: await measureCount({ kind: 'library', libraryPath: libraryFile, sourceId: 1 }) };
    else throw new Error(`--child ${mode}: expected "baseline DIR", "ingest DIR LIBRARY", "count DIR" or "recount DIR LIBRARY"`);
  } catch (e) {
    message = { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e), maxRssKb: process.resourceUsage().maxRSS };
  }
  await sendToParent(message);
  return message.ok ? 0 : 1;
}

function sendToParent(message: unknown): Promise<void> {
  const send = process.send?.bind(process);
  if (!send) {
    process.stdout.write(`${JSON.stringify(message)}\n`);
    return Promise.resolve();
  }
  return new Promise((resolve) => send(message, undefined, {}, () => resolve()));
}

// ---------------------------------------------------------------------------
// Parent side: children

type ChildOutcome<T> = { ok: true; result: T } | { ok: false; error: string; peakRssKb: number };

/** Run one measurement in a fresh Node process; a crash becomes an outcome carrying the peak RSS seen. */
function runChild<T>(mode: ChildMode, args: readonly string[], execArgv: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ChildOutcome<T>> {
  return new Promise((resolve) => {
    const child = fork(__filename, ['--child', mode, ...args], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'], execArgv: [...execArgv], env: { ...process.env, ...env } });
    const stderrTail = collectTail(child);
    const watch = watchPeakRss(child.pid);
    let message: ChildMessage<T> | undefined;
    child.on('message', (m) => (message = m as ChildMessage<T>));
    child.on('close', (code, signal) => {
      const peakFromProc = watch.stop();
      if (message?.ok) resolve(message);
      else if (message) resolve({ ok: false, error: message.error, peakRssKb: Math.max(message.maxRssKb, peakFromProc) });
      else {
        const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
        resolve({ ok: false, error: `the ${mode} child ${how}\n${stderrTail()}`.trim(), peakRssKb: peakFromProc });
      }
    });
  });
}

/** Forwards a child's stderr and keeps its last few KB for the report of a crash. */
function collectTail(child: ChildProcess): () => string {
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  });
  return () => tail;
}

/**
 * A crashed child cannot report its own maxRSS, so on Linux the parent polls
 * the kernel's high-water mark (VmHWM) while the child runs; elsewhere it
 * reports 0 for a crash.
 */
function watchPeakRss(pid: number | undefined): { stop(): number } {
  let peak = 0;
  const poll = (): void => {
    if (pid === undefined) return;
    try {
      const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]));
    } catch {
      // Not Linux, or the process is gone: keep the last value.
    }
  };
  const timer = setInterval(poll, 200);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}

// ---------------------------------------------------------------------------
// Parent side: one size

/** The largest file (data.User) takes about 450 bytes of JSON per user; pages keep every file under ~100 MB (V8 strings cap near 512 MB). */
const LARGEST_FILE_BYTES_PER_USER = 500;
const MAX_FILE_BYTES = 100e6;

export function pagesFor(users: number): number {
  return Math.max(1, Math.ceil((users * LARGEST_FILE_BYTES_PER_USER) / MAX_FILE_BYTES));
}

export interface SizeRow {
  users: number;
  baseline: ChildOutcome<BaselineResult>;
  ingest: ChildOutcome<IngestResult>;
  /** (a) with the dump read in the counting thread (VLF_COUNT_READERS=0) and in reader threads (one per core). */
  count: ChildOutcome<CountResult>;
  countThreaded: ChildOutcome<CountResult>;
  readerThreads: number;
  importCount: ChildOutcome<CountResult>;
  /** (c) the first recount after a plain import: the rows read out of SQLite, the count cache filled. */
  firstRecount: ChildOutcome<CountResult>;
  /** (c) a recount of the same library again: the records come from the count cache. */
  recount: ChildOutcome<CountResult>;
}

async function benchSize(users: number, folder: string, options: BenchOptions): Promise<SizeRow> {
  const dumpDir = join(folder, 'dump');
  const libraryFile = join(folder, 'library.sqlite');
  const label = `[${users.toLocaleString('en-US')} users]`;
  const pages = pagesFor(users);

  note(`${label} generating a gzipped dump (${pages} page${pages > 1 ? 's' : ''} per type) in ${dumpDir}`);
  const started = process.hrtime.bigint();
  const gen = await generateDump({ users, out: dumpDir, seed: 1, gzip: true, jsonl: false, apiShape: false, pages });
  note(`${label} generated ${gen.files.length} files, ${(gen.bytes / 1e6).toFixed(1)} MB on disk, in ${secondsSince(started).toFixed(1)} s`);

  note(`${label} baseline: gunzip + JSON.parse each data file whole`);
  const baseline = await runChild<BaselineResult>('baseline', [dumpDir]);
  note(`${label} ingest: importSources into a fresh library (save included)`);
  // One folder per size: Node names each thread's profile itself (a fixed --cpu-prof-name would let threads overwrite each other).
  const execArgv = options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', profileFolder(options.cpuProf, users)] : [];
  const ingest = await runChild<IngestResult>('ingest', [dumpDir, libraryFile], execArgv);
  const readerThreads = defaultReaderThreads({});
  note(`${label} count (a): read + count the dump folder, read in the counting thread`);
  const count = await runChild<CountResult>('count', [dumpDir], [], { VLF_COUNT_READERS: '0' });
  note(`${label} count (a): read + count the dump folder, read by ${readerThreads} reader threads`);
  const countThreaded = await runChild<CountResult>('count', [dumpDir], [], { VLF_COUNT_READERS: String(readerThreads) });
  note(`${label} import + count (b): a fresh library, counted from the same read`);
  const importCount = await runChild<CountResult>('import-count', [dumpDir, `${libraryFile}.b`]);
  await rm(`${libraryFile}.b`, { force: true });
  await rm(`${libraryFile}.b.count-cache`, { recursive: true, force: true });
  const noLibrary = { ok: false, error: 'no library: the ingest failed', peakRssKb: 0 } as const;
  note(`${label} recount (c), first: open the saved library and count it again (the rows read back, the count cache filled)`);
  const firstRecount = ingest.ok ? await runChild<CountResult>('recount', [dumpDir, libraryFile]) : noLibrary;
  note(`${label} recount (c): open the library and count it once more (the records from the count cache)`);
  const recount = ingest.ok ? await runChild<CountResult>('recount', [dumpDir, libraryFile]) : noLibrary;
  await rm(`${libraryFile}.count-cache`, { recursive: true, force: true });
  return { users, baseline, ingest, count, countThreaded, readerThreads, importCount, firstRecount, recount };
}

function profileFolder(root: string, users: number): string {
  return join(root, `ingest-${users}`);
}

function note(text: string): void {
  process.stderr.write(`${text}\n`);
}

// ---------------------------------------------------------------------------
// Report

const COLUMNS: ReadonlyArray<readonly [string, number]> = [
  ['users', 10],
  ['records', 12],
  ['JSON MB', 10],
  ['baseline s', 12],
  ['ingest s', 10],
  ['ratio', 8],
  ['records/s', 11],
  ['MB/s', 8],
  ['library MB', 12],
  ['peak RSS MB', 13],
];

function formatCells(cells: readonly string[]): string {
  return cells.map((c, k) => c.padStart(COLUMNS[k]![1])).join('');
}

export function headerLines(): string[] {
  const head = formatCells(COLUMNS.map(([name]) => name));
  return [head, '-'.repeat(head.length)];
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const fixed = (n: number, digits: number): string => n.toFixed(digits);
const mb = (bytes: number): number => bytes / 1e6;
const rssMb = (kb: number): number => (kb * 1024) / 1e6;

export function rowLine(row: SizeRow): string {
  const b = row.baseline.ok ? row.baseline.result : undefined;
  const i = row.ingest.ok ? row.ingest.result : undefined;
  const peakKb = row.ingest.ok ? row.ingest.result.maxRssKb : row.ingest.peakRssKb;
  return formatCells([
    int(row.users),
    i ? int(i.stored) : b ? int(b.instances) : '-',
    b ? fixed(mb(b.jsonBytes), 1) : '-',
    b ? fixed(b.seconds, 2) : 'FAILED',
    i ? fixed(i.seconds, 2) : 'FAILED',
    b && i ? fixed(i.seconds / b.seconds, 2) : '-',
    i ? int(i.stored / i.seconds) : '-',
    b && i ? fixed(mb(b.jsonBytes) / i.seconds, 1) : '-',
    i ? fixed(mb(i.libraryBytes), 1) : '-',
    peakKb > 0 ? int(rssMb(peakKb)) : '-',
  ]);
}

/** Notes under the table: failures with their error, and counts that do not add up. */
export function rowNotes(row: SizeRow): string[] {
  const notes: string[] = [];
  const who = `${int(row.users)} users`;
  if (!row.baseline.ok) notes.push(`${who}: baseline FAILED (peak RSS ${int(rssMb(row.baseline.peakRssKb))} MB): ${row.baseline.error}`);
  if (!row.ingest.ok) notes.push(`${who}: ingest FAILED (peak RSS ${int(rssMb(row.ingest.peakRssKb))} MB): ${row.ingest.error}`);
  if (row.baseline.ok && row.ingest.ok) {
    const { instances } = row.baseline.result;
    const { read, stored, conflicts, complete } = row.ingest.result;
    if (read !== instances || stored + conflicts !== read || !complete) {
      notes.push(`${who}: baseline counted ${int(instances)} instances, but ingest read ${int(read)}, stored ${int(stored)}${complete ? '' : ', import incomplete'}`);
    } else if (conflicts > 0) {
      notes.push(`${who}: all ${int(read)} instances read; ${int(conflicts)} repeat a pkid already stored (conflicts), so ${int(stored)} stored`);
    }
  }
  return notes;
}

export const TARGET_USERS = 1_000_000;
const TARGET_RATIO = 4;
const TARGET_RSS_BYTES = 3e9;

/** The targets, checked on the 1M-user row when there is one. */
export function targetLines(rows: readonly SizeRow[]): string[] {
  const row = rows.find((r) => r.users === TARGET_USERS);
  const lines = [`Targets (at ${int(TARGET_USERS)} users): ratio ingest/baseline <= ${TARGET_RATIO}, peak RSS <= 3 GB`];
  if (!row) return [...lines, '  not measured: no 1,000,000-user row in this run'];
  const verdict = (pass: boolean): string => (pass ? 'PASS' : 'MISS');
  if (row.baseline.ok && row.ingest.ok) {
    const ratio = row.ingest.result.seconds / row.baseline.result.seconds;
    lines.push(`  ratio ingest/baseline <= ${TARGET_RATIO}:    ${fixed(ratio, 2)}  ${verdict(ratio <= TARGET_RATIO)}`);
  } else {
    lines.push(`  ratio ingest/baseline <= ${TARGET_RATIO}:    not measured (${row.ingest.ok ? 'baseline' : 'ingest'} failed)  MISS`);
  }
  const peakKb = row.ingest.ok ? row.ingest.result.maxRssKb : row.ingest.peakRssKb;
  const peakBytes = peakKb * 1024;
  const failedNote = row.ingest.ok ? '' : ' (at the failure)';
  const gib = fixed(peakBytes / 2 ** 30, 2);
  lines.push(`  peak RSS <= 3 GB (3,000 MB):   ${int(mb(peakBytes))} MB = ${gib} GiB${failedNote}  ${verdict(row.ingest.ok && peakBytes <= TARGET_RSS_BYTES)}`);
  return lines;
}

const COUNT_COLUMNS: ReadonlyArray<readonly [string, number]> = [
  ['users', 10],
  ['baseline s', 12],
  ['(a) count s', 13],
  ['(a) ratio', 11],
  ['(a) threads s', 15],
  ['(a) thr. ratio', 16],
  ['(b) import+count s', 20],
  ['(b) ratio', 11],
  ['(c) 1st recount s', 19],
  ['(c) recount s', 15],
  ['peak RSS MB', 13],
];

export function countHeaderLines(): string[] {
  const head = COUNT_COLUMNS.map(([name, w]) => name.padStart(w)).join('');
  return [head, '-'.repeat(head.length)];
}

/** Peak RSS of the counting measurements: the largest of (a), (b) and (c). */
function countPeakKb(row: SizeRow): number {
  const peak = (o: ChildOutcome<{ maxRssKb: number }>) => (o.ok ? o.result.maxRssKb : o.peakRssKb);
  return Math.max(peak(row.count), peak(row.countThreaded), peak(row.importCount), peak(row.firstRecount), peak(row.recount));
}

export function countRowLine(row: SizeRow): string {
  const b = row.baseline.ok ? row.baseline.result.seconds : undefined;
  const a = row.count.ok ? row.count.result.seconds : undefined;
  const at = row.countThreaded.ok ? row.countThreaded.result.seconds : undefined;
  const ib = row.importCount.ok ? row.importCount.result.seconds : undefined;
  const c1 = row.firstRecount.ok ? row.firstRecount.result.seconds : undefined;
  const c = row.recount.ok ? row.recount.result.seconds : undefined;
  const cells = [
    int(row.users),
    b !== undefined ? fixed(b, 2) : 'FAILED',
    a !== undefined ? fixed(a, 2) : 'FAILED',
    a !== undefined && b ? fixed(a / b, 2) : '-',
    at !== undefined ? fixed(at, 2) : 'FAILED',
    at !== undefined && b ? fixed(at / b, 2) : '-',
    ib !== undefined ? fixed(ib, 2) : 'FAILED',
    ib !== undefined && b ? fixed(ib / b, 2) : '-',
    c1 !== undefined ? fixed(c1, 2) : 'FAILED',
    c !== undefined ? fixed(c, 2) : 'FAILED',
    int(rssMb(countPeakKb(row))),
  ];
  return cells.map((cell, k) => cell.padStart(COUNT_COLUMNS[k]![1])).join('');
}

export function countNotes(row: SizeRow): string[] {
  const who = `${int(row.users)} users`;
  const notes: string[] = [];
  if (!row.count.ok) notes.push(`${who}: count (a) FAILED: ${row.count.error}`);
  if (!row.countThreaded.ok) notes.push(`${who}: count (a) with ${row.readerThreads} reader threads FAILED: ${row.countThreaded.error}`);
  if (!row.importCount.ok) notes.push(`${who}: import + count (b) FAILED: ${row.importCount.error}`);
  const cacheNote = (what: string, o: ChildOutcome<CountResult>) => {
    if (o.ok && o.result.cacheSeconds !== undefined && o.result.cacheSeconds >= 0.01) notes.push(`${who}: ${what} wrote the count cache in ${fixed(o.result.cacheSeconds, 2)} s after its count (not in its time)`);
  };
  cacheNote('import + count (b)', row.importCount);
  cacheNote('the first recount (c)', row.firstRecount);
  if (!row.firstRecount.ok) notes.push(`${who}: first recount (c) FAILED: ${row.firstRecount.error}`);
  if (!row.recount.ok) notes.push(`${who}: recount (c) FAILED: ${row.recount.error}`);
  if (row.firstRecount.ok && row.recount.ok && row.firstRecount.result.userLicenses !== row.recount.result.userLicenses) {
    notes.push(`${who}: the recount from the count cache gives ${int(row.recount.result.userLicenses)} User Licenses, the first recount ${int(row.firstRecount.result.userLicenses)}`);
  }
  if (row.count.ok && row.recount.ok && row.count.result.userLicenses !== row.recount.result.userLicenses) {
    notes.push(`${who}: the recount's User Licenses (${int(row.recount.result.userLicenses)}) differ from the count's (${int(row.count.result.userLicenses)})`);
  }
  return notes;
}

/** Issue #4's targets at 1M users: (a) <= 2x, (b) <= 4x, (c) <= 10 s, peak RSS <= 3 GB. */
export function countTargetLines(rows: readonly SizeRow[]): string[] {
  const row = rows.find((r) => r.users === TARGET_USERS);
  const lines = [`Counting targets (at ${int(TARGET_USERS)} users): (a) <= 2x, (b) <= 4x, (c) <= 10 s, peak RSS <= 3 GB`];
  if (!row || !row.baseline.ok) return [...lines, '  not measured: no 1,000,000-user row with a baseline in this run'];
  const verdict = (pass: boolean): string => (pass ? 'PASS' : 'MISS');
  const base = row.baseline.result.seconds;
  const best = [row.count, row.countThreaded].filter((o) => o.ok).map((o) => (o.ok ? o.result.seconds : 0));
  const a = best.length ? Math.min(...best) / base : Number.POSITIVE_INFINITY;
  const b = row.importCount.ok ? row.importCount.result.seconds / base : Number.POSITIVE_INFINITY;
  const c = row.recount.ok ? row.recount.result.seconds : Number.POSITIVE_INFINITY;
  const peak = countPeakKb(row) * 1024;
  lines.push(`  (a) read + count / baseline <= 2:     ${fixed(a, 2)}  ${verdict(a <= 2)} (the better of this thread / reader threads)`);
  lines.push(`  (b) import + count / baseline <= 4:   ${fixed(b, 2)}  ${verdict(b <= 4)}`);
  lines.push(`  (c) recount of the library <= 10 s:   ${fixed(c, 2)} s  ${verdict(c <= 10)} (from the count cache; the first recount after a plain import reads the rows)`);
  lines.push(`  peak RSS <= 3 GB:                     ${int(mb(peak))} MB  ${verdict(peak <= TARGET_RSS_BYTES)}`);
  lines.push(`  peak RSS by measurement: ${peakLine(row)}`);
  return lines;
}

/** Each counting measurement's own peak, so a miss names the one that missed. */
export function peakLine(row: SizeRow): string {
  const peak = (o: ChildOutcome<{ maxRssKb: number }>) => `${int(rssMb(o.ok ? o.result.maxRssKb : o.peakRssKb))} MB${o.ok ? '' : ' (failed)'}`;
  return [
    `(a) this thread ${peak(row.count)}`,
    `(a) reader threads ${peak(row.countThreaded)}`,
    `(b) ${peak(row.importCount)}`,
    `(c) first ${peak(row.firstRecount)}`,
    `(c) from the cache ${peak(row.recount)}`,
  ].join(', ');
}

function preambleLines(): string[] {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return [
    `VLF Audit Desk ingest benchmark, ${new Date().toISOString().slice(0, 10)}: node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} x ${cpu}`,
    'baseline = gunzip + JSON.parse of each data file whole; ingest = importSources into a fresh library, save included.',
    'ratio = ingest s / baseline s; MB = 10^6 bytes; MB/s = JSON MB / ingest s; peak RSS = the ingest process (maxRSS).',
    '',
  ];
}

// ---------------------------------------------------------------------------
// CPU profile summary

/** The parts of a V8 `.cpuprofile` the summary reads. */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

/** The functions with the most self time in a profile, as "seconds  share  name  file:line" lines. */
export function topSelfTime(profile: CpuProfile, count: number): string[] {
  const nameOf = new Map(profile.nodes.map((n) => [n.id, frameName(n.callFrame)]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, k) => {
    const micros = profile.timeDeltas[k] ?? 0;
    const name = nameOf.get(id) ?? '(unknown)';
    self.set(name, (self.get(name) ?? 0) + micros);
    total += micros;
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => `${fixed(micros / 1e6, 2).padStart(8)} s ${fixed((100 * micros) / Math.max(total, 1), 1).padStart(5)}%  ${name}`);
}

function frameName(frame: CpuProfile['nodes'][number]['callFrame']): string {
  const file = frame.url.slice(frame.url.lastIndexOf('/') + 1);
  const name = frame.functionName || '(anonymous)';
  return file ? `${name}  ${file}:${frame.lineNumber + 1}` : name;
}

/** Top self time of each thread's profile of one size's ingest (Node names them CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile). */
async function profileLines(root: string, users: number): Promise<string[]> {
  const folder = profileFolder(root, users);
  const files = (await readdir(folder).catch(() => [])).filter((f) => f.endsWith('.cpuprofile')).sort();
  const lines: string[] = [];
  for (const name of files) {
    const profile = JSON.parse(await readFile(join(folder, name), 'utf8')) as CpuProfile;
    const sampled = profile.timeDeltas.reduce((a, b) => a + b, 0) / 1e6;
    const thread = name.split('.')[4] === '0' ? 'main thread' : `worker thread ${name.split('.')[4] ?? '?'}`;
    lines.push(`CPU profile of the ${int(users)}-user ingest, ${thread} (${join(folder, name)}, ${fixed(sampled, 1)} s sampled), top self time:`);
    lines.push(...topSelfTime(profile, 10), '');
  }
  return lines;
}

// ---------------------------------------------------------------------------
// Command line

async function benchAll(options: BenchOptions): Promise<void> {
  const root = options.keep ?? (await mkdtemp(join(tmpdir(), 'vlf-bench-')));
  if (options.cpuProf) await mkdir(options.cpuProf, { recursive: true });
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  const rows: SizeRow[] = [];
  // The table goes to stdout as rows finish (progress goes to stderr), so a long run shows its results early.
  preambleLines().forEach(out);
  headerLines().forEach(out);
  try {
    for (const users of options.users) {
      const folder = join(root, `users-${users}`);
      try {
        const row = await benchSize(users, folder, options);
        rows.push(row);
        out(rowLine(row));
      } finally {
        if (!options.keep) await rm(folder, { recursive: true, force: true });
      }
    }
  } finally {
    if (!options.keep) await rm(root, { recursive: true, force: true });
  }
  out('');
  rows.flatMap(rowNotes).forEach(out);
  targetLines(rows).forEach(out);
  out('');
  out('Counting engine: (a) read + count of the dump folder; (b) import into a fresh library + count from the same read, saved; (c) open the saved library and recount it: first (rows read back, count cache filled), then again (from the cache).');
  countHeaderLines().forEach(out);
  rows.map(countRowLine).forEach(out);
  out('');
  rows.flatMap(countNotes).forEach(out);
  countTargetLines(rows).forEach(out);
  if (options.cpuProf) {
    out('');
    for (const row of rows) if (row.ingest.ok) (await profileLines(options.cpuProf, row.users)).forEach(out);
  }
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === '--child') return runAsChild(argv[1] ?? '', argv.slice(2));
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  let options: BenchOptions;
  try {
    options = parseBenchArgs(argv);
  } catch (e) {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    return 2;
  }
  await benchAll(options);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
