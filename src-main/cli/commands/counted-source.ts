/**
 * What `count`, `users`, `explain` and `diff` share: the SOURCE argument
 * (a dump, an export bundle, or `library:ID` for a source already imported),
 * progress on stderr, and the count's warnings.
 */
import type { CountOptions } from '../../../src-shared/engine/types';
import { CountError } from '../../../src-shared/engine/types';
import type { SourceKind } from '../../../src-shared/ingest/types';
import { type CountedSource, type CountInput, countSource } from '../../services/count-service';
import { defaultLibraryPath } from '../../services/library-path';
import { InputError } from '../../services/input-files';
import { LibraryError } from '../../library/library';
import { LibraryVersionError } from '../../library/schema';
import { oneOf, type Parsed, stringOption } from '../args';
import { createProgress } from '../progress';
import { type CliIo, UsageError } from '../usage';

export const SOURCE_OPTIONS = {
  as: { type: 'string' },
  library: { type: 'string' },
} as const;

export const SOURCE_HELP = `SOURCE is a platform dump (folder or .zip), a subscriber data export bundle,
or library:ID for a source already in the audit library (vlf-desk library list).

  --as dump|export  treat SOURCE as that kind instead of detecting it
  --library FILE    the library for library:ID (default: the desktop app's own)`;

const LIBRARY_SOURCE = /^library:(\d+)$/;

export function countInput(command: string, args: Parsed, source: string): CountInput {
  const library = LIBRARY_SOURCE.exec(source);
  if (library) return { kind: 'library', libraryPath: stringOption(args, 'library') ?? defaultLibraryPath(), sourceId: Number(library[1]) };
  const as = oneOf<SourceKind>(command, 'as', stringOption(args, 'as'), ['dump', 'export', 'audit']);
  return as ? { kind: 'path', path: source, as } : { kind: 'path', path: source };
}

/** Count with progress on stderr; input problems become one-line usage errors (exit 2). */
export async function countForCli(command: string, io: CliIo, input: CountInput, options: CountOptions = {}): Promise<CountedSource> {
  const progress = createProgress(io.stderr);
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Error('cancelled'));
  process.once('SIGINT', onSignal);
  try {
    const counted = await countSource(input, {
      options,
      signal: controller.signal,
      onProgress: (p) => progress.update(`${p.phase} ${p.file}`, p.totalBytes ? p.bytes : p.records, p.totalBytes || p.records),
    });
    progress.done();
    reportWarnings(io, counted);
    return counted;
  } catch (e) {
    progress.done();
    if (controller.signal.aborted) throw new UsageError(`${command}: cancelled`);
    if (e instanceof CountError) throw new UsageError(`${command}: ${e.message} (${e.rule})`);
    if (e instanceof InputError || e instanceof LibraryError || e instanceof LibraryVersionError) throw new UsageError(`${command}: ${e.message}`);
    throw e;
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
}

/** The reader's problems and the engine's notes go to stderr: never a silent wrong count. */
function reportWarnings(io: CliIo, counted: CountedSource): void {
  const { sourceFindings, notes, complete, unavailable } = counted.summary;
  for (const f of sourceFindings.filter((x) => x.severity !== 'INFO')) {
    io.stderr.write(`${f.severity}: ${[f.file, f.location].filter(Boolean).join(' ')}: ${f.message}\n`);
  }
  for (const n of notes) io.stderr.write(`note (${n.rule}): ${n.message}\n`);
  if (unavailable.length) io.stderr.write(`not available from this source (blank cells, #Unavailable): ${unavailable.join('; ')}\n`);
  if (!complete) io.stderr.write('warning: the source is incomplete (see the errors above); these counts leave out what could not be read\n');
}

/** `--customer PKID_OR_NAME`: a Customer PKID, else a customer name, else a provider name (its provider row). */
export function findRow(command: string, counted: CountedSource, wanted: string): string {
  const rows = counted.summary.rows;
  const w = wanted.trim();
  const byPkid = rows.filter((r) => r.customerPkid !== '' && r.customerPkid.toLowerCase() === w.toLowerCase());
  if (byPkid.length === 1) return byPkid[0]!.key;
  const byName = rows.filter((r) => r.kind === 'customer' && r.customer === w);
  const named = byName.length ? byName : rows.filter((r) => r.kind === 'customer' && r.customer.toLowerCase() === w.toLowerCase());
  if (named.length === 1) return named[0]!.key;
  if (named.length > 1) {
    throw new UsageError(`${command}: ${named.length} customers are named "${wanted}"; give the Customer PKID instead (${named.map((r) => r.customerPkid).join(', ')})`);
  }
  const provider = rows.filter((r) => r.kind !== 'customer' && r.provider.toLowerCase() === w.toLowerCase());
  if (provider.length === 1) return provider[0]!.key;
  throw new UsageError(`${command}: no customer has the PKID or name "${wanted}" (vlf-desk count SOURCE lists them)`);
}
