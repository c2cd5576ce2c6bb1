/**
 * The first-start scenario in the real Electron shell: the window opens, the
 * renderer loads over app://, the preload exposes only `window.vlf`, and the
 * bundled sample shows, imported and verified. Needs an Electron binary, which
 * cannot be downloaded everywhere (offline machines): point
 * ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron 45 folder to run it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';

const ROOT = resolve(__dirname, '../..');
const DIST = process.env.ELECTRON_OVERRIDE_DIST_PATH;
const exe = DIST ? join(DIST, process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron') : '';
const SKIP = !DIST
  ? 'ELECTRON_OVERRIDE_DIST_PATH is not set, so there is no Electron binary to launch (it cannot be downloaded here); set it to an unpacked Electron 45 folder to run this test'
  : !existsSync(exe)
    ? `ELECTRON_OVERRIDE_DIST_PATH=${DIST} holds no Electron executable (${exe})`
    : '';
if (SKIP) console.warn(`[skipped] test/electron/launch.test.ts: ${SKIP}`);

describe(SKIP ? `Electron launch (skipped: ${SKIP})` : 'Electron launch', () => {
  let app: ElectronApplication | undefined;
  afterAll(async () => app?.close());

  it.skipIf(SKIP !== '')('opens one secure window showing the sample audit on first start', async () => {
    for (const f of ['dist/src-main/electron/main.js', 'dist/preload/preload.js', 'dist/renderer/index.html']) {
      expect(existsSync(join(ROOT, f)), `${f} (run npm run build)`).toBe(true);
    }
    const home = tempDir('vlf-electron-');
    app = await electron.launch({
      executablePath: exe,
      args: [ROOT],
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), APPDATA: join(home, 'AppData'), VLF_DESK_LIBRARY: join(home, 'library.sqlite') },
      timeout: 60_000,
    });
    const page = await app.firstWindow();
    await page.locator('[data-testid=app][data-loaded=true]').waitFor({ timeout: 60_000 });
    expect(page.url()).toBe('app://bundle/index.html');
    // The renderer has the typed API and nothing of Node.
    const globals = await page.evaluate(() => {
      const w = globalThis as unknown as Record<string, unknown>;
      return { vlf: typeof w.vlf, require: typeof w.require, process: typeof w.process };
    });
    expect(globals).toEqual({ vlf: 'object', require: 'undefined', process: 'undefined' });
    const info = await page.evaluate(() => (globalThis as unknown as { vlf: { call(c: string, a: object): Promise<unknown> } }).vlf.call('app/info', {}));
    expect(info).toMatchObject({ ok: true, value: { firstStart: true, version: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version } });
    const table = page.getByTestId('library-table');
    await table.getByText('vlf_Acme-Telecom_VOSS-PRD-1_detailed_legacy_2024-02-21_0553.csv').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('sample-verdict').textContent(), { timeout: 30_000 }).toContain('PASS');
    // Navigation away is refused; the page stays where it is.
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(page.url()).toBe('app://bundle/index.html');
    expect(app.windows()).toHaveLength(1);
  }, 120_000);
});
