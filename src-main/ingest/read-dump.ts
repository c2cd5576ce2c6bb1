/**
 * Reads a platform dump (platform-dump.md §1, §4) — a folder, a ZIP of one,
 * or a single data file — streaming: records go to `onBatch` a few thousand at
 * a time, and nothing holds a whole file. Bad input never throws: each problem
 * is a finding naming the file and the byte, line or record, the rest still
 * loads, and `complete` says whether the counts can be trusted.
 *
 * Only a path that does not exist throws (an InputError), and an abort
 * (the signal's reason).
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { type DumpFileName, parseDumpFileName } from '../../src-shared/ingest/model-types';
import type { IngestFinding, NormalizedRecord, PlatformMeta, ReadProgress } from '../../src-shared/ingest/types';
import { InputError } from '../services/input-files';
import { type DumpSource, errorMessage, openDumpSource, type SourceFile } from './dump-source';
import { type FileTextEnd, streamFileText } from './file-text';
import { InstanceReader, type RecordSink } from './instance-reader';
import { readMetaFile } from './meta-file';

export interface ReadDumpOptions {
  /** Receives the records in order, `batchSize` at a time (the last batch may be smaller); awaited before reading on. */
  onBatch(records: NormalizedRecord[]): void | Promise<void>;
  /** Called a few times a second while reading, and once at the end. */
  onProgress?(p: ReadProgress): void;
  /** Checked between batches and files; an abort throws the signal's reason. */
  signal?: AbortSignal;
  /** Records per batch; default 5000. */
  batchSize?: number;
  /**
   * Read only one of `of` parts of the data files, balanced by size, so
   * several threads can read one dump; part 0 also reads meta.json and
   * reports the files that are skipped. `byModelType`: every file of a model
   * type in the same part (an import needs it: see partOf); else file by
   * file, which spreads the biggest type's pages (a count keeps the first of
   * a repeat by NormalizedRecord.fileOrder instead).
   */
  part?: { index: number; of: number; byModelType?: boolean };
}

export interface DumpReadResult {
  /** `meta.json`'s keys (all values as text), with `Date Time` filled in from the files when missing. */
  meta: PlatformMeta;
  /** SHA-256 over each data file's relative path and the SHA-256 of its bytes, in path order: the same dump gives the same hash, folder or ZIP. */
  contentHash: string;
  findings: IngestFinding[];
  /** Files that were not read: names of no known model type, refused ZIP entries. */
  skippedFiles: Array<{ file: string; reason: string }>;
  /** Per model type: instances read, and instances skipped for a finding. */
  tallies: Record<string, { read: number; skipped: number }>;
  /** False when any finding is an ERROR: some data was not read. */
  complete: boolean;
}

export const DEFAULT_BATCH_SIZE = 5000;
const PROGRESS_INTERVAL_MS = 250;

