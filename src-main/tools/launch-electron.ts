/**
 * `npm start`: launch the desktop app with Electron's binary, fetching it
 * first when `npm ci` could not (Electron downloads it on first run). Where
 * it cannot be fetched (no internet), say so in plain words and name the
 * ways out, instead of the downloader's stack trace.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function electronBinary(env: NodeJS.ProcessEnv, electronDir: string): string | undefined {
  const pathFile = join(electronDir, 'path.txt');
  const exe = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : process.platform === 'win32' ? 'electron.exe' : 'electron';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, exe) : join(electronDir, 'dist', exe);
  return existsSync(candidate) ? candidate : undefined;
}

export function missingBinaryMessage(env: NodeJS.ProcessEnv, reason: string): string {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  return [
    'VLF Audit Desk: the Electron binary is not available, so the window cannot open.',
    override
      ? `  ELECTRON_OVERRIDE_DIST_PATH=${override} holds no Electron executable.`
      : `  It is downloaded from GitHub on first start, and that failed (${reason}).`,
    '  Ways out:',
    '  - on a machine with internet access: run `npm start` again (or `npx install-electron`);',
    '  - offline: set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45 folder and run `npm start`;',
    '  - the same checks without a window: `npx vlf-desk verify assets/sample`.',
  ].join('\n');
}

function main(): void {
  const appDir = resolve(__dirname, '../../..');
  const electronDir = dirname(require.resolve('electron/package.json', { paths: [appDir] }));
  let binary = electronBinary(process.env, electronDir);
  if (!binary && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    process.stderr.write('Fetching the Electron binary (first start)…\n');
    const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    binary = electronBinary(process.env, electronDir);
    if (!binary) {
      const firstLine = `${r.stderr ?? ''}`.split('\n').find((l) => /error|fail/i.test(l))?.trim() ?? `exit code ${r.status}`;
      process.stderr.write(`${missingBinaryMessage(process.env, firstLine.slice(0, 200))}\n`);
      process.exit(1);
    }
  }
  if (!binary) {
    process.stderr.write(`${missingBinaryMessage(process.env, 'not found')}\n`);
    process.exit(1);
  }
  const child = spawn(binary, [appDir, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('error', (e) => {
    process.stderr.write(`VLF Audit Desk: ${binary} could not be started (${e.message}).\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (require.main === module) main();
