import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { CHANNELS, ipcChannel, type MenuCommand } from '../../../src-shared/api/contract';
import { createAppHandlers } from '../../../src-main/api/handlers';
import { noDialogs } from '../../../src-main/api/ports';
import { mimeType, resolveAppUrl } from '../../../src-main/electron/app-protocol';
import { pathsFromArgv } from '../../../src-main/electron/argv-paths';
import { type IpcMainPort, registerIpc } from '../../../src-main/electron/ipc';
import { buildMenuTemplate, type MenuActions } from '../../../src-main/electron/menu-template';
import { RecentPaths } from '../../../src-main/electron/recent';
import {
  APP_ENTRY,
  CONTENT_SECURITY_POLICY,
  isAllowedNavigation,
  isAllowedRequest,
  isTrustedSender,
  secureWebPreferences,
} from '../../../src-main/electron/security';
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from '../../../src-main/electron/window-state';
import { electronBinary, missingBinaryMessage } from '../../../src-main/tools/launch-electron';
import { tempDir } from '../../support/temp';

const ROOT = resolve(__dirname, '../../..');

describe('security settings', () => {
  it('isolate and sandbox the renderer, without Node', () => {
    const p = secureWebPreferences('/x/preload.js');
    expect(p).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webSecurity: true, webviewTag: false, preload: '/x/preload.js' });
  });

  it('CSP allows only the app itself and no inline script', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|unsafe-eval/);
  });

  it('let through only app:// requests, never remote content or file://', () => {
    expect(isAllowedRequest(APP_ENTRY)).toBe(true);
    expect(isAllowedRequest('https://example.com/x.js')).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd')).toBe(false);
    expect(isAllowedRequest('app://other/index.html')).toBe(false);
  });

  it('refuse every navigation and untrusted IPC senders', () => {
    expect(isAllowedNavigation('https://example.com')).toBe(false);
    expect(isAllowedNavigation(APP_ENTRY)).toBe(false);
    expect(isTrustedSender(APP_ENTRY)).toBe(true);
    expect(isTrustedSender('https://evil.example/')).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});

