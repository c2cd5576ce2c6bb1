/**
 * Verifies a batch of audit files: each file on its own (verify-file.ts), then
 * the checks that need several files — V14's known names and V15's detailed
 * vs anonymous comparison — and, given the library's lookup, V16's
 * comparison with each audit's previous one. Files are loaded one at a time
 * so a folder of 500 ZIPs never sits in memory at once; only the parsed CSVs
 * are kept.
 */
import { type CsvDocument, locate } from './csv-document';
import { type FileReport, type Finding, findingsFor, sortFindings, summarize, verdictOf, type VerifyReport } from './findings';
import { checkPrivacy, namesIn } from './checks/v14-privacy';
import { auditKey, checkDetailedMatchesAnonymous } from './checks/v15-detailed-vs-anonymous';
import { checkAgainstPrevious, type PreviousAuditLookup, previousAuditQuery } from './checks/v16-previous-audit';
import { type VerifiedFile, verifyFile, type VerifyInput, type VerifyOptions } from './verify-file';

export interface BatchItem {
  name: string;
  load(): Promise<Omit<VerifyInput, 'name'>>;
}

export interface BatchProgress {
  phase: 'verify' | 'cross-check';
  current: number;
  total: number;
  file: string;
}

export interface BatchOptions extends VerifyOptions {
  onProgress?: (p: BatchProgress) => void;
  signal?: AbortSignal;
  /** The library's earlier audits, for V16. Without it V16 does not run, and the caller says so (the verify CLI prints "Not checked"). */
  previousAudit?: PreviousAuditLookup | undefined;
}

export async function verifyBatch(items: readonly BatchItem[], options: BatchOptions): Promise<VerifyReport> {
  const verified: VerifiedFile[] = [];
  for (const [i, item] of items.entries()) {
    options.signal?.throwIfAborted();
    options.onProgress?.({ phase: 'verify', current: i, total: items.length, file: item.name });
    const loaded = await item.load();
    verified.push(await verifyFile({ name: item.name, ...loaded }, options));
  }
  options.onProgress?.({ phase: 'cross-check', current: items.length, total: items.length, file: '' });
  crossCheck(verified);
  if (options.previousAudit) await compareWithPrevious(verified, options.previousAudit);
  const files: FileReport[] = verified.map((v) => {
    const findings = sortFindings(v.findings);
    return { file: v.file, verdict: verdictOf(findings), findings };
  });
  return { files, summary: summarize(files) };
}

/** V14 with the names of every detailed file in the batch, and V15 for each detailed/anonymous pair of one audit. */
export function crossCheck(verified: VerifiedFile[]): void {
  const docs: Array<{ doc: CsvDocument; owner: VerifiedFile }> = verified.flatMap((v) => v.csvs.map((doc) => ({ doc, owner: v })));
  const detailed = docs.filter((d) => d.doc.kind === 'detailed');
  const names = new Set(detailed.flatMap((d) => namesIn(d.doc)));

  for (const { doc, owner } of docs) {
    if (doc.kind === 'detailed') continue;
    owner.findings.push(...checkPrivacy(findingsFor(owner.file), doc, names));
  }

  for (const a of docs) {
    if (a.doc.kind !== 'anonymous') continue;
    const key = auditKey(a.doc);
    if (!key) continue;
    for (const d of detailed) {
      if (auditKey(d.doc) !== key) continue;
      const findings: Finding[] = checkDetailedMatchesAnonymous(findingsFor(a.owner.file), d.doc, a.doc);
      a.owner.findings.push(...findings);
      if (d.owner !== a.owner) d.owner.findings.push(...findings.map((f) => ({ ...f, file: d.owner.file })));
    }
  }
}

/**
 * V16 for each file: its detailed CSV (or its anonymous one when it has no
 * detailed one) against the previous audit of its platform in the library.
 */
async function compareWithPrevious(verified: VerifiedFile[], lookup: PreviousAuditLookup): Promise<void> {
  for (const v of verified) {
    const doc = v.csvs.find((d) => d.kind === 'detailed') ?? v.csvs.find((d) => d.kind === 'anonymous');
    if (!doc) continue;
    const make = findingsFor(v.file);
    const query = previousAuditQuery(doc);
    if ('reason' in query) v.findings.push(make('V16', 'INFO', locate(doc), `Not compared with an earlier audit: ${query.reason}.`));
    else {
      const previous = await lookup(query);
      if (previous !== 'no-library') v.findings.push(...checkAgainstPrevious(make, doc, query, previous));
    }
  }
}
