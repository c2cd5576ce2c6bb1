/**
 * Reads a subscriber data export bundle (platform-dump.md §2; guide §3): the
 * `<YYYY-MM-DD_HHMM>_<type>.json.gz` files of a folder or ZIP, each a JSON
 * list, mapped record by record onto the dump's model types.
 *
 * Small files (the common case, and every example in the guide) are read
 * whole and parsed tolerantly: the guide's own examples carry trailing
 * commas and Python literals, which are read with a WARN. A file that grows
 * past TOLERANT_LIMIT_CHARS is instead split element by element and parsed
 * strictly, so a multi-GB export never becomes one string.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  EXPORT_DERIVED_PKID_MESSAGE,
  JSON_TOLERANCE_MESSAGES,
  mapExportElement,
  parseExportFileName,
  parseExportJson,
} from '../../src-shared/ingest/export-bundle';
import { JsonElementSplitter } from '../../src-shared/ingest/json-elements';
import type { IngestFinding, NormalizedRecord, PlatformMeta, ReadProgress } from '../../src-shared/ingest/types';
import { InputError } from '../services/input-files';
import { createNodeHasher } from '../services/node-hasher';
import { errorMessage, openDumpSource, type SourceFile } from './dump-source';
import { streamFileText } from './file-text';
import type { DumpReadResult, ReadDumpOptions } from './read-dump';
import { DEFAULT_BATCH_SIZE } from './read-dump';

/** Files whose text stays under this many characters are parsed whole, tolerantly. */
export const TOLERANT_LIMIT_CHARS = 64 * 1024 * 1024;

export type ExportReadResult = DumpReadResult;

export interface ReadExportOptions extends ReadDumpOptions {
  /** Files whose text stays under this many characters are parsed whole and tolerantly; default TOLERANT_LIMIT_CHARS. */
  tolerantLimitChars?: number;
}

export async function readExport(path: string, options: ReadExportOptions): Promise<ExportReadResult> {
  if (!(await stat(path).catch(() => undefined))) throw new InputError(`${path}: no such file or folder`);
  const opened = await openDumpSource(path);
  if (!opened.ok) {
    return { meta: {}, contentHash: createHash('sha256').digest('hex'), findings: [{ severity: 'ERROR', file: basename(path), location: '', message: opened.reason }], skippedFiles: [], tallies: {}, complete: false };
  }
  try {
    return await new ExportReader(opened.source.files, options).read();
  } finally {
    opened.source.close();
  }
}

class ExportReader {
  private readonly findings: IngestFinding[] = [];
  private readonly skippedFiles: ExportReadResult['skippedFiles'] = [];
  private readonly tallies: ExportReadResult['tallies'] = {};
  private readonly contentHash = createHash('sha256');
  private batch: NormalizedRecord[] = [];
  private records = 0;
  private doneBytes = 0;
  private totalBytes = 0;
  private lastProgress = 0;
  private readonly batchSize: number;

  constructor(
    private readonly files: readonly SourceFile[],
    private readonly options: ReadExportOptions,
  ) {
    this.batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  }

  async read(): Promise<ExportReadResult> {
    const exportFiles: Array<{ file: SourceFile; type: string; timestamp: string }> = [];
    for (const file of this.files) {
      const name = parseExportFileName(file.path);
      if (file.refused) {
        this.findings.push({ severity: 'ERROR', file: file.path, location: '', message: `the ZIP entry was refused: ${file.refused}` });
        this.skippedFiles.push({ file: file.path, reason: file.refused });
      } else if (name) exportFiles.push({ file, ...name });
      else this.skippedFiles.push({ file: file.path, reason: 'its name is not <YYYY-MM-DD_HHMM>_<type>.json.gz of a known export type' });
    }
    this.totalBytes = exportFiles.reduce((n, f) => n + f.file.diskBytes, 0);
    for (const f of exportFiles) {
      this.options.signal?.throwIfAborted();
      await this.readFile(f.file, f.type);
    }
    await this.flush();
    this.progress('', true);
    // An export names no platform; its time is the newest file's timestamp (they differ by the minutes the export ran).
    const newest = exportFiles.map((f) => f.timestamp).sort().pop();
    const meta: PlatformMeta = newest ? { 'Date Time': `${newest.slice(0, 10)} ${newest.slice(11, 13)}:${newest.slice(13, 15)}` } : {};
    return { meta, contentHash: this.contentHash.digest('hex'), findings: this.findings, skippedFiles: this.skippedFiles, tallies: this.tallies, complete: !this.findings.some((f) => f.severity === 'ERROR') };
  }

