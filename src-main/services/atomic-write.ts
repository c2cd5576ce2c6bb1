import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Write a file so that readers see the old content or the new, never half:
 * write a temp file beside it, fsync, then rename over the target.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array | string | readonly Uint8Array[]): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    // Parts are written one after another: a large file need not be copied into one buffer first.
    if (Array.isArray(bytes)) {
      for (const part of bytes as readonly Uint8Array[]) {
        for (let done = 0; done < part.length; ) done += (await handle.write(part, done, part.length - done)).bytesWritten;
      }
    } else await handle.writeFile(bytes as Uint8Array | string);
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
