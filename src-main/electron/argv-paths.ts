/**
 * Paths given on a command line (a second launch, "Open with…" on Windows and
 * Linux): the arguments after the executable that are not flags and exist,
 * made absolute. Unpackaged (`electron .`), the first of them is the app's
 * own folder and is skipped.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export function pathsFromArgv(argv: readonly string[], cwd: string, options: { packaged: boolean; exists?: (p: string) => boolean }): string[] {
  const exists = options.exists ?? existsSync;
  const args = argv.slice(1).filter((a) => a !== '' && !a.startsWith('-'));
  return (options.packaged ? args : args.slice(1)).map((a) => resolve(cwd, a)).filter((p) => exists(p));
}
