import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { userInfo } from 'node:os';
import type { SourceKind, TypeTally } from '../../../src-shared/ingest/types';
import { AuditLibrary, LibraryError, type SourceSummary } from '../../library/library';
import { LibraryVersionError } from '../../library/schema';
import type { ImportResult } from '../../services/import-service';
import { defaultLibraryPath } from '../../services/library-path';
import { JobError, runJob } from '../../worker/run-job';
import { oneOf, type Parsed, parseCommandArgs, stringOption } from '../args';
import type { Command } from '../command';
import { createProgress } from '../progress';
import { type CliIo, EXIT, UsageError } from '../usage';

const SOURCE_KINDS: readonly SourceKind[] = ['dump', 'export', 'audit'];

function libraryFile(args: Parsed): string {
  return stringOption(args, 'library') ?? defaultLibraryPath();
}

function whoAmI(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import platform dumps, export bundles and audit files into the local audit library',
  help: `Usage: vlf-desk import SOURCE… [--library FILE] [--as dump|export|audit] [--json]

Appends each source to the library (the desktop app's own file unless
--library FILE or VLF_DESK_LIBRARY says otherwise). A source is one platform
snapshot (its Platform ID and Date Time, else its content); a record already
stored for that snapshot is not overwritten and is reported as a conflict.
Each source lands whole or not at all; the library is saved atomically.
Prints per model type: records read, stored, conflicts, skipped.

  --library FILE   the library file (created when missing)
  --as KIND        treat every SOURCE as a dump, export or audit instead of detecting it
  --json           print {"sources": [{"source", "kind", "id", "types", "findings"}]}

Exit status: 0 when every source was complete, 1 when a source had errors
(it is stored and marked incomplete), 2 on bad usage or unreadable input.`,
  async run(argv, io) {
    const args = parseCommandArgs('import', argv, { library: { type: 'string' }, as: { type: 'string' }, json: { type: 'boolean' } });
    if (args.values.help) return help(io, this.help);
    if (!args.positionals.length) throw new UsageError('import: name at least one source (see vlf-desk import --help)');
    const as = oneOf('import', 'as', stringOption(args, 'as'), SOURCE_KINDS);
    const file = libraryFile(args);
    await mkdir(dirname(file), { recursive: true });
    const progress = createProgress(io.stderr);
    const controller = new AbortController();
    const onSignal = () => controller.abort();
    process.once('SIGINT', onSignal);
    let results: ImportResult[];
    try {
      results = await runJob(
        { type: 'import', paths: args.positionals, libraryFile: file, as, importedBy: whoAmI() },
        {
          signal: controller.signal,
          onProgress: (p) => {
            const rate = `${Math.round(p.recordsPerSecond).toLocaleString('en-US')} rec/s`;
            const eta = p.etaSeconds !== undefined ? `, ETA ${Math.ceil(p.etaSeconds)}s` : '';
            progress.update(`${p.phase} ${p.file} (${p.records.toLocaleString('en-US')} records, ${rate}${eta})`, p.source, p.sources);
          },
        },
      );
    } catch (e) {
      progress.done();
      if (e instanceof JobError && e.kind !== 'internal') {
        throw new UsageError(`import: ${e.kind === 'cancelled' ? 'cancelled; the library is unchanged' : e.message}`);
      }
      throw e;
    } finally {
      process.off('SIGINT', onSignal);
    }
    progress.done();
    if (args.values.json) io.stdout.write(`${JSON.stringify({ sources: results }, null, 2)}\n`);
    else io.stdout.write(formatImport(results, file));
    return results.every((r) => r.complete) ? EXIT.OK : EXIT.NEGATIVE;
  },
};

function formatImport(results: readonly ImportResult[], file: string): string {
  const lines: string[] = [];
  for (const r of results) {
    const state = r.complete ? 'complete' : 'INCOMPLETE';
    lines.push(`${r.source}: ${r.kind}, source ${r.id}${r.appended ? ' (already in the library: appended)' : ''}, ${state}`);
    const types = Object.entries(r.types).sort(([a], [b]) => a.localeCompare(b));
    const width = Math.max(10, ...types.map(([t]) => t.length));
    lines.push(`  ${'type'.padEnd(width)}  ${'read'.padStart(9)} ${'stored'.padStart(9)} ${'conflicts'.padStart(9)} ${'skipped'.padStart(9)}`);
    for (const [type, t] of types) lines.push(`  ${type.padEnd(width)}  ${counts(t)}`);
    const shown = r.findings.filter((f) => f.severity !== 'INFO').slice(0, 20);
    for (const f of shown) lines.push(`  ${f.severity.padEnd(5)} ${f.file}${f.location ? `, ${f.location}` : ''}: ${f.message}`);
    const hidden = r.findings.filter((f) => f.severity !== 'INFO').length - shown.length;
    if (hidden > 0) lines.push(`  … and ${hidden} more findings (--json lists them)`);
  }
  lines.push(`library: ${file}`);
  return `${lines.join('\n')}\n`;
}

