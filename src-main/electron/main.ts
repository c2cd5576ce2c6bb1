/**
 * The Electron main process: a thin shell. It owns the window, menus,
 * dialogs, the app:// protocol and single-instance handling; every request
 * of the renderer goes to the plain-Node handlers (src-main/api), whose heavy
 * work runs in the worker. Everything testable lives in the modules beside
 * this one; what is left here is wiring.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, screen, session, shell } from 'electron';
import type { Events, EventName, OpenPathsVia } from '../../src-shared/api/contract';
import { ipcEvent } from '../../src-shared/api/contract';
import { createAppHandlers } from '../api/handlers';
import type { DialogPort } from '../api/ports';
import { APP_NAME, defaultLibraryPath } from '../services/library-path';
import { mimeType, resolveAppUrl } from './app-protocol';
import { pathsFromArgv } from './argv-paths';
import { registerIpc } from './ipc';
import { buildMenuTemplate, type ThemeSource } from './menu-template';
import { RecentPaths } from './recent';
import { APP_ENTRY, APP_SCHEME, CONTENT_SECURITY_POLICY, isAllowedNavigation, isAllowedRequest, secureWebPreferences } from './security';
import { loadWindowState, saveWindowState } from './window-state';

app.setName(APP_NAME);
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  // Another window is open: it receives our argv through 'second-instance'.
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  const root = app.getAppPath();
  const rendererDir = join(root, 'dist', 'renderer');
  const preload = join(root, 'dist', 'preload', 'preload.js');
  const sampleDir = app.isPackaged ? join(process.resourcesPath, 'sample') : join(root, 'assets', 'sample');
  const userData = app.getPath('userData');
  const recent = new RecentPaths(join(userData, 'recent.json'));
  const stateFile = join(userData, 'window-state.json');
  let window: BrowserWindow | undefined;
  let rendererReady = false;
  const queued: Array<{ event: EventName; payload: unknown }> = [];
  // Given at launch: reported by app/info, because the renderer subscribes to events only after it has loaded.
  const launchPaths = pathsFromArgv(process.argv, process.cwd(), { packaged: app.isPackaged });
  let started = false;

  const dialogs: DialogPort = {
    openFiles: async (o) => {
      const options = { properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'>, ...o };
      const r = await (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options));
      return r.canceled ? [] : r.filePaths;
    },
    openFolder: async (o) => {
      const options = { properties: ['openDirectory'] as Array<'openDirectory'>, ...o };
      const r = await (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options));
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    saveFile: async (o) => {
      const r = await (window ? dialog.showSaveDialog(window, o) : dialog.showSaveDialog(o));
      return r.canceled || !r.filePath ? null : r.filePath;
    },
  };

  const api = createAppHandlers({
    libraryPath: defaultLibraryPath(),
    sampleDir,
    userDataDir: userData,
    dialogs,
    shell: { showItemInFolder: (p) => shell.showItemInFolder(p) },
    version: app.getVersion(),
    documentsDir: app.getPath('documents'),
    launchPaths,
  });

  function push<E extends EventName>(event: E, payload: Events[E]): void {
    if (window && rendererReady) window.webContents.send(ipcEvent(event), payload);
    else queued.push({ event, payload });
  }
  api.events.onAny(push);

  async function openPaths(paths: string[], via: OpenPathsVia): Promise<void> {
    if (!paths.length) return;
    api.events.emit('app/openPaths', { paths, via });
    for (const p of paths) app.addRecentDocument(p);
    await recent.add(paths).catch(() => undefined);
    refreshMenu();
  }

  function refreshMenu(): void {
    const template = buildMenuTemplate({
      platform: process.platform,
      appName: APP_NAME,
      recent: recent.paths,
      theme: nativeTheme.themeSource as ThemeSource,
      dev: !app.isPackaged,
      openFiles: () => void dialogs.openFiles({ title: 'Open audit files or dumps' }).then((p) => openPaths(p, 'menu')),
      openFolder: () => void dialogs.openFolder({ title: 'Open a folder' }).then((p) => openPaths(p ? [p] : [], 'menu')),
      openRecent: (p) => void openPaths([p], 'menu'),
      clearRecent: () => void recent.clear().then(refreshMenu),
      send: (command) => api.events.emit('app/menu', command),
      setTheme: (t) => {
        nativeTheme.themeSource = t;
        refreshMenu();
      },
      showLibrary: () => shell.showItemInFolder(defaultLibraryPath()),
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  app.on('second-instance', (_e, argv, cwd) => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
    void openPaths(pathsFromArgv(argv, cwd, { packaged: app.isPackaged }), 'second-instance');
  });
  // macOS: files dropped on the Dock icon or opened with the app.
  app.on('open-file', (e, path) => {
    e.preventDefault();
    if (started) void openPaths([path], 'os');
    else launchPaths.push(path);
  });

  // Every web contents (there is one window, but guard them all): no navigation, no new windows, no webviews.
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (ev, url) => {
      if (!isAllowedNavigation(url)) ev.preventDefault();
    });
    contents.on('will-redirect', (ev) => ev.preventDefault());
    contents.on('will-attach-webview', (ev) => ev.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  await app.whenReady();
  nativeTheme.themeSource = 'system';

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppUrl(request.url, rendererDir);
    const body = file ? await readFile(file).catch(() => undefined) : undefined;
    if (!file || !body) return new Response('not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    return new Response(new Uint8Array(body), { headers: { 'content-type': mimeType(file), 'content-security-policy': CONTENT_SECURITY_POLICY } });
  });

  registerIpc(ipcMain, api.handlers, (m) => console.error(m));
  refreshMenu();

  const state = loadWindowState(stateFile, screen.getAllDisplays().map((d) => d.workArea));
  window = new BrowserWindow({
    ...state,
    minWidth: 800,
    minHeight: 560,
    title: APP_NAME,
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1e1e1e' : '#ffffff',
    webPreferences: secureWebPreferences(preload),
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window?.show());
  window.webContents.on('did-finish-load', () => {
    rendererReady = true;
    for (const q of queued.splice(0)) window?.webContents.send(ipcEvent(q.event), q.payload);
  });
  window.webContents.on('render-process-gone', () => {
    rendererReady = false;
  });
  window.on('close', () => {
    try {
      if (window) saveWindowState(stateFile, window.getNormalBounds(), window.isMaximized());
    } catch {
      // Not remembering the window's place is no reason to stop closing.
    }
  });
  window.on('closed', () => {
    window = undefined;
  });

  await window.loadURL(APP_ENTRY).catch((e: Error) => {
    dialog.showErrorBox(APP_NAME, `The window could not load (${e.message}). Run "npm run build" and start again.`);
  });
  started = true;

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void api.close());
}
