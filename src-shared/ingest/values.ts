/**
 * The loose value shapes of platform data (platform-dump.md §1), read one
 * way: lists that arrive as lists, single values or AXL-style wrappers;
 * booleans in six spellings; field names in any case.
 */

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A list-valued field as a list. `["a","b"]`, `{"device": ["a","b"]}` (AXL:
 * an object whose one member is the list) mean the same list; a single value
 * is a list of one, and so is `{"device": "a"}` (AXL writes a one-element list
 * as its element). Nothing (`null`, `undefined`, `''`, `{"device": null}`) is
 * an empty list. The elements themselves are returned as they are.
 */
export function asList(v: unknown): unknown[] {
  if (isNothing(v)) return [];
  if (Array.isArray(v)) return v;
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const only = v[keys[0]!];
      if (isNothing(only)) return [];
      if (Array.isArray(only)) return only;
      // A wrapper around one scalar: {"device": "SEP…"}. A wrapped object is
      // left alone: it may be a one-field record rather than a wrapper.
      if (!isPlainObject(only)) return [only];
    }
  }
  return [v];
}

function isNothing(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

/**
 * `true`/`false`, `"true"`/`"false"` and `"Y"`/`"N"` in any case (surrounding
 * blanks ignored), and the numbers `1`/`0`. Anything else — including `"1"`,
 * `"yes"` and `null` — is undefined, so a caller can tell "not given or not
 * understood" from "false".
 */
export function asBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
  if (typeof v !== 'string') return undefined;
  switch (v.trim().toLowerCase()) {
    case 'true':
    case 'y':
      return true;
    case 'false':
    case 'n':
      return false;
    default:
      return undefined;
  }
}

/** A field by name: the exact name first, then the first name that matches ignoring case (platform-dump.md §1). */
export function fieldOf(fields: Record<string, unknown>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(fields, name)) return fields[name];
  const lower = name.toLowerCase();
  for (const key in fields) {
    if (key.length === name.length && key.toLowerCase() === lower && Object.prototype.hasOwnProperty.call(fields, key)) {
      return fields[key];
    }
  }
  return undefined;
}
