import type { FileReport, VerifyReport } from '../../../src-shared/verify/findings';
import { InputError } from '../../services/input-files';
import { defaultLibraryPath } from '../../services/library-path';
import { LibraryFileLookup, verifyPaths } from '../../services/verify-service';
import { parseCommandArgs, stringOption } from '../args';
import type { Command } from '../command';
import { createProgress } from '../progress';
import { EXIT, UsageError, type CliIo } from '../usage';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'check license ZIPs and audit CSVs (hashes, layout, names, columns, consistency)',
  help: `Usage: vlf-desk verify FILE_OR_FOLDER… [--expect-provider NAME] [--library FILE] [--json] [--verbose]

Verifies license ZIPs (19.3, legacy and v5 layouts), detailed and anonymous
audit CSVs and license JSON files against checks V1–V17 of audit-files.md.
A folder is searched for vlf_* files. Prints one verdict per file (PASS, WARN
or FAIL) followed by its findings. V16 compares each audit with the previous
audit of its Platform ID in the library (informational; --verbose shows it).

  --expect-provider NAME  fail files whose #Provider Name is not NAME
  --library FILE          the library for V16 (default: the desktop app's own; never created here)
  --json                  print one JSON document: {"files": […], "summary": {…}}
  --verbose, -v           also list informational findings (e.g. which hash matched)

Exit status: 0 when no file fails, 1 when any file fails, 2 on bad usage or
an unreadable path.`,
  async run(argv, io) {
    const args = parseCommandArgs('verify', argv, {
      'expect-provider': { type: 'string' },
      library: { type: 'string' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean', short: 'v' },
    });
    if (args.values.help) {
      io.stdout.write(`${this.help}\n`);
      return EXIT.OK;
    }
    if (!args.positionals.length) throw new UsageError('verify: name at least one file or folder (see vlf-desk verify --help)');
    // Opened only when a file asks for its previous audit, and never created here.
    const library = new LibraryFileLookup(stringOption(args, 'library') ?? defaultLibraryPath());
    const progress = createProgress(io.stderr);
    let report: VerifyReport;
    try {
      report = await verifyPaths(args.positionals, {
        expectProvider: stringOption(args, 'expect-provider'),
        onProgress: (p) => progress.update(p.phase === 'verify' ? p.file : 'cross-checking', p.current, p.total),
        previousAudit: library.lookup,
      });
    } catch (e) {
      progress.done();
      if (e instanceof InputError) throw new UsageError(`verify: ${e.message}`);
      throw e;
    } finally {
      await library.close();
    }
    progress.done();
    const notChecked = library.notChecked;
    // --json prints exactly the report (cli.md); what was not checked goes to stderr.
    if (args.values.json) {
      io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      for (const reason of notChecked) io.stderr.write(`Not checked: ${reason}.\n`);
    } else io.stdout.write(formatVerifyReport(report, { verbose: args.values.verbose === true, notChecked }));
    return report.summary.FAIL > 0 ? EXIT.NEGATIVE : EXIT.OK;
  },
};

/** The human form: a verdict line per file, its findings indented below, then a summary. */
export function formatVerifyReport(report: VerifyReport, options: { verbose: boolean; notChecked?: readonly string[] }): string {
  const lines: string[] = [];
  let hidden = 0;
  for (const file of report.files) {
    lines.push(`${file.verdict.padEnd(4)}  ${file.file}`);
    for (const f of file.findings) {
      if (f.severity === 'INFO' && !options.verbose) {
        hidden += 1;
        continue;
      }
      lines.push(`      ${f.severity.padEnd(4)} ${f.check.padEnd(3)} ${f.location ? `${f.location}: ` : ''}${f.message}`);
    }
  }
  const s = report.summary;
  const total = report.files.length;
  lines.push(`${total} file${total === 1 ? '' : 's'}: ${s.PASS} PASS, ${s.WARN} WARN, ${s.FAIL} FAIL`);
  if (hidden) lines.push(`${hidden} informational finding${hidden === 1 ? '' : 's'} not shown (--verbose shows them).`);
  for (const reason of options.notChecked ?? []) lines.push(`Not checked: ${reason}.`);
  return `${lines.join('\n')}\n`;
}

export type { FileReport, CliIo };
