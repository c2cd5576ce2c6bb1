import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * The compiled JavaScript of a worker entry that sits in `folder` (pass
 * `__dirname`): beside the caller when it runs from dist/, else the same file
 * under dist/ (tests run the TypeScript sources, but a worker needs JavaScript).
 */
export function compiledScript(folder: string, file: string): string {
  const beside = join(folder, file);
  if (existsSync(beside)) return beside;
  const root = resolve(__dirname, '../..');
  return join(root, 'dist', relative(root, folder), file);
}
