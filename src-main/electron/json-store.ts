/**
 * Small JSON files in the user-data folder (window state, recent paths). A
 * missing or damaged file reads as the default: losing the window position
 * must never stop the app from starting.
 */
import { readFileSync } from 'node:fs';
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
