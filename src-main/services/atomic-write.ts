import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Write a file so that readers see the old content or the new, never half:
 * write a temp file beside it, fsync, then rename over the target.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array | string | readonly Uint8Array[] | AsyncIterable<Uint8Array>): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    if (typeof bytes === 'string' || bytes instanceof Uint8Array) await handle.writeFile(bytes);
    else {
      // Parts (or parts still being made) are written as they come: a large file is never held in one buffer.
      for await (const part of bytes) {
        for (let done = 0; done < part.length; ) done += (await handle.write(part, done, part.length - done)).bytesWritten;
      }
    }
    await handle.sync();
  } catch (e) {
    await handle.close();
    await rm(temp, { force: true });
    throw e;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
