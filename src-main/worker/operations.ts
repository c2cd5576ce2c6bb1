/**
 * What the worker does for each operation of the protocol. State that must
 * outlive a call lives here: the open library and the count sessions
 * (countId → CountedSource), so the drill-down answers without recounting.
 */
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { AnonymizePreview, AnonymizeSaveResult } from '../../src-shared/api/types';
import type { JobPhase } from '../../src-shared/api/contract';
import { parseAuditFileName } from '../../src-shared/audit/file-names';
import { openZip } from '../../src-shared/audit/zip-archive';
import { sniffContent } from '../../src-shared/verify/sniff';
import type { ReadProgress } from '../../src-shared/ingest/types';
import { rawRecord } from '../library/raw-records';
import { auditHistory, compareAudits } from '../library/reported-audits';
import { anonymizeFile, planAnonymize, verifyPlan } from '../services/anonymize-service';
import { type CountedSource, countSource, storeComputedAudit } from '../services/count-service';
import { importSources } from '../services/import-service';
import { InputError, readInputFile } from '../services/input-files';
import { libraryLookup, verifyPaths } from '../services/verify-service';
import type { PreviousAuditLookup } from '../../src-shared/verify/checks/v16-previous-audit';
import { LibraryHolder } from './library-holder';
import type { RequestOf, ResultOf, WorkerOp } from './protocol';

/** Progress as an operation reports it; the worker adds rates and throttles. */
export interface ProgressSample {
  phase: JobPhase;
  file: string;
  records: number;
  bytes: number;
  totalBytes: number;
  source: number;
  sources: number;
}

export interface CallContext {
  signal: AbortSignal;
  progress(p: ProgressSample): void;
}

export class NotFoundError extends Error {}

type Operation<K extends WorkerOp> = (request: RequestOf<K>, context: CallContext) => Promise<ResultOf<K>>;

export class WorkerState {
  readonly library = new LibraryHolder();
  private readonly counts = new Map<string, CountedSource>();

  run<K extends WorkerOp>(request: RequestOf<K>, context: CallContext): Promise<ResultOf<K>> {
    const op = this.operations[request.type] as Operation<K>;
    return op(request, context);
  }

  close(): void {
    this.library.close();
    this.counts.clear();
  }

  private previousAuditIn(libraryFile: string): PreviousAuditLookup {
    return (query) => this.library.use(libraryFile, (lib) => libraryLookup(lib)(query));
  }

  private count(countId: string): CountedSource {
    const c = this.counts.get(countId);
    if (!c) throw new NotFoundError(`count ${countId} is no longer available (the app was restarted or the count was closed); count the source again`);
    return c;
  }

