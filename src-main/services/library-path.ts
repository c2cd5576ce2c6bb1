import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'VLF Audit Desk';
export const LIBRARY_FILE_NAME = 'library.sqlite';

/**
 * The desktop app's own library file, in its user-data folder — the folder
 * Electron's `app.getPath('userData')` gives — so the CLI and the app share it.
 * `--library FILE` or `VLF_DESK_LIBRARY` override it.
 */
export function defaultLibraryPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.VLF_DESK_LIBRARY) return env.VLF_DESK_LIBRARY;
  return join(userDataFolder(env, platform), LIBRARY_FILE_NAME);
}

export function userDataFolder(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME);
}
