/**
 * The native menus as data (Electron's MenuItemConstructorOptions), built
 * from callbacks so a test checks them without Electron. Items the renderer
 * handles become `app/menu` events; File › Open… etc. become `app/openPaths`.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../src-shared/api/contract';

export type ThemeSource = 'system' | 'light' | 'dark';

export interface MenuActions {
  platform: string;
  appName: string;
  recent: readonly string[];
  theme: ThemeSource;
  /** Development build: show Reload and DevTools. */
  dev: boolean;
  openFiles(): void;
  openFolder(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  send(command: MenuCommand): void;
  setTheme(theme: ThemeSource): void;
  showLibrary(): void;
}

const VIEWS = [
  ['home', 'Home'],
  ['verify', 'Verify'],
  ['counts', 'Counts'],
  ['users', 'Users'],
  ['compare', 'Compare'],
  ['anonymize', 'Anonymize'],
] as const;

export function buildMenuTemplate(a: MenuActions): MenuItemConstructorOptions[] {
  const mac = a.platform === 'darwin';
  const recent: MenuItemConstructorOptions[] = a.recent.length
    ? [...a.recent.map((p) => ({ label: p, click: () => a.openRecent(p) })), { type: 'separator' }, { label: 'Clear Recent', click: a.clearRecent }]
    : [{ label: 'No recent files', enabled: false }];
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: a.openFiles },
      { label: 'Open Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: a.openFolder },
      { label: 'Open Recent', submenu: recent },
      { type: 'separator' },
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => a.send({ command: 'export' }) },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      { label: 'Find…', accelerator: 'CmdOrCtrl+F', click: () => a.send({ command: 'find' }) },
    ],
  };
  const themes: Array<[ThemeSource, string]> = [
    ['system', 'Follow the System'],
    ['light', 'Light'],
    ['dark', 'Dark'],
  ];
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...VIEWS.map(([v, label], i): MenuItemConstructorOptions => ({ label, accelerator: `CmdOrCtrl+${i + 1}`, click: () => a.send({ command: 'navigate', view: v }) })),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { label: 'Appearance', submenu: themes.map(([t, label]) => ({ label, type: 'radio', checked: a.theme === t, click: () => a.setTheme(t) })) },
      { role: 'togglefullscreen' },
      ...(a.dev ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[]) : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      { label: 'Show the Audit Library File', click: a.showLibrary },
      ...(mac ? [] : ([{ type: 'separator' }, { label: `About ${a.appName}`, click: () => a.send({ command: 'about' }) }] as MenuItemConstructorOptions[])),
    ],
  };
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [{ label: a.appName, submenu: [{ label: `About ${a.appName}`, click: () => a.send({ command: 'about' }) }, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] }]
    : [];
  return [...appMenu, file, edit, view, ...(mac ? [{ role: 'windowMenu' } as MenuItemConstructorOptions] : []), help];
}
