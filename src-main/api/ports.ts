/**
 * What the handlers need from the desktop shell, as ports: Electron's dialog
 * and shell in the app, stubs in the e2e tests and unit tests (which run in
 * plain Node, without Electron).
 */
import type { FileFilter } from '../../src-shared/api/contract';

export interface DialogPort {
  /** [] when cancelled. */
  openFiles(options: { title?: string; filters?: FileFilter[] }): Promise<string[]>;
  /** null when cancelled. */
  openFolder(options: { title?: string }): Promise<string | null>;
  /** null when cancelled. `defaultPath` is a full path in the last-used or Documents folder. */
  saveFile(options: { title?: string; defaultPath: string; filters?: FileFilter[] }): Promise<string | null>;
}

export interface ShellPort {
  showItemInFolder(path: string): void;
}

/** Dialogs that never open: for tests, or headless use. */
export const noDialogs: DialogPort = {
  openFiles: async () => [],
  openFolder: async () => null,
  saveFile: async () => null,
};

export const noShell: ShellPort = { showItemInFolder: () => undefined };
