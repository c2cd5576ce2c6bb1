/**
 * `anonymize` on disk: read a detailed CSV (or a v5 license_detailed ZIP),
 * refuse input that would make a ZIP that does not verify, write the ZIP(s)
 * atomically, and verify what was written.
 */
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { anonymize, AnonymizeError, type SupportFiles, type WrittenFile } from '../../src-shared/audit/anonymize';
import { type AuditFileName, parseAuditFileName } from '../../src-shared/audit/file-names';
import type { LayoutId } from '../../src-shared/audit/layouts';
import { openZip } from '../../src-shared/audit/zip-archive';
import { buildCsvDocument } from '../../src-shared/verify/csv-document';
import { findingsFor, sortFindings, summarize, type VerifyReport } from '../../src-shared/verify/findings';
import { sniffContent } from '../../src-shared/verify/sniff';
import { checkCsv } from '../../src-shared/verify/verify-file';
import { type BatchItem, verifyBatch } from '../../src-shared/verify/verify-batch';
import { fileBatchItem, InputError, readInputFile } from './input-files';
import { createNodeHasher } from './node-hasher';
import { writeFileAtomic } from './atomic-write';
import { verifyPaths } from './verify-service';

export interface AnonymizeFileOptions {
  outDir: string;
  layout?: LayoutId | undefined;
  host?: string | undefined;
}

export interface AnonymizeFileResult {
  layout: LayoutId;
  written: string[];
  copied: Array<keyof SupportFiles>;
  /** Where the copied support files came from, when any were copied. */
  supportSource?: string;
  verification: VerifyReport;
}

const SUPPORT_TYPES = ['anonymous_breakdown', 'patch', 'adaptation_log'] as const;

/** What anonymize would write, built in memory; nothing touches the disk. */
export interface AnonymizePlan {
  layout: LayoutId;
  zips: WrittenFile[];
  copied: Array<keyof SupportFiles>;
  supportSource?: string;
}

/** Read and check the input, and build the ZIP(s) in memory. */
export async function planAnonymize(inputPath: string, options: Omit<AnonymizeFileOptions, 'outDir'>): Promise<AnonymizePlan> {
  const info = await stat(inputPath).catch(() => undefined);
  if (info?.isDirectory()) {
    throw new InputError(
      `${inputPath}: anonymizing a platform dump or export needs the counting engine, which is not yet available; give the detailed CSV (vlf_…_detailed_….csv)`,
    );
  }
  const bytes = await readInputFile(inputPath);
  const name = basename(inputPath);
  const kind = sniffContent(bytes);
  let detailed: Uint8Array;
  let support: SupportFiles = {};
  let supportSource: string | undefined;
  if (kind === 'zip') {
    const fromZip = await readZipMembers(bytes, name);
    if (!fromZip.detailed) {
      throw new InputError(`${inputPath}: the ZIP holds no detailed CSV; anonymize starts from the detailed CSV or a v5 license_detailed ZIP`);
    }
    detailed = fromZip.detailed;
    support = fromZip.support;
    supportSource = name;
  } else if (kind === 'csv') {
    detailed = bytes;
    const parsed = parseAuditFileName(name);
    const sibling = parsed.ok ? await findLicenseZipBeside(inputPath, parsed.value) : undefined;
    if (sibling) {
      support = (await readZipMembers(await readInputFile(sibling), basename(sibling))).support;
      supportSource = basename(sibling);
    }
  } else {
    throw new InputError(`${inputPath}: this is a JSON file; anonymize starts from the detailed CSV`);
  }

  preflight(name, detailed);
  const parsedName = parseAuditFileName(name);
  let result;
  try {
    result = await anonymize({
      detailed,
      detailedName: parsedName.ok ? parsedName.value : undefined,
      layout: options.layout,
      host: options.host,
      support,
      createHasher: createNodeHasher,
    });
  } catch (e) {
    if (e instanceof AnonymizeError) throw new InputError(`${inputPath}: ${e.message}`);
    throw e;
  }
  const plan: AnonymizePlan = { layout: result.layout, zips: result.zips, copied: result.copied };
  if (result.copied.length && supportSource) plan.supportSource = supportSource;
  return plan;
}

/**
 * Verify a plan's ZIPs without writing them, together with the input (so V14
 * knows the names that must not leak and V15 compares the counts); only the
 * ZIPs' reports are kept.
 */
