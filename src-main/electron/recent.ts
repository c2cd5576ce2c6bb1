/** Recently opened files and folders (File › Open Recent), newest first, at most 10, in `recent.json`. */
import { readJson, writeJson } from './json-store';

export const MAX_RECENT = 10;

const parse = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, MAX_RECENT) : undefined;

export class RecentPaths {
  private list: string[];

  constructor(private readonly file: string) {
    this.list = readJson(file, parse, []);
  }

  get paths(): readonly string[] {
    return this.list;
  }

  async add(paths: readonly string[]): Promise<void> {
    this.list = [...new Set([...paths, ...this.list])].slice(0, MAX_RECENT);
    await writeJson(this.file, this.list);
  }

  async clear(): Promise<void> {
    this.list = [];
    await writeJson(this.file, this.list);
  }
}
