/**
 * Small JSON files in the user-data folder (window state, recent paths). A
 * missing or damaged file reads as the default: losing the window position
 * must never stop the app from starting.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { writeFileAtomic } from '../services/atomic-write';

export function readJson<T>(file: string, parse: (value: unknown) => T | undefined, fallback: T): T {
  try {
    return parse(JSON.parse(readFileSync(file, 'utf8'))) ?? fallback;
  } catch {
    return fallback;
  }
}

export async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** For the window's 'close' handler: the process may exit before an async write finishes. Temp file + rename, so a crash leaves the old file. */
export function writeJsonSync(file: string, value: unknown): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temp, file);
}
