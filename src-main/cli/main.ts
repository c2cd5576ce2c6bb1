#!/usr/bin/env node
/**
 * `vlf-desk`: the command line over the same services as the desktop app
 * (cli.md). Exit 0 on success, 1 on a negative result, 2 on bad usage or
 * unreadable input with a one-line reason on stderr.
 */
import type { Command } from './command';
import { anonymizeCommand } from './commands/anonymize';
import { importCommand, libraryCommand } from './commands/library';
import { countCommand } from './commands/count';
import { diffCommand } from './commands/diff';
import { explainCommand } from './commands/explain';
import { usersCommand } from './commands/users';
import { verifyCommand } from './commands/verify';
import { type CliIo, EXIT, type ExitCode, UsageError } from './usage';

const VERSION = '0.1.0';

const CLI_MD_ORDER = ['count', 'users', 'explain', 'verify', 'diff', 'anonymize', 'import', 'library'];

/** Every command, in the order of cli.md. */
export const COMMANDS: readonly Command[] = [countCommand, usersCommand, explainCommand, verifyCommand, diffCommand, anonymizeCommand, importCommand, libraryCommand].sort(
  (a, b) => CLI_MD_ORDER.indexOf(a.name) - CLI_MD_ORDER.indexOf(b.name),
);

function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: vlf-desk COMMAND [options]',
    '',
    'Review VOSS Automate license audits offline.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "vlf-desk COMMAND --help" for a command\'s options.',
    'Exit status: 0 success, 1 negative result (a failed verification, a difference), 2 bad usage or unreadable input.',
    '',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
      io.stdout.write(topic ? `${topic.help}\n` : generalHelp());
      return name === undefined ? EXIT.USAGE : EXIT.OK;
    }
    if (name === '--version' || name === '-V') {
      io.stdout.write(`${VERSION}\n`);
      return EXIT.OK;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`unknown command "${name}"; commands are ${COMMANDS.map((c) => c.name).join(', ')}`);
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`vlf-desk: ${e.message}\n`);
      return EXIT.USAGE;
    }
    // Anything else is a bug in vlf-desk, not in the user's input: say so plainly.
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    io.stderr.write(`vlf-desk: internal error (please report it): ${detail}\n`);
    return EXIT.USAGE;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`vlf-desk: ${String(e)}\n`);
      process.exitCode = EXIT.USAGE;
    },
  );
}
