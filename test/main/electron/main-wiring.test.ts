/**
 * The Electron main process, run against a stand-in `electron` module: the
 * wiring that cannot run without a binary here (window options, protocol,
 * IPC registration, guards) still executes and is checked.
 */
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY, CONTENT_SECURITY_POLICY } from '../../../src-main/electron/security';
import { CHANNELS, ipcChannel } from '../../../src-shared/api/contract';
import { tempDir } from '../../support/temp';

const ROOT = resolve(__dirname, '../../..');
const userData = tempDir('vlf-main-');

const fake = vi.hoisted(() => {
  const state = {
    appEvents: new Map<string, (...a: unknown[]) => void>(),
    ipc: new Map<string, (...a: unknown[]) => Promise<unknown>>(),
    windows: [] as Array<{ options: Record<string, unknown>; url?: string }>,
    protocolHandler: undefined as undefined | ((r: { url: string }) => Promise<Response>),
    permission: undefined as undefined | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
    beforeRequest: undefined as undefined | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
    menu: undefined as unknown,
    loaded: undefined as unknown as { promise: Promise<void>; resolve(): void },
  };
  let resolveLoaded = () => undefined as void;
  const promise = new Promise<void>((r) => (resolveLoaded = r));
  state.loaded = { promise, resolve: () => resolveLoaded() };
  return state;
});

vi.mock('electron', () => {
  const on = (name: string, fn: (...a: unknown[]) => void) => fake.appEvents.set(name, fn);
  class BrowserWindow {
    webContents = { on: () => undefined, send: () => undefined };
    private record: { options: Record<string, unknown>; url?: string };
    constructor(options: Record<string, unknown>) {
      this.record = { options };
      fake.windows.push(this.record);
    }
    once() {}
    on() {}
    maximize() {}
    async loadURL(url: string) {
      this.record.url = url;
      fake.loaded.resolve();
    }
  }
  return {
    BrowserWindow,
    app: {
      setName: () => undefined,
      requestSingleInstanceLock: () => true,
      quit: () => undefined,
      getAppPath: () => ROOT,
      isPackaged: false,
      getPath: () => userData,
      getVersion: () => '0.1.0',
      on,
      whenReady: async () => undefined,
      addRecentDocument: () => undefined,
    },
    protocol: { registerSchemesAsPrivileged: () => undefined },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof fake.permission) => (fake.permission = fn),
        setPermissionCheckHandler: () => undefined,
        webRequest: { onBeforeRequest: (fn: typeof fake.beforeRequest) => (fake.beforeRequest = fn) },
        protocol: { handle: (_s: string, fn: typeof fake.protocolHandler) => (fake.protocolHandler = fn) },
      },
    },
    ipcMain: { handle: (c: string, fn: (...a: unknown[]) => Promise<unknown>) => fake.ipc.set(c, fn) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => (fake.menu = m) },
    nativeTheme: { themeSource: 'system', shouldUseDarkColors: false },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true }), showErrorBox: () => undefined },
    shell: { showItemInFolder: () => undefined },
  };
});

describe('Electron main process wiring', () => {
  beforeAll(async () => {
    process.env.VLF_DESK_LIBRARY = join(userData, 'library.sqlite');
    await import('../../../src-main/electron/main.js');
    await fake.loaded.promise;
  });
  afterAll(() => {
    fake.appEvents.get('will-quit')?.();
    delete process.env.VLF_DESK_LIBRARY;
  });

  it('opens one sandboxed, isolated window on app://', () => {
    expect(fake.windows).toHaveLength(1);
    const prefs = fake.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, preload: join(ROOT, 'dist/preload/preload.js') });
    expect(fake.windows[0]!.url).toBe(APP_ENTRY);
  });

  it('registers every channel on IPC, and they answer', async () => {
    expect([...fake.ipc.keys()].sort()).toEqual(CHANNELS.map(ipcChannel).sort());
    const info = (await fake.ipc.get(ipcChannel('app/info'))!({ senderFrame: { url: APP_ENTRY } }, {})) as { ok: boolean; value: { libraryPath: string } };
    expect(info.ok).toBe(true);
    expect(info.value.libraryPath).toBe(join(userData, 'library.sqlite'));
  });

  it('serves the renderer with the CSP and refuses paths outside it', async () => {
    const index = await fake.protocolHandler!({ url: APP_ENTRY });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await index.text()).toContain('<div id="root"');
    expect((await fake.protocolHandler!({ url: 'app://bundle/x%2F..%2F..%2Fpackage.json' })).status).toBe(404);
  });

  it('denies permissions and remote requests; guards navigation and new windows', () => {
    let granted: boolean | undefined;
    fake.permission!(undefined, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    let cancel: boolean | undefined;
    fake.beforeRequest!({ url: 'https://example.com/a.js' }, (r) => (cancel = r.cancel));
    expect(cancel).toBe(true);
    const guards = new Map<string, (e: { preventDefault(): void }, url?: string) => void>();
    let openHandler: (() => { action: string }) | undefined;
    fake.appEvents.get('web-contents-created')!({}, { on: (n: string, fn: (e: { preventDefault(): void }) => void) => guards.set(n, fn), setWindowOpenHandler: (fn: () => { action: string }) => (openHandler = fn) });
    let prevented = false;
    guards.get('will-navigate')!({ preventDefault: () => (prevented = true) }, 'https://example.com/');
    expect(prevented).toBe(true);
    expect(openHandler!()).toEqual({ action: 'deny' });
  });

  it('sets the native menu with File, Edit, View and Help', () => {
    expect((fake.menu as Array<{ label?: string }>).map((m) => m.label?.replace('&', ''))).toEqual(['File', 'Edit', 'View', 'Help']);
  });
});
