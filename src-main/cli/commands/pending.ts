/**
 * Commands of cli.md whose services arrive with later work (the audit library,
 * the counting engine). They parse their arguments like the real ones, so
 * scripts can be written against them now, and then say plainly that they are
 * not available yet (exit 2).
 */
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../usage';

type Options = Parameters<typeof parseCommandArgs>[2];

function pending(name: string, summary: string, usage: string, options: Options, needs: string): Command {
  const help = `Usage: ${usage}\n\n${summary[0]!.toUpperCase()}${summary.slice(1)}.\n\nNot yet available: ${needs}.`;
  return {
    name,
    summary: `${summary} (not yet available)`,
    help,
    async run(argv, io) {
      const args = parseCommandArgs(name, argv, options);
      if (args.values.help) {
        io.stdout.write(`${help}\n`);
        return EXIT.OK;
      }
      throw new UsageError(`${name}: not yet available in this version of vlf-desk; ${needs}`);
    },
  };
}

const ENGINE = 'it needs the counting engine, which is still being built';

export const pendingCommands: Command[] = [
  pending(
    'count',
    'run the counting engine on a source and write the audit CSV',
    'vlf-desk count SOURCE [--format legacy|v5] [--view detailed|anonymous] [--from-hierarchy PKID_OR_PATH] [--meta KEY=VALUE]… [--out FILE] [--as dump|export|audit]',
    {
      format: { type: 'string' },
      view: { type: 'string' },
      'from-hierarchy': { type: 'string' },
      meta: { type: 'string', multiple: true },
      out: { type: 'string' },
      as: { type: 'string' },
      json: { type: 'boolean' },
    },
    ENGINE,
  ),
  pending(
    'users',
    'list every VOSS user with its license status, columns, linked services and rules',
    'vlf-desk users SOURCE [--customer PKID_OR_NAME] [--status licensed|unlicensed] [--out FILE] [--as dump|export|audit]',
    { customer: { type: 'string' }, status: { type: 'string' }, out: { type: 'string' }, as: { type: 'string' }, json: { type: 'boolean' } },
    ENGINE,
  ),
  pending(
    'explain',
    'list every record counted in one cell, with the rule that counted it',
    'vlf-desk explain SOURCE --customer PKID_OR_NAME --column NAME [--as dump|export|audit]',
    { customer: { type: 'string' }, column: { type: 'string' }, as: { type: 'string' }, json: { type: 'boolean' } },
    ENGINE,
  ),
  pending(
    'diff',
    'count a source and compare with a reported audit, cell by cell',
    'vlf-desk diff SOURCE REPORTED [--json] [--as dump|export|audit]',
    { json: { type: 'boolean' }, as: { type: 'string' } },
    ENGINE,
  ),
];
