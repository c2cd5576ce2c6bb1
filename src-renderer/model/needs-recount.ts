import type { PlainError } from './errors';

/** Users and Explain read the records behind counts: a reported audit has only the counts. */
export const NEEDS_RECOUNT: PlainError = {
  what: 'This shows a reported audit: the platform wrote only the counts, not the users or records behind them.',
  todo: 'Import the platform dump of this audit into the Library and open it: the recount lists every user and explains every count.',
  engineUnavailable: false,
};
