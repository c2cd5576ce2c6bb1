/**
 * Every failure becomes an ApiError the UI can show: a user-facing message
 * and a code. Internal errors keep their message (it says what failed) but
 * never a stack; the stack goes to the main process log.
 */
import type { ApiError } from '../../src-shared/api/contract';
import { JobError } from '../worker/run-job';
import { ArgumentError } from './schema';

/** Errors the handlers raise themselves (bad ids, cancelled dialogs…). */
export class HandlerError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
  ) {
    super(message);
  }
}

export function toApiError(e: unknown, channel: string, log: (message: string) => void = console.error): ApiError {
  if (e instanceof ArgumentError) return { code: 'invalid-args', message: `${channel}: ${e.message}` };
  if (e instanceof HandlerError) return { code: e.code, message: e.message };
  if (e instanceof JobError) {
    if (e.kind === 'internal') log(`${channel}: ${e.stack ?? e.message}`);
    return { code: e.kind, message: e.kind === 'cancelled' ? 'Cancelled; nothing was changed.' : e.message };
  }
  log(`${channel}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: `Something went wrong in ${channel}: ${message}. The details are in the app's log.` };
}
