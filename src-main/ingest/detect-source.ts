/**
 * What a path holds — a platform dump, an export bundle or an audit file —
 * told from what is inside (member names, the first bytes), not only from
 * its own name, so a renamed ZIP or folder is still recognised.
 */
import { open as openFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { isDumpDataFileName } from '../../src-shared/ingest/model-types';
import type { SourceKind } from '../../src-shared/ingest/types';
import { InputError } from '../services/input-files';
import { isZipFile, listZip, openDumpSource } from './dump-source';

/** `voss export group subscriber`'s files: `<YYYY-MM-DD_HHMM>_<type>.json.gz` (platform-dump.md §2). */
const EXPORT_FILE = /^\d{4}-\d{2}-\d{2}_\d{4}_[A-Za-z0-9_]+\.json\.gz$/i;
const AUDIT_FILE = /^vlf_.*\.(zip|csv|json)$/i;
/** Enough of a file to see an audit CSV's metadata lines or header. */
const SNIFF_BYTES = 64 * 1024;

/** Tallies of the names that point to each kind. */
interface NameVotes {
  dump: number;
  export: number;
  audit: number;
}

export async function detectSourceKind(path: string): Promise<SourceKind | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new InputError(`${path}: no such file or folder`);
  if (info.isDirectory()) {
    const opened = await openDumpSource(path);
    return opened.ok ? decide(voteOnNames(opened.source.files.map((f) => f.path))) : undefined;
  }
  if (await isZipFile(path)) {
    const names = await zipMemberNames(path);
    if (names) {
      const kind = decide(voteOnNames(names));
      if (kind) return kind;
    }
    return AUDIT_FILE.test(basename(path)) ? 'audit' : undefined;
  }
  if (AUDIT_FILE.test(basename(path))) return 'audit';
  if (looksLikeAuditCsv(await head(path))) return 'audit';
  // A lone data file is a dump of one file.
  if (isDumpDataFileName(path)) return 'dump';
  return undefined;
}

/** Member names of a ZIP, or undefined when it cannot be listed. */
async function zipMemberNames(path: string): Promise<string[] | undefined> {
  try {
    const { zip, entries } = await listZip(path);
    zip.close();
    return entries.map((e) => e.name).filter((n) => !n.endsWith('/'));
  } catch {
    return undefined;
  }
}

export function voteOnNames(paths: readonly string[]): NameVotes {
  const votes: NameVotes = { dump: 0, export: 0, audit: 0 };
  for (const p of paths) {
    const segments = p.split('/');
    if (segments.some((s) => s === '__MACOSX' || s.startsWith('.'))) continue;
    const name = segments[segments.length - 1]!;
    if (EXPORT_FILE.test(name)) votes.export++;
    else if (isDumpDataFileName(name) || name.toLowerCase() === 'meta.json') votes.dump++;
    else if (/^vlf_/i.test(name)) votes.audit++;
  }
  return votes;
}

/** The kind most names point to; on a tie an export beats a dump beats an audit (the more specific name pattern wins). */
function decide(votes: NameVotes): SourceKind | undefined {
  const best = Math.max(votes.export, votes.dump, votes.audit);
  if (best === 0) return undefined;
  if (votes.export === best) return 'export';
  if (votes.dump === best) return 'dump';
  return 'audit';
}

async function head(path: string): Promise<Uint8Array> {
  const handle = await openFile(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** An audit CSV starts with `#Key=Value` metadata lines, or (headerless variants) has a header naming `Customer PKID`. */
export function looksLikeAuditCsv(bytes: Uint8Array): boolean {
  const text = new TextDecoder('utf-8').decode(bytes);
  const lines = text.split(/\r?\n/, 50).filter((l) => l.trim() !== '');
  const first = lines[0];
  if (first === undefined) return false;
  if (/^#[^=\n]+=/.test(first)) return true;
  return lines.some((l) => !l.startsWith('#') && /(^|,)"?Customer PKID"?(,|$)/i.test(l));
}
