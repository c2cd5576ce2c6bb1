import type { CliIo, ExitCode } from './usage';

export interface Command {
  name: string;
  /** One line for `vlf-desk --help`. */
  summary: string;
  /** The full text for `vlf-desk <command> --help`. */
  help: string;
  run(argv: readonly string[], io: CliIo): Promise<ExitCode>;
}
