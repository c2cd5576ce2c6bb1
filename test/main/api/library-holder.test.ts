import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BusyError, LibraryHolder } from '../../../src-main/worker/library-holder';
import { tempDir } from '../../support/temp';

describe('LibraryHolder', () => {
  const holder = new LibraryHolder();
  const file = join(tempDir(), 'sub', 'library.sqlite');
  afterAll(() => holder.close());

  it('refuses a write while an import runs, queues small writes, and saves', async () => {
    let release = () => undefined as void;
    const gate = new Promise<void>((r) => (release = r));
    const importing = holder.write(file, async () => gate, { save: false, exclusive: true });
    await expect(holder.write(file, (lib) => (lib.retentionDays = 5))).rejects.toBeInstanceOf(BusyError);
    const read = holder.use(file, (lib) => lib.retentionDays);
    release();
    await importing;
    expect(await read).toBeNull();
    await holder.write(file, (lib) => (lib.retentionDays = 7));
    await Promise.all([holder.write(file, (lib) => (lib.retentionDays = 8)), holder.write(file, (lib) => (lib.retentionDays = 9))]);
    const other = new LibraryHolder();
    expect(await other.use(file, (lib) => lib.retentionDays)).toBe(9);
    other.close();
  });
});