describe('app:// protocol', () => {
  const root = resolve('/srv/renderer');
  it('maps URLs into the renderer folder', () => {
    expect(resolveAppUrl('app://bundle/index.html', root)).toBe(join(root, 'index.html'));
    expect(resolveAppUrl('app://bundle/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppUrl('app://bundle/assets/index-abc.js?v=1', root)).toBe(join(root, 'assets', 'index-abc.js'));
  });
  it('never leaves it', () => {
    expect(resolveAppUrl('app://bundle/../secret', root)).toBe(join(root, 'secret'));
    // The URL parser folds dot segments, so this lands inside the root; an encoded slash would not be folded and is refused.
    expect(resolveAppUrl('app://bundle/%2e%2e/%2e%2e/etc/passwd', root)).toBe(join(root, 'etc', 'passwd'));
    expect(resolveAppUrl('app://bundle/x%2F..%2F..%2F..%2Fetc%2Fpasswd', root)).toBeNull();
    expect(resolveAppUrl('app://bundle/a%00b', root)).toBeNull();
    expect(resolveAppUrl('file:///etc/passwd', root)).toBeNull();
  });
  it('serves module scripts as JavaScript', () => {
    expect(mimeType('a/index.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('index.html')).toBe('text/html; charset=utf-8');
  });
});

describe('IPC registration', () => {
  it('registers exactly the contract channels and checks the sender', async () => {
    const registered = new Map<string, Parameters<IpcMainPort['handle']>[1]>();
    const app = createAppHandlers({ libraryPath: join(tempDir(), 'l.sqlite'), sampleDir: join(ROOT, 'assets/sample'), userDataDir: tempDir(), dialogs: noDialogs, version: 't' });
    const names = registerIpc({ handle: (c, l) => registered.set(c, l) }, app.handlers);
    expect(names.sort()).toEqual(CHANNELS.map(ipcChannel).sort());
    expect([...registered.keys()].sort()).toEqual(names);
    const job = registered.get(ipcChannel('job/cancel'))!;
    expect(await job({ senderFrame: { url: APP_ENTRY } }, { jobId: 'x' })).toEqual({ ok: true, value: { cancelled: false } });
    expect(await job({ senderFrame: { url: 'https://evil.example/' } }, { jobId: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    expect(await job({ senderFrame: { url: APP_ENTRY } }, { jobId: 5 })).toMatchObject({ ok: false, error: { code: 'invalid-args', message: 'job/cancel: args.jobId must be a string, not 5' } });
    await app.close();
  });

  it('the bundled preload exposes only what the contract names and requires only electron', () => {
    const file = join(ROOT, 'dist/preload/preload.js');
    if (!existsSync(file)) throw new Error('dist/preload/preload.js is missing: run npm run build');
    const code = readFileSync(file, 'utf8');
    const requires = [...code.matchAll(/require\((["'])([^"']+)\1\)/g)].map((m) => m[2]);
    expect([...new Set(requires)]).toEqual(['electron']);
    expect(code).toContain('exposeInMainWorld("vlf"');
    for (const c of CHANNELS) expect(code).toContain(`"${c}"`);
  });
});

describe('menus', () => {
  const sent: MenuCommand[] = [];
  const actions = (over: Partial<MenuActions> = {}): MenuActions => ({
    platform: 'linux',
    appName: 'VLF Audit Desk',
    recent: [],
    theme: 'system',
    dev: false,
    openFiles: () => undefined,
    openFolder: () => undefined,
    openRecent: () => undefined,
    clearRecent: () => undefined,
    send: (c) => sent.push(c),
    setTheme: () => undefined,
    showLibrary: () => undefined,
    ...over,
  });
  const sub = (m: MenuItemConstructorOptions[], label: string) => m.find((i) => i.label?.replace('&', '') === label)?.submenu as MenuItemConstructorOptions[];

  it('have File, Edit, View and Help with the items the issue names', () => {
    const m = buildMenuTemplate(actions({ recent: ['/a/vlf_x.zip'] }));
    expect(m.map((i) => i.label?.replace('&', '') ?? i.role)).toEqual(['File', 'Edit', 'View', 'Help']);
    const file = sub(m, 'File');
    expect(file.map((i) => i.label).filter(Boolean)).toEqual(['Open…', 'Open Folder…', 'Open Recent', 'Export…']);
    expect((file.find((i) => i.label === 'Open Recent')!.submenu as MenuItemConstructorOptions[])[0]!.label).toBe('/a/vlf_x.zip');
    const view = sub(m, 'View');
    expect(view.map((i) => i.role).filter(Boolean)).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut']));
    const appearance = view.find((i) => i.label === 'Appearance')!.submenu as MenuItemConstructorOptions[];
    expect(appearance.find((i) => i.checked)!.label).toBe('Follow the System');
    expect(view.some((i) => i.role === 'toggleDevTools')).toBe(false);
  });

  it('send renderer commands and set the theme', () => {
    let theme = '';
    const m = buildMenuTemplate(actions({ setTheme: (t) => (theme = t) }));
    const view = sub(m, 'View');
    (view.find((i) => i.label === 'Verify')!.click as () => void)();
    (sub(m, 'File').find((i) => i.label === 'Export…')!.click as () => void)();
    ((view.find((i) => i.label === 'Appearance')!.submenu as MenuItemConstructorOptions[]).find((i) => i.label === 'Dark')!.click as () => void)();
    expect(sent).toEqual([{ command: 'navigate', view: 'verify' }, { command: 'export' }]);
    expect(theme).toBe('dark');
  });

  it('on macOS start with the app menu', () => {
    expect(buildMenuTemplate(actions({ platform: 'darwin' }))[0]!.label).toBe('VLF Audit Desk');
  });
});

describe('window state and recent paths', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
  it('round-trip and drop a position no display shows', async () => {
    const file = join(tempDir(), 'window-state.json');
    expect(loadWindowState(file, screen)).toEqual(DEFAULT_WINDOW_STATE);
    saveWindowState(file, { x: 100, y: 80, width: 1000, height: 700 }, true);
    expect(loadWindowState(file, screen)).toEqual({ x: 100, y: 80, width: 1000, height: 700, maximized: true });
    expect(loadWindowState(file, [{ x: 3000, y: 0, width: 800, height: 600 }])).toEqual({ width: 1000, height: 700, maximized: true });
  });
  it('a damaged file reads as the default', () => {
    const file = join(tempDir(), 'window-state.json');
    writeFileSync(file, '{"width": "wide"');
    expect(loadWindowState(file, screen)).toEqual(DEFAULT_WINDOW_STATE);
  });
  it('recent paths: newest first, no duplicates, at most 10, persisted', async () => {
    const file = join(tempDir(), 'recent.json');
    const r = new RecentPaths(file);
    await r.add(['/a', '/b']);
    await r.add(['/b']);
    expect(r.paths).toEqual(['/b', '/a']);
    await r.add(Array.from({ length: 12 }, (_, i) => `/f${i}`));
    expect(new RecentPaths(file).paths).toHaveLength(10);
  });
});

describe('paths from a command line', () => {
  const exists = (p: string) => !p.endsWith('missing');
  it('skip the executable, flags and (unpackaged) the app folder', () => {
    expect(pathsFromArgv(['/usr/bin/electron', '--inspect=0', '.', 'audits/a.zip', 'missing'], '/home/u', { packaged: false, exists })).toEqual([resolve('/home/u', 'audits/a.zip')]);
    expect(pathsFromArgv(['/opt/VLF/vlf', '--no-sandbox', '/data/dump'], '/', { packaged: true, exists })).toEqual([resolve('/data/dump')]);
  });
});

describe('npm start launcher', () => {
  it('finds the binary under ELECTRON_OVERRIDE_DIST_PATH, or reports it missing with the ways out', () => {
    const electronDir = tempDir();
    const dist = tempDir();
    writeFileSync(join(electronDir, 'path.txt'), 'electron');
    expect(electronBinary({}, electronDir)).toBeUndefined();
    expect(electronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dist }, electronDir)).toBeUndefined();
    writeFileSync(join(dist, 'electron'), '');
    expect(electronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dist }, electronDir)).toBe(join(dist, 'electron'));
    const message = missingBinaryMessage({}, 'TypeError: fetch failed');
    expect(message).toContain('fetch failed');
    expect(message).toContain('ELECTRON_OVERRIDE_DIST_PATH');
    expect(message).toContain('npx vlf-desk verify assets/sample');
    expect(message).not.toMatch(/\n\s+at /);
  });
});
