/** Bad usage or unreadable input: the CLI prints the message on one line and exits 2 (cli.md). */
export class UsageError extends Error {}

export const EXIT = { OK: 0, NEGATIVE: 1, USAGE: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** What a command needs from the outside world; tests pass their own. */
export interface CliIo {
  stdout: { write(text: string): boolean };
  stderr: { write(text: string): boolean; isTTY?: boolean; columns?: number };
}