export async function verifyPlan(inputPath: string, plan: AnonymizePlan): Promise<VerifyReport> {
  const items: BatchItem[] = [fileBatchItem(inputPath), ...plan.zips.map((z) => ({ name: z.name, load: async () => ({ bytes: z.bytes }) }))];
  const together = await verifyBatch(items, { createHasher: createNodeHasher });
  const files = together.files.slice(1);
  return { files, summary: summarize(files) };
}

export async function anonymizeFile(inputPath: string, options: AnonymizeFileOptions): Promise<AnonymizeFileResult> {
  const plan = await planAnonymize(inputPath, options);
  const result = plan;
  const outDir = resolve(options.outDir);
  await mkdir(outDir, { recursive: true });
  const targets = result.zips.map((zip) => ({ zip, path: join(outDir, zip.name) }));
  for (const { zip, path } of targets) await refuseToReplace(path, zip.bytes, resolve(inputPath));
  const written: string[] = [];
  for (const { zip, path } of targets) {
    await writeFileAtomic(path, zip.bytes);
    written.push(path);
  }
  // Verified together with the input, so V14 knows the names that must not leak and V15 compares the counts;
  // only the written files' reports are kept (the input's own were the preflight).
  const together = await verifyPaths([inputPath, ...written]);
  const files = together.files.slice(1);
  const verification: VerifyReport = { files, summary: summarize(files) };
  const out: AnonymizeFileResult = { layout: result.layout, written, copied: result.copied, verification };
  if (plan.supportSource) out.supportSource = plan.supportSource;
  return out;
}

/**
 * Never overwrite the input, nor a different file already there (it may be
 * the platform's own ZIP); writing the same bytes again is harmless.
 */
async function refuseToReplace(path: string, bytes: Uint8Array, input: string): Promise<void> {
  if (path === input) throw new InputError(`${path}: the output would replace the input; choose another --out-dir`);
  const existing = await readFile(path).catch(() => undefined);
  if (existing && !existing.equals(bytes)) {
    throw new InputError(`${path} already exists with other content; choose another --out-dir or move that file away`);
  }
}

/** Refuse input whose own checks fail or warn: whatever anonymize writes must verify clean (§6). */
function preflight(name: string, bytes: Uint8Array): void {
  const doc = buildCsvDocument(name, '', undefined, bytes);
  const problems = sortFindings(checkCsv(findingsFor(name), doc, {})).filter((f) => f.severity !== 'INFO');
  if (!problems.length) return;
  const shown = problems.slice(0, 5).map((f) => `${f.check} ${f.location ? `${f.location}: ` : ''}${f.message}`);
  const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
  throw new InputError(
    `${name}: the detailed CSV has problems that would make the ZIP fail verification; fix them first${more}:\n  ${shown.join('\n  ')}`,
  );
}

async function readZipMembers(bytes: Uint8Array, zipName: string): Promise<{ detailed?: Uint8Array; support: SupportFiles }> {
  const opened = await openZip(bytes);
  if (!opened.ok) throw new InputError(`${zipName}: ${opened.reason}`);
  const support: SupportFiles = {};
  let detailed: Uint8Array | undefined;
  for (const entry of opened.archive.entries) {
    if (entry.dir) continue;
    const parsed = parseAuditFileName(entry.path.replace(/^.*\//, ''));
    if (!parsed.ok) continue;
    const type = parsed.value.type;
    if (type !== 'detailed' && !(SUPPORT_TYPES as readonly string[]).includes(type)) continue;
    const read = await opened.archive.read(entry.path);
    if (!read.ok) throw new InputError(`${zipName}: ${read.reason}`);
    if (type === 'detailed') detailed = read.bytes;
    else support[type as keyof SupportFiles] = read.bytes;
  }
  return detailed ? { detailed, support } : { support };
}

/** The license ZIP of the same audit (provider, host, timestamp) in the detailed CSV's folder, if any. */
async function findLicenseZipBeside(csvPath: string, csvName: AuditFileName): Promise<string | undefined> {
  const folder = dirname(resolve(csvPath));
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const n of names.sort()) {
    const p = parseAuditFileName(n);
    if (
      p.ok &&
      p.value.type === 'license' &&
      p.value.ext === 'zip' &&
      p.value.timestamp === csvName.timestamp &&
      `${p.value.provider}_${p.value.host}` === `${csvName.provider}_${csvName.host}`
    ) {
      return join(folder, n);
    }
  }
  return undefined;
}
