/** The typed emitter for the contract's Events: main (or the e2e bridge) subscribes and forwards to the renderer. */
import type { EventName, Events } from '../../src-shared/api/contract';

export type EventListener<E extends EventName> = (payload: Events[E]) => void;

export class ApiEvents {
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();

  on<E extends EventName>(event: E, listener: EventListener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  /** Every event, in one listener (what the IPC forwarder uses). */
  onAny(listener: <E extends EventName>(event: E, payload: Events[E]) => void): () => void {
    const offs = (['job/progress', 'app/openPaths', 'app/menu', 'app/workerRestarted'] as const).map((e) => this.on(e, (p) => listener(e, p)));
    return () => offs.forEach((off) => off());
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const l of this.listeners.get(event) ?? []) (l as EventListener<E>)(payload);
  }
}
