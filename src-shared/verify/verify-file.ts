/**
 * Verifies one audit file — a license ZIP, an audit CSV or a license JSON —
 * running the per-file checks V1–V13 and V17. V14 (which needs the names of
 * the detailed files given with it) and V15 run over the whole batch in
 * verify-batch.ts, the only entry point. Never throws on bad input: every
 * problem is a finding.
 */
import { type HashAlgorithm, type HashFileContent, type HasherFactory, parseHashFile } from '../audit/hash-files';
import { type AuditFileName, parseAuditFileName } from '../audit/file-names';
import { type ClassifiedMember, type ClassifiedZip, classifyZip, LAYOUT_V5, memberKey } from '../audit/layouts';
import { openZip, type ZipArchive } from '../audit/zip-archive';
import { decodeUtf8 } from '../util/utf8';
import { buildCsvDocument, type CsvDocument } from './csv-document';
import { type Finding, findingsFor, type MakeFinding } from './findings';
import { checkFileName } from './checks/v01-file-name';
import { checkDeclaredSizes, checkZipPaths, memberUnreadable, zipUnreadable } from './checks/v02-zip-safety';
import { checkLayoutMembers } from './checks/v03-layout-members';
import { checkHashPresence } from './checks/v04-hash-presence';
import { checkHashMatch, hashUnreadable } from './checks/v05-hash-match';
import { checkExtraMembers } from './checks/v06-extra-members';
import { checkTimestamps } from './checks/v07-timestamps';
import { checkMetadata, type MetadataCheckOptions } from './checks/v08-metadata';
import { checkHeader } from './checks/v09-header';
import { checkFieldCounts } from './checks/v10-field-counts';
import { checkCellValues } from './checks/v11-cell-values';
import { checkCustomerPkids } from './checks/v12-customer-pkids';
import { checkInnerSums } from './checks/v13-inner-sums';
import { checkUtf8, utf8Finding } from './checks/v17-utf8';
import { sniffContent } from './sniff';

export interface VerifyInput {
  /** The file's base name as the user sees it. */
  name: string;
  bytes: Uint8Array;
  /** The bytes of `<name>.hash` when one lies beside a standalone CSV or JSON. */
  siblingHash?: Uint8Array | undefined;
}

export interface VerifyOptions extends MetadataCheckOptions {
  createHasher: HasherFactory;
}

export interface VerifiedFile {
  file: string;
  findings: Finding[];
  /** The audit CSVs found in the file, kept for the cross-file checks. */
  csvs: CsvDocument[];
}

export async function verifyFile(input: VerifyInput, options: VerifyOptions): Promise<VerifiedFile> {
  const make = findingsFor(input.name);
  const kind = sniffContent(input.bytes);
  if (kind === 'zip') return verifyZip(input, options, make);
  const v1 = checkFileName(make, input.name, '');
  const findings = [...v1.findings];
  const csvs: CsvDocument[] = [];
  if (kind === 'json') {
    findings.push(...checkJsonMember(make, '', input.bytes, v1.parsed?.type === 'license' ? 'license' : 'support'));
  } else {
    const doc = buildCsvDocument(input.name, '', reparseWithMetadata(input.name, v1.parsed, input.bytes), input.bytes);
    findings.push(...checkCsv(make, doc, options));
    csvs.push(doc);
  }
  if (input.siblingHash) {
    findings.push(
      ...compareWithHash(make, { location: '', name: input.name }, `${input.name}.hash`, input.bytes, input.siblingHash, options.createHasher),
    );
  }
  return { file: input.name, findings, csvs };
}

/** The per-CSV checks, V8–V13 and V17 (V14 and V15 need the whole batch). */
export function checkCsv(make: MakeFinding, doc: CsvDocument, options: MetadataCheckOptions): Finding[] {
  const findings = [...checkUtf8(make, doc), ...checkFieldCounts(make, doc)];
  // The breakdown file's layout is not documented: only its text and shape are checked.
  if (doc.kind === 'breakdown') return findings;
  findings.push(
    ...checkMetadata(make, doc, options),
    ...checkHeader(make, doc),
    ...checkCellValues(make, doc),
    ...checkCustomerPkids(make, doc),
    ...checkInnerSums(make, doc),
  );
  return findings;
}

