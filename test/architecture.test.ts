import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/**
 * src-shared is the pure core (parsing, checks, writing): the worker, the CLI,
 * the renderer and tests all run it unchanged, so it must not reach for Node,
 * Electron or the DOM.
 */
describe('src-shared stays pure', () => {
  const files = sourceFiles(join(root, 'src-shared'));

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s imports no Node, Electron or React module', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const imports = [...text.matchAll(/from\s+'([^']+)'|require\('([^']+)'\)|import\('([^']+)'\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
    const forbidden = imports.filter((spec) => /^(node:|electron|react|fs$|path$|crypto$|os$|child_process$|worker_threads$)/.test(spec!));
    expect(forbidden).toEqual([]);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s uses no process, Buffer, window or document', (_name, file) => {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/\b(process\.|Buffer\.|window\.|document\.)/);
  });
});
