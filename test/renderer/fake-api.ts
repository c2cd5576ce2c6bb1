/**
 * A stand-in for `window.vlf` in component tests: handlers per channel (the
 * rest answer "internal" so a test notices a call it did not plan), every
 * call recorded, events emitted on demand.
 */
import type { ApiError, Channel, EventName, Events, HandlerArgs, HandlerResult, VlfApi } from '../../src-shared/api/contract';

export type FakeHandlers = { [K in Channel]?: (args: HandlerArgs<K>) => HandlerResult<K> | Promise<HandlerResult<K>> };

export class FakeApiError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export interface FakeApi extends VlfApi {
  calls: Array<{ channel: Channel; args: unknown }>;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  callsOf(channel: Channel): unknown[];
}

export function installFakeApi(handlers: FakeHandlers): FakeApi {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const calls: FakeApi['calls'] = [];
  const fake: FakeApi = {
    calls,
    async call(channel, args) {
      calls.push({ channel, args });
      const handler = handlers[channel] as ((a: unknown) => unknown) | undefined;
      if (!handler) return { ok: false, error: { code: 'internal', message: `no fake handler for ${channel}` } };
      try {
        return { ok: true, value: (await handler(args)) as never };
      } catch (e) {
        if (e instanceof FakeApiError) return { ok: false, error: e.error };
        throw e;
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (p: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (p: unknown) => void);
    },
    pathForFile: (file) => `/dropped/${file.name}`,
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    callsOf: (channel) => calls.filter((c) => c.channel === channel).map((c) => c.args),
  };
  window.vlf = fake;
  return fake;
}

export const ENGINE_UNAVAILABLE: ApiError = { code: 'engine-unavailable', message: 'the counting engine is not yet available' };
