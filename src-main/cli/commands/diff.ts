/** `vlf-desk diff` (cli.md): recount a source and compare with a reported audit, cell by cell. */
import type { CountDiff } from '../../../src-shared/engine/types';
import { diffAgainstFile } from '../../services/count-service';
import { InputError } from '../../services/input-files';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../usage';
import { countForCli, countInput, SOURCE_HELP, SOURCE_OPTIONS } from './counted-source';

/** Records listed per differing cell in the human-readable output (--json lists them all). */
const SHOWN_RECORDS = 20;

export const diffCommand: Command = {
  name: 'diff',
  summary: 'count a source and compare with a reported audit, cell by cell',
  help: `Usage: vlf-desk diff SOURCE REPORTED [--json]

Counts SOURCE and compares with REPORTED (a detailed or anonymous audit CSV,
or a license ZIP): every cell that differs, with the reported and recounted
values and the records behind the recount.

${SOURCE_HELP}
  --json            print {"differences": [...], "rowsOnlyInReported": [...], "rowsOnlyInRecount": [...]}

Exit status: 0 no difference, 1 differences found, 2 bad usage or unreadable input.`,
  async run(argv, io) {
    const args = parseCommandArgs('diff', argv, { ...SOURCE_OPTIONS, json: { type: 'boolean' } });
    if (args.values.help) {
      io.stdout.write(`${this.help}\n`);
      return EXIT.OK;
    }
    const [source, reported, ...extra] = args.positionals;
    if (!source || !reported || extra.length) throw new UsageError('diff: name a SOURCE and a REPORTED audit file (see vlf-desk diff --help)');
    const counted = await countForCli('diff', io, countInput('diff', args, source));
    let diff: CountDiff;
    try {
      diff = await diffAgainstFile(counted, reported);
    } catch (e) {
      if (e instanceof InputError) throw new UsageError(`diff: ${e.message}`);
      throw e;
    }
    io.stdout.write(args.values.json ? `${JSON.stringify(diff)}\n` : describe(diff));
    return diff.differences.length || diff.rowsOnlyInRecount.length || diff.rowsOnlyInReported.length ? EXIT.NEGATIVE : EXIT.OK;
  },
};

function describe(diff: CountDiff): string {
  const lines: string[] = [];
  for (const d of diff.differences) {
    lines.push(`${d.customer || '(no provider)'} ${d.customerPkid} · ${d.column}: reported ${d.reported || '(blank)'}, recounted ${d.recounted}`);
    for (const r of d.records.slice(0, SHOWN_RECORDS)) lines.push(`    ${r.rule} ${r.modelType} ${r.pkid} ${r.label}${r.weight !== 1 ? ` ×${r.weight}` : ''}`);
    if (d.records.length > SHOWN_RECORDS) lines.push(`    … and ${d.records.length - SHOWN_RECORDS} more records (--json lists them all)`);
  }
  for (const r of diff.rowsOnlyInReported) lines.push(`only in the reported audit: ${r}`);
  for (const r of diff.rowsOnlyInRecount) lines.push(`only in the recount: ${r}`);
  lines.push(diff.differences.length + diff.rowsOnlyInReported.length + diff.rowsOnlyInRecount.length === 0 ? 'no differences' : `${diff.differences.length} cells differ`);
  return `${lines.join('\n')}\n`;
}
