/**
 * What a failed call shows: what happened and what to do, in words — never a
 * stack trace. Messages from main are already sentences (services throw
 * InputError with the file named); this adds the advice the error class calls for.
 */
export interface PlainError {
  /** What happened, one sentence. */
  what: string;
  /** What the user can do about it. */
  todo: string;
  /** True for the "engine not yet available" case, which views show as a state, not as a failure. */
  engineUnavailable: boolean;
}

const ENGINE_UNAVAILABLE = /counting engine is not yet available/i;

function firstLines(text: string): string {
  // Electron prefixes "Error invoking remote method 'x': Error: " to messages from main; the user needs what follows.
  const cleaned = text.replace(/^Error invoking remote method '[^']*': /, '').replace(/^(\w*Error): /, '');
  const lines = cleaned.split('\n').filter((l) => !/^\s+at\s/.test(l));
  return lines.slice(0, 6).join('\n').trim();
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return firstLines(error.message);
  if (typeof error === 'string') return firstLines(error);
  if (error && typeof error === 'object' && 'message' in error && typeof (error as { message: unknown }).message === 'string') {
    return firstLines((error as { message: string }).message);
  }
  return 'An unexpected problem occurred.';
}

/** The contract's error code when the error came from a call (CallFailed carries `error.code`). */
function codeOf(error: unknown): string | undefined {
  if (!error || typeof error !== 'object' || !('error' in error)) return undefined;
  const inner = (error as { error: unknown }).error;
  return inner && typeof inner === 'object' && 'code' in inner && typeof inner.code === 'string' ? inner.code : undefined;
}

export function plainError(error: unknown, action: string): PlainError {
  const message = messageOf(error);
  const code = codeOf(error);
  if (code === 'engine-unavailable' || ENGINE_UNAVAILABLE.test(message)) {
    return {
      what: 'Counting is not yet available: the counting engine has not landed in this build.',
      todo: 'Verify and Anonymize work on audit files now; counts, users, Explain and Compare will work once the engine is added.',
      engineUnavailable: true,
    };
  }
  if (code === 'cancelled') {
    return { what: `${action} was cancelled.`, todo: 'Start it again when you are ready; nothing was changed.', engineUnavailable: false };
  }
  if (code === 'not-found') {
    return { what: `${action} failed: ${message}`, todo: 'The count was forgotten (the worker restarted or the count was closed): count again.', engineUnavailable: false };
  }
  if (code === 'busy') {
    return { what: `${action} could not start: ${message}`, todo: 'Wait for the running import to finish, then try again.', engineUnavailable: false };
  }
  if (/ENOENT|no such file/i.test(message)) {
    return { what: `${action} failed: ${message}`, todo: 'Check that the file still exists and was not moved, then try again.', engineUnavailable: false };
  }
  if (/EACCES|EPERM|permission/i.test(message)) {
    return { what: `${action} failed: ${message}`, todo: 'Choose a folder you can write to, or check the file permissions.', engineUnavailable: false };
  }
  return { what: `${action} failed: ${message}`, todo: 'Check the file named above; if the problem persists, send this message to support.', engineUnavailable: false };
}