async function verifyZip(input: VerifyInput, options: VerifyOptions, make: MakeFinding): Promise<VerifiedFile> {
  const v1 = checkFileName(make, input.name, '');
  const findings: Finding[] = [...v1.findings];
  const csvs: CsvDocument[] = [];
  const opened = await openZip(input.bytes);
  if (!opened.ok) {
    findings.push(zipUnreadable(make, opened.reason));
    return { file: input.name, findings, csvs };
  }
  const archive = opened.archive;
  findings.push(...checkZipPaths(make, archive));
  let zip = classifyZip(v1.parsed, archive.entries);
  if (zip.layout === LAYOUT_V5) {
    // 19.3 and v5 ZIPs share their names; an audit older than 5.x inside settles it (a 19.3 ZIP whose license JSON is missing).
    const major = await auditMajorOf(archive, zip.expected.get(memberKey('anonymous', 'csv'))?.path);
    if (major !== undefined && major < 5) zip = classifyZip(v1.parsed, archive.entries, { auditMajor: major });
  }
  findings.push(
    ...checkLayoutMembers(make, zip),
    ...checkHashPresence(make, zip),
    ...checkExtraMembers(make, zip),
    ...checkTimestamps(make, v1.parsed, zip),
  );

  // Hash files first: they say which algorithm each member is hashed with.
  const hashes = new Map<string, HashFileContent>();
  for (const [target, hashMember] of zip.hashes) {
    if (!zip.dataMembers.some((m) => m.path === target)) continue;
    const read = await archive.read(hashMember.path);
    if (!read.ok) {
      findings.push(memberUnreadable(make, hashMember.path, read.reason));
      continue;
    }
    const parsed = parseHashFile(decodeUtf8(read.bytes).text);
    if (typeof parsed === 'string') findings.push(hashUnreadable(make, hashMember.path, parsed));
    else hashes.set(target, parsed);
  }

  for (const member of zip.dataMembers) {
    const expectedHash = hashes.get(member.path);
    const read = await readHashing(archive, member.path, expectedHash?.algorithm, options.createHasher);
    if (!read.ok) {
      findings.push(memberUnreadable(make, member.path, read.reason));
      continue;
    }
    if (expectedHash && read.digest !== undefined) {
      const hashPath = zip.hashes.get(member.path)!.path;
      findings.push(...checkHashMatch(make, { location: member.path, name: member.name }, hashPath, expectedHash, read.digest));
    }
    if (!isExpected(zip, member)) continue;
    const type = member.parsed!.type;
    if (member.parsed!.ext === 'csv') {
      const doc = buildCsvDocument(input.name, member.path, reparseWithMetadata(member.name, member.parsed, read.bytes), read.bytes);
      findings.push(...checkCsv(make, doc, options));
      csvs.push(doc);
    } else {
      findings.push(...checkJsonMember(make, member.path, read.bytes, type === 'license' ? 'license' : 'support'));
    }
  }
  const reportedV2 = new Set(findings.filter((f) => f.check === 'V2').map((f) => f.location));
  findings.push(...checkDeclaredSizes(make, archive, reportedV2));
  return { file: input.name, findings, csvs };
}

async function auditMajorOf(archive: ZipArchive, path: string | undefined): Promise<number | undefined> {
  if (!path) return undefined;
  const read = await archive.read(path);
  if (!read.ok) return undefined;
  const version = /^#Audit Version=(\d+)\./m.exec(decodeUtf8(read.bytes.subarray(0, 4096)).text);
  return version ? Number(version[1]) : undefined;
}

function isExpected(zip: ClassifiedZip, member: ClassifiedMember): boolean {
  const p = member.parsed;
  return !!p && zip.expected.get(memberKey(p.type, p.ext)) === member;
}

type HashedRead = { ok: true; bytes: Uint8Array; digest: string | undefined } | { ok: false; reason: string };

/** Inflate a member once, hashing its chunks as they stream by. */
async function readHashing(
  archive: ZipArchive,
  path: string,
  algorithm: HashAlgorithm | undefined,
  createHasher: HasherFactory,
): Promise<HashedRead> {
  const hasher = algorithm ? createHasher(algorithm) : undefined;
  const read = await archive.read(path, hasher ? (chunk) => hasher.update(chunk) : undefined);
  if (!read.ok) return read;
  return { ok: true, bytes: read.bytes, digest: hasher?.digestHex() };
}

function compareWithHash(
  make: MakeFinding,
  member: { location: string; name: string },
  hashPath: string,
  bytes: Uint8Array,
  hashBytes: Uint8Array,
  createHasher: HasherFactory,
): Finding[] {
  const parsed = parseHashFile(decodeUtf8(hashBytes).text);
  if (typeof parsed === 'string') return [hashUnreadable(make, hashPath, parsed)];
  const h = createHasher(parsed.algorithm);
  h.update(bytes);
  return checkHashMatch(make, member, hashPath, parsed, h.digestHex());
}

/**
 * §1 Decision: provider and host are split using the CSV's own `#Provider Name`
 * and `#hostname` when known, so parse the name again with them.
 */
function reparseWithMetadata(name: string, parsed: AuditFileName | undefined, bytes: Uint8Array): AuditFileName | undefined {
  if (!parsed) return undefined;
  const head = decodeUtf8(bytes.subarray(0, 4096)).text;
  const provider = /^#Provider Name=(.*?)\r?$/m.exec(head)?.[1];
  const host = /^#hostname=(.*?)\r?$/m.exec(head)?.[1];
  const again = parseAuditFileName(name, { provider, host });
  return again.ok ? again.value : parsed;
}

/** The metadata attributes of the 19.3 license JSON (seed 000). */
const LICENSE_JSON_KEYS = ['datetime', 'export_identifier', 'pipeline_type_name'] as const;

/**
 * JSON members must be UTF-8 and parse as JSON: the license JSON is billing
 * data (FAIL, and its metadata attributes are checked as V8), patch and
 * adaptation_log are support information (WARN).
 */
function checkJsonMember(make: MakeFinding, location: string, bytes: Uint8Array, role: 'license' | 'support'): Finding[] {
  const decoded = decodeUtf8(bytes);
  if (decoded.invalidAt !== undefined) return [utf8Finding(make, location, `byte ${decoded.invalidAt} is not valid UTF-8`)];
  let value: unknown;
  try {
    value = JSON.parse(decoded.text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return [make('V3', role === 'license' ? 'FAIL' : 'WARN', location, `The JSON file cannot be read (${reason}).`)];
  }
  if (role !== 'license') return [];
  const object = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return LICENSE_JSON_KEYS.filter((k) => typeof object[k] !== 'string' || object[k] === '').map((k) =>
    make('V8', 'WARN', location, `The license JSON has no "${k}" attribute.`),
  );
}
