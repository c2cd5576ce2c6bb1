/**
 * The one entry from a transport (Electron IPC, the e2e bridge) into the
 * handlers: the channel must be in the contract, the arguments must pass
 * that channel's schema, and whatever happens the caller gets an ApiResponse.
 */
import { type ApiResponse, type Channel, type Handlers, type HandlerResult, isChannel } from '../../src-shared/api/contract';
import { ARG_SCHEMAS } from './arg-schemas';
import { toApiError } from './errors';
import { ArgumentError } from './schema';

export function validateArgs<K extends Channel>(channel: K, args: unknown): Parameters<Handlers[K]>[0] {
  return ARG_SCHEMAS[channel](args, 'args');
}

export async function dispatch(handlers: Handlers, channel: unknown, args: unknown, log?: (message: string) => void): Promise<ApiResponse<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: toApiError(new ArgumentError(`there is no channel ${JSON.stringify(channel)}`), 'call') };
  }
  return dispatchChannel(handlers, channel, args, log);
}

async function dispatchChannel<K extends Channel>(handlers: Handlers, channel: K, args: unknown, log?: (message: string) => void): Promise<ApiResponse<HandlerResult<K>>> {
  try {
    const valid = validateArgs(channel, args);
    const handler = handlers[channel] as (a: typeof valid) => Promise<HandlerResult<K>>;
    return { ok: true, value: await handler(valid) };
  } catch (e) {
    return { ok: false, error: toApiError(e, channel, log) };
  }
}
