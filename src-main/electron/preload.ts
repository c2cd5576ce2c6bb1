/**
 * The preload: the one bridge from the sandboxed renderer to main. It is
 * bundled into one CommonJS file (`npm run build:preload`, rolldown) because a
 * sandboxed preload can require only `electron`. It exposes `window.vlf`
 * (VlfApi) and nothing else: calls go only to channels of the contract, and
 * drops anywhere in the window become `app/openPaths` events carrying paths.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import {
  type ApiResponse,
  type DroppedFile,
  type EventName,
  type Events,
  EVENTS,
  ipcChannel,
  ipcEvent,
  isChannel,
  isEventName,
  type VlfApi,
} from '../../src-shared/api/contract';

/** The bits of the DOM the preload touches (the main-side tsconfig has no DOM types). */
interface DragEventLike {
  readonly defaultPrevented: boolean;
  preventDefault(): void;
  readonly dataTransfer: { readonly files: ArrayLike<DroppedFile> } | null;
}
declare const window: { addEventListener(type: 'dragover' | 'drop', listener: (e: DragEventLike) => void): void };

type Listener = (payload: never) => void;
const listeners = new Map<EventName, Set<Listener>>();

function deliver<E extends EventName>(event: E, payload: Events[E]): void {
  for (const l of listeners.get(event) ?? []) (l as (p: Events[E]) => void)(payload);
}

for (const event of EVENTS) {
  ipcRenderer.on(ipcEvent(event), (_e, payload: Events[typeof event]) => deliver(event, payload));
}

const api: VlfApi = {
  call(channel, args) {
    if (!isChannel(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'invalid-args', message: `there is no channel ${String(channel)}` } } as ApiResponse<never>);
    }
    return ipcRenderer.invoke(ipcChannel(channel), args);
  },
  on(event, listener) {
    if (!isEventName(event)) throw new TypeError(`there is no event ${String(event)}`);
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    const l = listener as Listener;
    set.add(l);
    return () => void set.delete(l);
  },
  pathForFile(file: DroppedFile) {
    try {
      return webUtils.getPathForFile(file as unknown as File);
    } catch {
      return '';
    }
  },
};

contextBridge.exposeInMainWorld('vlf', api);

// Drops anywhere: without this Chromium would navigate to the dropped file. A
// drop zone of the renderer that handles the drop itself calls preventDefault().
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => {
  if (e.defaultPrevented) return;
  e.preventDefault();
  const paths = Array.from(e.dataTransfer?.files ?? []).map((f) => api.pathForFile(f)).filter((p) => p !== '');
  if (paths.length) deliver('app/openPaths', { paths, via: 'drop' });
});
