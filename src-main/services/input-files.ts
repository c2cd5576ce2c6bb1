/**
 * Turns the paths a user names (files and folders) into the audit files to
 * verify, and reads them. Errors are `InputError`s whose message names the
 * path and what to do — the CLI prints them and exits 2.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { BatchItem } from '../../src-shared/verify/verify-batch';

/** Audit files are kilobytes to a few megabytes; anything this large is not one. */
export const MAX_INPUT_BYTES = 1024 * 1024 * 1024;

export class InputError extends Error {}

const AUDIT_FILE = /^vlf_.*\.(zip|csv|json)$/i;

/** Files given by name are taken as they are; folders are searched (recursively) for `vlf_*` files. */
export async function collectAuditFiles(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const p of paths) {
    const full = resolve(p);
    const info = await stat(full).catch(() => undefined);
    if (!info) throw new InputError(`${p}: no such file or folder`);
    if (info.isDirectory()) {
      const inFolder = await searchFolder(full);
      if (!inFolder.length) throw new InputError(`${p}: the folder holds no vlf_*.zip, vlf_*.csv or vlf_*.json files`);
      found.push(...inFolder);
    } else {
      found.push(full);
    }
  }
  return [...new Set(found)];
}

async function searchFolder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.startsWith('.') || e.name === '__MACOSX' || e.name === 'node_modules') continue;
    const full = join(folder, e.name);
    if (e.isDirectory()) files.push(...(await searchFolder(full)));
    else if (e.isFile() && AUDIT_FILE.test(e.name)) files.push(full);
  }
  return files;
}

export async function readInputFile(path: string): Promise<Uint8Array> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new InputError(`${path}: no such file`);
  if (!info.isFile()) throw new InputError(`${path}: not a file`);
  if (info.size > MAX_INPUT_BYTES) {
    throw new InputError(`${path}: ${Math.round(info.size / 1024 / 1024)} MB is far larger than any audit file; check that this is the right file`);
  }
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new InputError(`${path}: cannot be read (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** A batch item that reads the file (and a `.hash` beside a CSV or JSON) only when its turn comes. */
export function fileBatchItem(path: string): BatchItem {
  return {
    name: basename(path),
    load: async () => {
      const bytes = await readInputFile(path);
      const siblingHash = /\.(csv|json)$/i.test(path)
        ? await readFile(`${path}.hash`).then((b) => new Uint8Array(b), () => undefined)
        : undefined;
      return { bytes, siblingHash };
    },
  };
}