  private async readFile(file: SourceFile, type: string): Promise<void> {
    const fileHash = createHash('sha256');
    const parts: string[] = [];
    let held = 0;
    let splitter: JsonElementSplitter | undefined;
    let index = 0;
    let mappedAny = false;
    const emit = async (value: unknown, rawJson: string) => {
      const mapped = mapExportElement(type, value, { file: file.path, index, rawJson, createHasher: createNodeHasher });
      index += 1;
      for (const f of mapped.findings) this.findings.push(f);
      if (!mapped.records.length) this.tally(`export/${type}`, type).skipped += 1;
      for (const r of mapped.records) {
        mappedAny = true;
        this.tally(r.modelType, type).read += 1;
        await this.add(r);
      }
    };
    const fromSplitter = async (elements: string[]) => {
      for (const text of elements) {
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (e) {
          this.findings.push({ severity: 'ERROR', file: file.path, location: `record ${index + 1}`, message: `not valid JSON (${errorMessage(e)}); skipped` });
          this.tally(`export/${type}`, type).skipped += 1;
          index += 1;
          continue;
        }
        // Re-serialized, as in the whole-file path, so a record's derived pkid does not depend on the file's size.
        await emit(value, JSON.stringify(value));
      }
    };

    const stream = await file.open().catch((e: unknown) => errorMessage(e));
    if (typeof stream === 'string') {
      this.findings.push({ severity: 'ERROR', file: file.path, location: '', message: `cannot be read (${stream})` });
      return;
    }
    const gzip = /\.gz$/i.test(file.path);
    let rawBytes = 0;
    const end = await streamFileText(stream, gzip, {
      onRaw: (chunk) => {
        fileHash.update(chunk);
        rawBytes += chunk.length;
        this.progress(file.path, false, file.bytes > 0 ? Math.min(file.diskBytes, (rawBytes / file.bytes) * file.diskBytes) : 0);
      },
      onText: async (text) => {
        if (!splitter) {
          parts.push(text);
          held += text.length;
          if (held <= (this.options.tolerantLimitChars ?? TOLERANT_LIMIT_CHARS)) return true;
          // Too big to hold: from here on, split element by element, strictly.
          splitter = new JsonElementSplitter();
          await fromSplitter(splitter.push(parts.join('')));
          parts.length = 0;
          return true;
        }
        await fromSplitter(splitter.push(text));
        return splitter.failure() === undefined;
      },
    });
    if (!end.ok) {
      this.findings.push({ severity: 'ERROR', file: file.path, location: `byte ${end.byte}`, message: `the file could not be read to the end (${end.message}); the records after that point were not read` });
    } else if (splitter) {
      await fromSplitter(splitter.end());
      const failure = splitter.failure();
      if (failure) this.findings.push({ severity: 'ERROR', file: file.path, location: `character ${failure.offset + 1}`, message: `${failure.message}; the records after that point were not read` });
    } else {
      const text = parts.join('');
      const parsed = parseExportJson(text);
      if (!parsed.ok) {
        this.findings.push({ severity: 'ERROR', file: file.path, location: `line ${parsed.line}, column ${parsed.column}`, message: `not valid JSON: ${parsed.error}; no record of this file was read` });
      } else {
        for (const use of parsed.uses) {
          this.findings.push({ severity: 'WARN', file: file.path, location: `line ${use.line}`, message: `${JSON_TOLERANCE_MESSAGES[use.tolerance]} (${use.count}×); read anyway` });
        }
        for (const value of parsed.value) await emit(value, JSON.stringify(value));
      }
    }
    if (mappedAny) this.findings.push({ severity: 'INFO', file: file.path, location: '', message: EXPORT_DERIVED_PKID_MESSAGE });
    this.contentHash.update(`${file.path}\n${fileHash.digest('hex')}\n`);
    this.doneBytes += file.diskBytes;
  }

  /** Tallies are by model type; an export type no rule reads is tallied as `export/<type>`. */
  private tally(modelType: string, exportType: string): { read: number; skipped: number } {
    const key = modelType || `export/${exportType}`;
    return (this.tallies[key] ??= { read: 0, skipped: 0 });
  }

  private async add(record: NormalizedRecord): Promise<void> {
    this.batch.push(record);
    this.records += 1;
    if (this.batch.length >= this.batchSize) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.batch.length) return;
    this.options.signal?.throwIfAborted();
    const batch = this.batch;
    this.batch = [];
    await this.options.onBatch(batch);
  }

  private progress(file: string, force: boolean, currentBytes = 0): void {
    if (!this.options.onProgress) return;
    const now = Date.now();
    if (!force && now - this.lastProgress < 250) return;
    this.lastProgress = now;
    const p: ReadProgress = { phase: 'read', file, records: this.records, bytes: Math.round(this.doneBytes + currentBytes), totalBytes: this.totalBytes };
    this.options.onProgress(p);
  }
}

