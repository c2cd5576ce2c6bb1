/**
 * Which Chromium the e2e drives: Debian's, from apt — never a download. When
 * it is missing, CI (CI=true) must fail loudly; a developer's machine skips
 * with the reason printed.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.VLF_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export type ChromiumAvailability = { run: true } | { run: false; reason: string };

export function chromiumAvailability(): ChromiumAvailability {
  if (existsSync(CHROMIUM)) return { run: true };
  const reason = `e2e: ${CHROMIUM} not found (install Debian's chromium: apt-get install -y chromium)`;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`${reason} — required in CI`);
  console.warn(`SKIPPED ${reason}`);
  return { run: false, reason };
}
