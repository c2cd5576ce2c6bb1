/**
 * A source's identity when it carries no Platform ID and Date Time
 * (platform-dump.md; issue: "failing those, by a hash of its content"): the
 * SHA-256 of every file's relative path and bytes, in sorted order (or of the
 * ZIP's bytes). Computed before reading, so an import knows which snapshot it
 * appends to from its first record.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export async function contentHashOf(path: string): Promise<string> {
  const hash = createHash('sha256');
  const info = await stat(path);
  const files = info.isDirectory() ? (await listFiles(path)).sort() : [path];
  for (const file of files) {
    hash.update(`${info.isDirectory() ? relative(path, file).split(sep).join('/') : ''}\0`);
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

async function listFiles(folder: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(folder, { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === '__MACOSX') continue;
    const full = join(folder, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(full)));
    else if (e.isFile()) out.push(full);
  }
  return out;
}
