/**
 * The preload's API, rebuilt in the page: `window.vlf` forwards each call to
 * the REAL main-side handlers running in this Node process (through
 * `dispatch`, the same entry Electron's IPC uses), and main's pushes are
 * replayed into the page. The renderer cannot tell it from the app.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { dispatch } from '../../../src-main/api/dispatch';
import type { AppHandlers } from '../../../src-main/api/handlers';

/** Runs in the page before any of its scripts. Kept free of closures over Node values: it is serialized. */
function defineApi(): void {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const w = globalThis as unknown as {
    __vlfCall(channel: string, args: unknown): Promise<unknown>;
    __vlfEmit(event: string, payload: unknown): void;
    vlf: unknown;
  };
  w.__vlfEmit = (event, payload) => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };
  w.vlf = Object.freeze({
    call: (channel: string, args: unknown) => w.__vlfCall(channel, args),
    on: (event: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    pathForFile: () => '',
  });
}

export async function bridgeApi(context: BrowserContext, app: AppHandlers, pages: () => Page[]): Promise<() => void> {
  await context.exposeBinding('__vlfCall', (_source, channel: unknown, args: unknown) => dispatch(app.handlers, channel, args));
  await context.addInitScript(defineApi);
  return app.events.onAny((event, payload) => {
    for (const page of pages()) {
      page.evaluate(([e, p]) => (globalThis as unknown as { __vlfEmit(e: string, p: unknown): void }).__vlfEmit(e, p), [event, payload] as const).catch(() => undefined);
    }
  });
}
