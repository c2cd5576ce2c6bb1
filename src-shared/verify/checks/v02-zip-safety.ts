import { expansionProblem, type ZipArchive } from '../../audit/zip-archive';
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

/**
 * V2 (FAIL): entries the verifier never inflates (extra files, `FILES/`) are
 * judged by the sizes the ZIP declares for them, so a bomb the clerk might
 * unpack is still refused. `reported` holds locations that already have a V2
 * finding (members whose read was refused), so each entry is named once.
 */
export function checkDeclaredSizes(make: MakeFinding, archive: ZipArchive, reported: ReadonlySet<string>): Finding[] {
  return archive.entries.flatMap((e) => {
    if (e.dir || reported.has(e.path)) return [];
    const problem = expansionProblem(e.uncompressedSize, e.compressedSize);
    return problem ? [memberUnreadable(make, e.path, problem)] : [];
  });
}
