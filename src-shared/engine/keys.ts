/**
 * How the engine compares things (counting-rules.md R8, R103, R104): keys
 * trimmed and lower-cased, blanks never matching; ties broken in code-point
 * order, the same way everywhere.
 */

/** R8/R103: the comparable form of a user name, user id, alias, e-mail or device name; '' (never matches) when blank. */
export function keyOf(value: string | null | undefined): string {
  return value ? value.trim().toLowerCase() : '';
}

/**
 * Code-point order (R90, R104). JavaScript's `<` compares UTF-16 code units,
 * which puts U+E000…U+FFFF after astral characters; this does not.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Only when both are in the surrogate/high-BMP zone can code units disagree with code points.
    if (x >= 0xd800 && y >= 0xd800) {
      const cx = a.codePointAt(i)!;
      const cy = b.codePointAt(i)!;
      return cx < cy ? -1 : cx > cy ? 1 : 0;
    }
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** R104 "sorts first": the R8 key, then the raw value, then the pkid, in code-point order. */
export function compareByKey(aRaw: string, aPkid: string, bRaw: string, bPkid: string): number {
  return compareCodePoints(keyOf(aRaw), keyOf(bRaw)) || compareCodePoints(aRaw, bRaw) || compareCodePoints(aPkid, bPkid);
}

/**
 * R8 keys as small integers: every user name, id, alias, e-mail and device
 * name of a count is trimmed, lower-cased and numbered once, so the joins of
 * a million users compare numbers instead of building strings. 0 is blank
 * (never matches anything).
 */
export class KeyTable {
  private readonly ids = new Map<string, number>();

  id(raw: string): number {
    if (!raw) return 0;
    const key = raw.trim().toLowerCase();
    if (!key) return 0;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size + 1;
      this.ids.set(key, id);
    }
    return id;
  }
}

/** Room for 2^27 distinct keys per count; rows above it (2^26 of them still fit a double exactly). */
const KEY_SPACE = 2 ** 27;

/** A (row, key) pair as one number: links never cross rows (R7). */
export function inRow(row: number, key: number): number {
  return row * KEY_SPACE + key;
}