export async function readDump(path: string, options: ReadDumpOptions): Promise<DumpReadResult> {
  if (!(await stat(path).catch(() => undefined))) throw new InputError(`${path}: no such file or folder`);
  throwIfAborted(options.signal);
  const opened = await openDumpSource(path);
  if (!opened.ok) {
    const finding: IngestFinding = { severity: 'ERROR', file: basename(path), location: '', message: opened.reason };
    return { meta: {}, contentHash: createHash('sha256').digest('hex'), findings: [finding], skippedFiles: [], tallies: {}, complete: false };
  }
  try {
    return await new DumpReader(opened.source, options).read();
  } finally {
    opened.source.close();
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}

interface DataFile {
  file: SourceFile;
  name: DumpFileName;
  /** Its position among the source's data files in path order (NormalizedRecord.fileOrder). */
  order: number;
}

class DumpReader implements RecordSink {
  private readonly findings: IngestFinding[] = [];
  private readonly skippedFiles: DumpReadResult['skippedFiles'] = [];
  private readonly tallies: DumpReadResult['tallies'] = {};
  private readonly contentHash = createHash('sha256');
  private readonly batchSize: number;
  private batch: NormalizedRecord[] = [];
  private records = 0;
  /** Disk bytes of the files finished, and of the current file so far. */
  private doneBytes = 0;
  private currentBytes = 0;
  private totalBytes = 0;
  private lastProgress = 0;
  private currentFile = '';
  private currentOrder = 0;

  constructor(
    private readonly source: DumpSource,
    private readonly options: ReadDumpOptions,
  ) {
    this.batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  }

  async read(): Promise<DumpReadResult> {
    const { dataFiles: allDataFiles, metaFile } = this.sortFiles();
    const part = this.options.part;
    const dataFiles = part ? partOf(allDataFiles, part.index, part.of, part.byModelType ? (d) => d.name.modelType : (d) => d.file.path) : allDataFiles;
    this.totalBytes = dataFiles.reduce((n, d) => n + d.file.diskBytes, 0);
    this.progress('scan', true);

    const meta = metaFile && (part?.index ?? 0) === 0 ? await readMetaFile(metaFile, this.findings) : {};
    for (const dataFile of dataFiles) {
      throwIfAborted(this.options.signal);
      await this.readDataFile(dataFile);
    }
    await this.flush();
    if (!meta['Date Time']) {
      const newest = newestModification(allDataFiles.length > 0 ? allDataFiles.map((d) => d.file) : this.source.files);
      if (newest) meta['Date Time'] = formatDateTime(newest);
    }
    this.currentFile = '';
    this.progress('read', true);

    return {
      meta,
      contentHash: this.contentHash.digest('hex'),
      findings: this.findings,
      skippedFiles: this.skippedFiles,
      tallies: this.tallies,
      complete: !this.findings.some((f) => f.severity === 'ERROR'),
    };
  }

  /** Data files to read, `meta.json` at the root, and the rest listed as skipped. */
  private sortFiles(): { dataFiles: DataFile[]; metaFile: SourceFile | undefined } {
    const dataFiles: DataFile[] = [];
    let metaFile: SourceFile | undefined;
    for (const file of this.source.files) {
      const name = parseDumpFileName(file.path);
      if (file.refused) {
        this.findings.push({ severity: 'ERROR', file: file.path, location: '', message: `the ZIP entry was refused: ${file.refused}` });
        this.skippedFiles.push({ file: file.path, reason: file.refused });
        if (name) this.tally(name.modelType);
      } else if (name) {
        this.tally(name.modelType);
        dataFiles.push({ file, name, order: dataFiles.length });
      } else if (file.path.toLowerCase() === 'meta.json') {
        metaFile = file;
      } else {
        this.skippedFiles.push({ file: file.path, reason: 'its name matches no known model type' });
      }
    }
    if (this.options.part && this.options.part.index > 0) {
      // Another part reports what is refused or skipped; this one only reads its data files.
      this.findings.length = 0;
      this.skippedFiles.length = 0;
    }
    return { dataFiles, metaFile };
  }

  private tally(modelType: string): { read: number; skipped: number } {
    return (this.tallies[modelType] ??= { read: 0, skipped: 0 });
  }

  private async readDataFile({ file, name, order }: DataFile): Promise<void> {
    this.currentFile = file.path;
    this.currentOrder = order;
    this.currentBytes = 0;
    this.progress('read', false);
    const tally = this.tally(name.modelType);
    const fileHash = createHash('sha256');
    const reader = new InstanceReader({ file: file.path, modelType: name.modelType, format: name.format, gzip: name.gzip }, this, tally);

    let rawBytes = 0;
    const stream = await file.open().catch((e: unknown) => errorMessage(e));
    const end: FileTextEnd =
      typeof stream === 'string'
        ? { ok: false, stage: 'read', message: stream, byte: 0 }
        : // Errors thrown from here come from onBatch or the abort signal: they are the caller's, and pass through.
          await streamFileText(stream, name.gzip, {
            onRaw: (chunk) => {
              fileHash.update(chunk);
              rawBytes += chunk.length;
              // Progress is in bytes as on disk: scale a ZIP entry's inflated bytes back to its compressed size.
              this.currentBytes = file.bytes > 0 ? Math.min(file.diskBytes, (rawBytes / file.bytes) * file.diskBytes) : 0;
              this.progress('read', false);
            },
            onText: (text) => reader.push(text),
          });

    if (end.ok) await reader.end();
    else {
      this.findings.push({
        severity: 'ERROR',
        file: file.path,
        location: `byte ${end.byte}`,
        message:
          end.stage === 'gzip'
            ? `the gzip data is damaged or cut short (${end.message}) at or before this byte of the compressed file; the instances after that point were not read`
            : `the file could not be read to the end (${end.message}); the instances after that point were not read`,
      });
    }
    this.findings.push(...reader.findings());
    this.contentHash.update(`${file.path}\n${fileHash.digest('hex')}\n`);
    this.doneBytes += file.diskBytes;
    this.currentBytes = 0;
  }

  /** RecordSink: collects records into batches; returns a promise only when a batch goes out. */
  add(record: NormalizedRecord): Promise<void> | undefined {
    record.fileOrder = this.currentOrder;
    this.batch.push(record);
    this.records++;
    return this.batch.length >= this.batchSize ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    throwIfAborted(this.options.signal);
    const batch = this.batch;
    this.batch = [];
    await this.options.onBatch(batch);
    throwIfAborted(this.options.signal);
  }

  private progress(phase: ReadProgress['phase'], force: boolean): void {
    if (!this.options.onProgress) return;
    const now = Date.now();
    if (!force && now - this.lastProgress < PROGRESS_INTERVAL_MS) return;
    this.lastProgress = now;
    this.options.onProgress({
      phase,
      file: this.currentFile,
      records: this.records,
      bytes: Math.round(this.doneBytes + this.currentBytes),
      totalBytes: this.totalBytes,
    });
  }
}

/**
 * Part `index` of `of`: files grouped by `groupOf`, the biggest group first,
 * each to the part with the fewest bytes so far (ties by position:
 * deterministic); a part reads its files in path order. Grouped by model
 * type, a repeat of (model type, pkid) is always seen by one thread, after
 * the record it repeats — the first is kept exactly as one thread reading
 * everything would keep it.
 */
function partOf(files: readonly DataFile[], index: number, of: number, groupOf: (file: DataFile) => string): DataFile[] {
  const bytesByGroup = new Map<string, number>();
  for (const f of files) bytesByGroup.set(groupOf(f), (bytesByGroup.get(groupOf(f)) ?? 0) + f.file.diskBytes);
  const groups = [...bytesByGroup.keys()];
  const bySize = groups.map((_g, i) => i).sort((a, b) => bytesByGroup.get(groups[b]!)! - bytesByGroup.get(groups[a]!)! || a - b);
  const load = new Array<number>(of).fill(0);
  const owner = new Map<string, number>();
  for (const i of bySize) {
    let target = 0;
    for (let p = 1; p < of; p += 1) if (load[p]! < load[target]!) target = p;
    load[target]! += bytesByGroup.get(groups[i]!)!;
    owner.set(groups[i]!, target);
  }
  return files.filter((f) => owner.get(groupOf(f)) === index);
}

function newestModification(files: readonly SourceFile[]): Date | undefined {
  let newest: Date | undefined;
  for (const f of files) if (!Number.isNaN(f.modified.getTime()) && (!newest || f.modified > newest)) newest = f.modified;
  return newest;
}

/** `YYYY-MM-DD HH:MM` in UTC, the metadata's `Date Time` format. */
export function formatDateTime(d: Date): string {
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** One dump's result from its parts: part 0's identity, every part's findings and tallies. */
export function mergeParts(results: DumpReadResult[]): DumpReadResult {
  const first = results[0]!;
  const findings: IngestFinding[] = results.flatMap((r) => r.findings);
  const tallies: DumpReadResult['tallies'] = {};
  for (const r of results) {
    for (const [type, t] of Object.entries(r.tallies)) {
      const sum = (tallies[type] ??= { read: 0, skipped: 0 });
      sum.read += t.read;
      sum.skipped += t.skipped;
    }
  }
  return {
    meta: first.meta,
    contentHash: first.contentHash,
    findings,
    skippedFiles: results.flatMap((r) => r.skippedFiles),
    tallies,
    complete: results.every((r) => r.complete),
  };
}

/**
 * The progress of several reader threads as one: records and bytes summed,
 * the files being read listed. Reading once any reader reads (a reader that
 * got no files stays at "scan").
 */
export function combineProgress(parts: readonly (ReadProgress | undefined)[]): ReadProgress | undefined {
  const latest = parts.filter((p): p is ReadProgress => p !== undefined);
  if (latest.length === 0) return undefined;
  return {
    phase: latest.some((p) => p.phase === 'read') ? 'read' : latest[0]!.phase,
    file: latest.map((p) => p.file).filter(Boolean).join(', '),
    records: latest.reduce((n, p) => n + p.records, 0),
    bytes: latest.reduce((n, p) => n + p.bytes, 0),
    totalBytes: latest.reduce((n, p) => n + p.totalBytes, 0),
  };
}
