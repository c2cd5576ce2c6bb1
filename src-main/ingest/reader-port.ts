/**
 * The thread side of a reader thread (reader-thread.ts for imports,
 * count-reader-thread.ts for counts): the start message, cancel, and flow
 * control — at most MAX_IN_FLIGHT batches wait unacknowledged, which bounds
 * the memory between the threads.
 */
import type { MessagePort } from 'node:worker_threads';

export const MAX_IN_FLIGHT = 3;

export interface ReaderIo<Out> {
  signal: AbortSignal;
  /** Post a message, handing `transfer`'s buffers over rather than copying them. */
  post(message: Out, transfer?: ArrayBuffer[]): void;
  /**
   * Post a batch (handing `transfer`'s buffers over rather than copying them)
   * and wait while too many are unacknowledged; throws the abort reason once
   * cancelled.
   */
  postBatch(message: Out, transfer?: ArrayBuffer[]): Promise<void>;
}

type Control = { kind: 'ack' } | { kind: 'cancel' };

export function serveReader<Start extends { kind: 'start' }, Out>(
  port: MessagePort,
  start: (message: Start, io: ReaderIo<Out>) => Promise<void>,
  /** How many batches may wait unacknowledged, given the start message. */
  maxInFlight: (start: Start) => number = () => MAX_IN_FLIGHT,
): void {
  let limit = MAX_IN_FLIGHT;
  const controller = new AbortController();
  let inFlight = 0;
  let wakeUp: (() => void) | undefined;
  const io: ReaderIo<Out> = {
    signal: controller.signal,
    post: (m, transfer = []) => port.postMessage(m, transfer),
    async postBatch(m, transfer = []) {
      port.postMessage(m, transfer);
      inFlight += 1;
      while (inFlight >= limit && !controller.signal.aborted) await new Promise<void>((r) => (wakeUp = r));
      controller.signal.throwIfAborted();
    },
  };
  port.on('message', (m: Start | Control) => {
    if (m.kind === 'ack') {
      inFlight -= 1;
      wakeUp?.();
      wakeUp = undefined;
    } else if (m.kind === 'cancel') {
      controller.abort(new Error('cancelled'));
      wakeUp?.();
    } else {
      limit = maxInFlight(m as Start);
      void start(m as Start, io);
    }
  });
}
