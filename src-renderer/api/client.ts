/**
 * The renderer's only way to main: `window.vlf.call`, typed by the contract.
 * Every failure lands in the notifications store (one place to see what went
 * wrong) and is rethrown as a `CallFailed` so the view can show its own state.
 */
import type { ApiError, Channel, HandlerArgs, HandlerResult, VlfApi } from '../../src-shared/api/contract';
import { useNotifications } from '../stores/notifications';

declare global {
  interface Window {
    vlf?: VlfApi;
  }
}

export class CallFailed extends Error {
  constructor(
    readonly channel: Channel,
    readonly error: ApiError,
  ) {
    super(error.message);
  }
}

/** The API the preload exposed; a page opened outside the app (or a broken preload) gets a clear error, not a TypeError. */
export function api(): VlfApi {
  const vlf = window.vlf;
  if (!vlf) throw new CallFailed('app/info', { code: 'internal', message: 'The app is not connected to its main process (window.vlf is missing). Restart VLF Audit Desk.' });
  return vlf;
}

export interface CallOptions {
  /** What the user was doing, for the notification: "Verify", "Import the sample". */
  action?: string;
  /** Failures the view presents as a normal state (cancel, engine not yet available) are not notified. */
  silentCodes?: ReadonlyArray<ApiError['code']>;
}

const DEFAULT_SILENT: ReadonlyArray<ApiError['code']> = ['cancelled'];

export async function call<K extends Channel>(channel: K, args: HandlerArgs<K>, options: CallOptions = {}): Promise<HandlerResult<K>> {
  const silent = options.silentCodes ?? DEFAULT_SILENT;
  let error: ApiError;
  try {
    const response = await api().call(channel, args);
    if (response.ok) return response.value;
    error = response.error;
  } catch (e) {
    // Only a broken bridge rejects (contract notes): say so in words.
    error = e instanceof CallFailed ? e.error : { code: 'internal', message: `The connection to the main process failed (${e instanceof Error ? e.message : String(e)}). Restart VLF Audit Desk.` };
  }
  if (!silent.includes(error.code)) {
    useNotifications.getState().push({ level: error.code === 'internal' ? 'error' : 'warning', title: options.action ?? channel, message: error.message, code: error.code });
  }
  throw new CallFailed(channel, error);
}

/** A job id unique to this window; `crypto.randomUUID` exists in Chromium and jsdom. */
export function newJobId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

export function isCallFailed(e: unknown, code?: ApiError['code']): e is CallFailed {
  return e instanceof CallFailed && (code === undefined || e.error.code === code);
}
