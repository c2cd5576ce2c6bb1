/**
 * One data file's text → normalized records: splits it (a JSON array, an API
 * list answer, or JSON lines), parses each instance, normalizes it and hands
 * it on. Problems become findings with the byte, line or record; the
 * per-instance ones are capped per file so a million bad instances stay a
 * readable list (the tallies still count every one).
 */
import type { HasherFactory } from '../../src-shared/audit/hash-files';
import { JsonElementSplitter, JsonLinesSplitter } from '../../src-shared/ingest/json-elements';
import type { DumpFileFormat } from '../../src-shared/ingest/model-types';
import { normalizeInstance } from '../../src-shared/ingest/normalize';
import type { IngestFinding, IngestSeverity, NormalizedRecord } from '../../src-shared/ingest/types';
import { createNodeHasher } from '../services/node-hasher';

export interface RecordSink {
  /** Takes a record; a returned promise must be awaited before the next (a batch is going out). */
  add(record: NormalizedRecord): Promise<void> | undefined;
}

export interface InstanceFile {
  file: string;
  modelType: string;
  format: DumpFileFormat;
  /** The text is gunzipped: byte offsets are then in the decompressed text, and the message says so. */
  gzip: boolean;
}

/** Per-instance findings kept per file and severity before the rest are only counted. */
export const MAX_INSTANCE_FINDINGS_PER_FILE = 50;

export class InstanceReader {
  private readonly splitter: JsonElementSplitter | undefined;
  private readonly lines: JsonLinesSplitter | undefined;
  private readonly kept: IngestFinding[] = [];
  private readonly keptBySeverity: Record<IngestSeverity, number> = { ERROR: 0, WARN: 0, INFO: 0 };
  private readonly notListed: Record<IngestSeverity, number> = { ERROR: 0, WARN: 0, INFO: 0 };
  private readonly structure: IngestFinding[] = [];
  private index = 0;
  /** Characters and UTF-8 bytes of the text before the current chunk, to turn a character offset into a byte. */
  private charsBefore = 0;
  private bytesBefore = 0;

  constructor(
    private readonly source: InstanceFile,
    private readonly sink: RecordSink,
    private readonly tally: { read: number; skipped: number },
    private readonly createHasher: HasherFactory = createNodeHasher,
  ) {
    if (source.format === 'json') this.splitter = new JsonElementSplitter();
    else this.lines = new JsonLinesSplitter();
  }

  /** Feeds the next piece of text; false once the file's structure broke and no more text is wanted. */
  async push(text: string): Promise<boolean> {
    if (this.lines) {
      for (const { text: line, line: n } of this.lines.push(text)) await this.instance(line, `line ${n}`);
      return true;
    }
    const splitter = this.splitter!;
    for (const element of splitter.push(text)) {
      // Awaited only when a batch goes out: an await per instance cost seconds over millions of them.
      const pending = this.instance(element, undefined);
      if (pending) await pending;
    }
    const error = splitter.failure();
    if (error) {
      const local = error.offset - this.charsBefore;
      this.structureError(this.bytesBefore + Buffer.byteLength(text.slice(0, Math.max(0, local))), error.message);
      return false;
    }
    this.charsBefore += text.length;
    this.bytesBefore += Buffer.byteLength(text);
    return true;
  }

  /** The text is complete. */
  async end(): Promise<void> {
    if (this.lines) {
      for (const { text: line, line: n } of this.lines.end()) await this.instance(line, `line ${n}`);
      return;
    }
    const splitter = this.splitter!;
    if (splitter.failure()) return; // already reported
    for (const element of splitter.end()) {
      const pending = this.instance(element, undefined);
      if (pending) await pending;
    }
    const error = splitter.failure();
    if (error) this.structureError(this.bytesBefore, error.message);
  }

  /** This file's findings: structure problems, then the per-instance ones kept, then a count of those not listed. */
  findings(): IngestFinding[] {
    const out = [...this.structure, ...this.kept];
    for (const severity of ['ERROR', 'WARN', 'INFO'] as const) {
      const n = this.notListed[severity];
      if (n > 0) {
        out.push({
          severity,
          file: this.source.file,
          location: '',
          message: `${n} more ${severity === 'ERROR' ? 'skipped instance(s)' : 'finding(s)'} like the ones above are not listed`,
        });
      }
    }
    return out;
  }

  /** One instance's text: a promise only when its record sends a batch out (RecordSink.add). */
  private instance(text: string, lineLocation: string | undefined): Promise<void> | undefined {
    const index = this.index++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      this.tally.skipped++;
      this.instanceFinding({
        severity: 'ERROR',
        file: this.source.file,
        location: lineLocation ?? `record ${index + 1}`,
        message: `the instance is not valid JSON (${e instanceof Error ? e.message : String(e)}); it was skipped`,
      });
      return;
    }
    const result = normalizeInstance(parsed, {
      modelType: this.source.modelType,
      file: this.source.file,
      index,
      rawJson: text,
      createHasher: this.createHasher,
      ...(lineLocation === undefined ? {} : { location: lineLocation }),
    });
    if (!result.ok) {
      this.tally.skipped++;
      this.instanceFinding(result.finding);
      return undefined;
    }
    for (const f of result.findings) this.instanceFinding(f);
    this.tally.read++;
    return this.sink.add(result.record);
  }

  private instanceFinding(f: IngestFinding): void {
    if (this.keptBySeverity[f.severity] < MAX_INSTANCE_FINDINGS_PER_FILE) {
      this.keptBySeverity[f.severity]++;
      this.kept.push(f);
    } else {
      this.notListed[f.severity]++;
    }
  }

  private structureError(byte: number, message: string): void {
    const where = this.source.gzip ? ' (counted in the decompressed text)' : '';
    this.structure.push({
      severity: 'ERROR',
      file: this.source.file,
      location: `byte ${byte}`,
      message: `${message}${where}; ${this.index} instance(s) before this point were read, any after it were not`,
    });
  }
}
