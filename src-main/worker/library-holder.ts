/**
 * The worker's open library. Opening a big library costs seconds, so it stays
 * open between calls; it is reopened when another process (the CLI) changed
 * the file since we last read or wrote it, and writes are one at a time.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AuditLibrary } from '../library/library';

export class BusyError extends Error {}

async function stamp(file: string): Promise<string> {
  const s = await stat(file).catch(() => undefined);
  return s ? `${s.mtimeMs}:${s.size}` : 'missing';
}

export class LibraryHolder {
  private library: AuditLibrary | undefined;
  private seen = '';
  private tail: Promise<unknown> = Promise.resolve();
  private importing = false;

  /** Run `fn` with the library, after any call already running (sql.js has one connection). */
  use<T>(file: string, fn: (library: AuditLibrary) => Promise<T> | T): Promise<T> {
    const run = this.tail.then(async () => fn(await this.open(file)));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Like `use`, then save. Refused at once (BusyError) while an import is
   * queued or running: a small change would otherwise wait minutes unseen.
   * `exclusive` marks the call as such an import.
   */
  async write<T>(file: string, fn: (library: AuditLibrary) => Promise<T> | T, options: { save?: boolean; exclusive?: boolean } = {}): Promise<T> {
    if (this.importing) throw new BusyError('an import is still running; try again when it has finished');
    if (options.exclusive) this.importing = true;
    try {
      return await this.use(file, async (library) => {
        const value = await fn(library);
        if (options.save !== false) await library.save();
        this.seen = await stamp(file);
        return value;
      });
    } finally {
      if (options.exclusive) this.importing = false;
    }
  }

  close(): void {
    this.library?.close();
    this.library = undefined;
  }

  private async open(file: string): Promise<AuditLibrary> {
    const now = await stamp(file);
    if (this.library && this.library.file === file && now === this.seen) return this.library;
    this.close();
    await mkdir(dirname(file), { recursive: true });
    this.library = await AuditLibrary.open(file);
    this.seen = now;
    return this.library;
  }
}