function counts(t: TypeTally): string {
  return [t.read, t.stored, t.conflicts, t.skipped].map((n) => n.toLocaleString('en-US').padStart(9)).join(' ');
}

export const libraryCommand: Command = {
  name: 'library',
  summary: 'list, archive, restore or purge sources in the local audit library',
  help: `Usage: vlf-desk library [list|archive ID|restore ID|purge ID|retention DAYS|never] [--library FILE] [--all] [--json]

  list            the sources in the library (archived ones too with --all)
  archive ID      hide a source from views and counts; it is kept
  restore ID      bring an archived source back
  purge ID        delete an archived source for good
  retention N     purge archived sources older than N days on every import (never: keep them)

Exit status: 0 on success, 2 on bad usage or an unknown ID.`,
  async run(argv, io) {
    const args = parseCommandArgs('library', argv, { library: { type: 'string' }, json: { type: 'boolean' }, all: { type: 'boolean' } });
    if (args.values.help) return help(io, this.help);
    const [action = 'list', target, ...extra] = args.positionals;
    if (extra.length) throw new UsageError(`library: unexpected "${extra.join(' ')}" (see vlf-desk library --help)`);
    const needsId = ['archive', 'restore', 'purge'].includes(action);
    if (!needsId && action !== 'list' && action !== 'retention') throw new UsageError(`library: unknown action "${action}"; use list, archive, restore, purge or retention`);
    const id = needsId ? parseId(action, target) : undefined;
    let library: AuditLibrary;
    try {
      library = await AuditLibrary.open(libraryFile(args));
    } catch (e) {
      if (e instanceof LibraryError || e instanceof LibraryVersionError) throw new UsageError(`library: ${e.message}`);
      throw e;
    }
    try {
      if (action === 'list') {
        const sources = library.listSources({ includeArchived: args.values.all === true || args.values.json === true });
        if (args.values.json) io.stdout.write(`${JSON.stringify({ sources: sources.map(listEntry) }, null, 2)}\n`);
        else io.stdout.write(formatList(sources, library.file));
        return EXIT.OK;
      }
      if (action === 'retention') {
        if (target === undefined) {
          io.stdout.write(`retention: ${library.retentionDays === null ? 'never' : `${library.retentionDays} days`}\n`);
          return EXIT.OK;
        }
        library.retentionDays = target === 'never' ? null : parseDays(target);
        await library.save();
        io.stdout.write(`retention set to ${target === 'never' ? 'never' : `${target} days`}\n`);
        return EXIT.OK;
      }
      if (action === 'archive') library.archive(id!);
      else if (action === 'restore') library.restore(id!);
      else library.purge(id!);
      await library.save();
      const verb = { archive: 'archived', restore: 'restored', purge: 'purged' }[action as 'archive' | 'restore' | 'purge'];
      if (args.values.json) io.stdout.write(`${JSON.stringify({ id: String(id), action: verb })}\n`);
      else io.stdout.write(`source ${id} ${verb}\n`);
      return EXIT.OK;
    } catch (e) {
      if (e instanceof LibraryError) throw new UsageError(`library: ${e.message}`);
      throw e;
    } finally {
      library.close();
    }
  },
};

/** `library list --json` (cli.md): {"sources": [{"id", "kind", "name", "imported", "archived"}]}. */
function listEntry(s: SourceSummary) {
  return { id: String(s.id), kind: s.kind, name: s.name, imported: s.importedAt, archived: s.archivedAt !== null, platformId: s.platformId, dateTime: s.dateTime, complete: s.complete };
}

function formatList(sources: readonly SourceSummary[], file: string): string {
  if (!sources.length) return `the library is empty (${file})\n`;
  const lines = sources.map(
    (s) => `${String(s.id).padStart(4)}  ${s.kind.padEnd(6)}  ${(s.dateTime ?? '').padEnd(16)}  ${s.archivedAt ? 'archived ' : s.complete ? '         ' : 'INCOMPLETE'} ${s.name}`,
  );
  return `${['  id  kind    date time         state      name', ...lines, `library: ${file}`].join('\n')}\n`;
}

function parseId(action: string, value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new UsageError(`library: ${action} needs a source ID (a number from "vlf-desk library list")`);
  return Number(value);
}

function parseDays(value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`library: retention takes a number of days or "never", not "${value}"`);
  return Number(value);
}

function help(io: CliIo, text: string) {
  io.stdout.write(`${text}\n`);
  return EXIT.OK;
}
