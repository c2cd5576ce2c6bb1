import type { ZipArchive } from '../../audit/zip-archive';
import type { Finding, MakeFinding } from '../findings';

/** V2 (FAIL): the ZIP could not be opened at all (damaged, truncated, encrypted, too large). */
export function zipUnreadable(make: MakeFinding, reason: string): Finding {
  return make('V2', 'FAIL', '', `The ZIP cannot be checked: ${reason}.`);
}

/** V2 (FAIL): no entry with an absolute path or `..` (zip slip). */
export function checkZipPaths(make: MakeFinding, archive: ZipArchive): Finding[] {
  return archive.unsafePaths.map(({ path, reason }) =>
    make('V2', 'FAIL', path, `The ZIP entry "${path}" is refused because ${reason}; do not unpack this ZIP.`),
  );
}

/** V2 (FAIL): an entry could not be inflated, or expands beyond the zip-bomb limit. */
export function memberUnreadable(make: MakeFinding, member: string, reason: string): Finding {
  return make('V2', 'FAIL', member, `The member "${member}" cannot be read: ${reason}.`);
}