  private readonly operations: { [K in WorkerOp]: Operation<K> } = {
    import: (r, ctx) =>
      this.library.write(
        r.libraryFile,
        (lib) =>
          importSources(lib, r.paths, {
            as: r.as,
            importedBy: r.importedBy,
            signal: ctx.signal,
            onProgress: (p) => ctx.progress({ ...p }),
          }),
        // importSources saves the library itself, once every source is in.
        { save: false, exclusive: true },
      ),
    verify: (r, ctx) =>
      verifyPaths(r.paths, {
        expectProvider: r.expectProvider,
        // V16: each lookup takes the library in turn, so other library calls are not held up for the whole batch.
        previousAudit: r.libraryFile && existsSync(r.libraryFile) ? this.previousAuditIn(r.libraryFile) : undefined,
        signal: ctx.signal,
        onProgress: (p) => ctx.progress({ phase: 'verify', file: p.file, records: p.current, bytes: 0, totalBytes: 0, source: p.current, sources: p.total }),
      }),
    'library/list': async (r) => this.library.use(r.libraryFile, (lib) => lib.listSources({ includeArchived: r.includeArchived })),
    'library/archive': async (r) => this.library.write(r.libraryFile, (lib) => lib.archive(r.id)),
    'library/restore': async (r) => this.library.write(r.libraryFile, (lib) => lib.restore(r.id)),
    'library/purge': async (r) =>
      this.library.write(r.libraryFile, (lib) => {
        lib.purge(r.id);
        return { purged: r.id };
      }),
    'library/retention': async (r) => {
      if (r.days === undefined) return this.library.use(r.libraryFile, (lib) => ({ days: lib.retentionDays }));
      const days = r.days;
      return this.library.write(r.libraryFile, (lib) => {
        lib.retentionDays = days;
        return { days: lib.retentionDays };
      });
    },
    'count/run': async (r, ctx) => {
      const options = {
        ...(r.fromHierarchy ? { options: { fromHierarchy: r.fromHierarchy } } : {}),
        signal: ctx.signal,
        onProgress: (p: ReadProgress) => ctx.progress({ ...p, phase: p.phase === 'read' ? 'count' : p.phase, source: 1, sources: 1 }),
      };
      let counted: CountedSource;
      if ('sourceId' in r.source) {
        const sourceId = r.source.sourceId;
        // The worker's open library is counted in place (no second copy), and the count is kept as its computed audit.
        counted = await this.library.write(r.libraryFile, async (library) => {
          const c = await countSource({ kind: 'open-library', library, sourceId }, options);
          if (!r.fromHierarchy) storeComputedAudit(library, sourceId, c);
          return c;
        });
      } else {
        counted = await countSource({ kind: 'path', path: r.source.path, ...(r.source.as ? { as: r.source.as } : {}) }, options);
      }
      const countId = randomUUID();
      this.counts.set(countId, counted);
      return { countId, summary: counted.summary };
    },
    'count/users': async (r) => this.count(r.countId).users(r.query),
    'count/explain': async (r) => this.count(r.countId).explain(r.rowKey, r.column),
    'count/csv': async (r) => this.count(r.countId).csv(r.format, r.view),
    'count/usersCsv': async (r) => this.count(r.countId).usersCsv(r.query),
    'count/close': async (r) => {
      this.counts.delete(r.countId);
    },
    'compare/run': async (r) => {
      const counted = this.count(r.countId);
      const reported = await reportedCsv(r.reportedPath);
      return counted.diff(reported.text, reported.name);
    },
    'compare/audits': async (r) => this.library.use(r.libraryFile, (lib) => compareAudits(lib.database, r.leftSourceId, r.rightSourceId, r.view)),
    'records/raw': async (r) => this.library.use(r.libraryFile, (lib) => rawRecord(lib.database, r.sourceId, r.modelType, r.pkid)),
    'audits/history': async (r) => this.library.use(r.libraryFile, (lib) => auditHistory(lib.database, r)),
    'anonymize/preview': async (r) => {
      const plan = await planAnonymize(r.input, { layout: r.layout, host: r.host });
      const verification = await verifyPlan(r.input, plan);
      const privacy = verification.files.flatMap((f) => f.findings).filter((f) => f.check === 'V14');
      const preview: AnonymizePreview = {
        layout: plan.layout,
        zips: plan.zips.map((z) => ({ name: z.name, bytes: z.bytes.length, members: z.members })),
        copied: plan.copied,
        verification,
        privacy: { clean: privacy.every((f) => f.severity === 'INFO'), findings: privacy },
      };
      if (plan.supportSource) preview.supportSource = plan.supportSource;
      return preview;
    },
    'anonymize/save': async (r, ctx) => {
      ctx.signal.throwIfAborted();
      ctx.progress({ phase: 'write', file: basename(r.input), records: 0, bytes: 0, totalBytes: 0, source: 1, sources: 1 });
      const result = await anonymizeFile(r.input, { outDir: r.outDir, layout: r.layout, host: r.host });
      const out: AnonymizeSaveResult = { layout: result.layout, written: result.written, copied: result.copied, verification: result.verification };
      if (result.supportSource) out.supportSource = result.supportSource;
      return out;
    },
  };
}

/** The audit CSV text of a reported audit on disk: the CSV itself, or the anonymous (else detailed) CSV inside a license ZIP. */
async function reportedCsv(path: string): Promise<{ text: string; name: string }> {
  const bytes = await readInputFile(path);
  const name = basename(path);
  const kind = sniffContent(bytes);
  if (kind === 'csv') return { text: new TextDecoder().decode(bytes), name };
  if (kind !== 'zip') throw new InputError(`${path}: not an audit CSV or license ZIP; compare needs the audit the platform reported`);
  const opened = await openZip(bytes);
  if (!opened.ok) throw new InputError(`${path}: ${opened.reason}`);
  const csvs = opened.archive.entries
    .filter((e) => !e.dir)
    .map((e) => ({ path: e.path, parsed: parseAuditFileName(e.path.replace(/^.*\//, '')) }))
    .filter((e) => e.parsed.ok && e.parsed.value.ext === 'csv' && (e.parsed.value.type === 'anonymous' || e.parsed.value.type === 'detailed'));
  const member = csvs.find((e) => e.parsed.ok && e.parsed.value.type === 'anonymous') ?? csvs[0];
  if (!member) throw new InputError(`${path}: the ZIP holds no audit CSV`);
  const read = await opened.archive.read(member.path);
  if (!read.ok) throw new InputError(`${path}: ${read.reason}`);
  return { text: new TextDecoder().decode(read.bytes), name: member.path.replace(/^.*\//, '') };
}
