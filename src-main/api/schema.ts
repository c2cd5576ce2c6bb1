/**
 * A small argument validator for the IPC boundary: every value from the
 * renderer is untrusted. Schemas return the value typed, or throw an
 * ArgumentError naming the field and what was expected. Objects are strict:
 * an unknown key is refused (a typo in the renderer shows up at once).
 */
import { isAbsolute } from 'node:path';

export class ArgumentError extends Error {}

export type Schema<T> = (value: unknown, at: string) => T;
export type OptionalSchema<T> = Schema<T | undefined> & { readonly optional: true };
type Infer<S> = S extends Schema<infer T> ? T : never;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? 'a long string' : `"${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
}

function fail(at: string, expected: string, value: unknown): never {
  throw new ArgumentError(`${at} must be ${expected}, not ${describe(value)}`);
}

export function str(options: { min?: number; max?: number } = {}): Schema<string> {
  const min = options.min ?? 0;
  const max = options.max ?? 10_000;
  return (v, at) => {
    if (typeof v !== 'string') fail(at, 'a string', v);
    if (v.length < min) fail(at, min === 1 ? 'a non-empty string' : `at least ${min} characters`, v);
    if (v.length > max) fail(at, `at most ${max} characters`, v);
    return v;
  };
}

export function num(options: { integer?: boolean; min?: number; max?: number } = {}): Schema<number> {
  return (v, at) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(at, 'a number', v);
    if (options.integer && !Number.isInteger(v)) fail(at, 'a whole number', v);
    if (options.min !== undefined && v < options.min) fail(at, `at least ${options.min}`, v);
    if (options.max !== undefined && v > options.max) fail(at, `at most ${options.max}`, v);
    return v;
  };
}

export const bool: Schema<boolean> = (v, at) => (typeof v === 'boolean' ? v : fail(at, 'true or false', v));

export function oneOf<const T extends readonly string[]>(values: T): Schema<T[number]> {
  return (v, at) => ((values as readonly unknown[]).includes(v) ? (v as T[number]) : fail(at, `one of ${values.map((x) => `"${x}"`).join(', ')}`, v));
}

/** An absolute file or folder path: paths come from dialogs and drops, so a relative one is a bug (it would resolve against the app's folder). */
export const filePath: Schema<string> = (v, at) => {
  const s = str({ min: 1, max: 4096 })(v, at);
  if (s.includes('\0')) fail(at, 'a path without NUL characters', v);
  if (!isAbsolute(s)) fail(at, 'an absolute path', v);
  return s;
};

export function arr<T>(item: Schema<T>, options: { min?: number; max?: number } = {}): Schema<T[]> {
  return (v, at) => {
    if (!Array.isArray(v)) fail(at, 'an array', v);
    if (options.min !== undefined && v.length < options.min) fail(at, `a list of at least ${options.min}`, v);
    if (options.max !== undefined && v.length > options.max) fail(at, `a list of at most ${options.max}`, v);
    return v.map((x, i) => item(x, `${at}[${i}]`));
  };
}

export function optional<T>(schema: Schema<T>): OptionalSchema<T> {
  const s = (v: unknown, at: string) => (v === undefined ? undefined : schema(v, at));
  return Object.assign(s, { optional: true as const });
}

export function nullable<T>(schema: Schema<T>): Schema<T | null> {
  return (v, at) => (v === null ? null : schema(v, at));
}

type Shape = Record<string, Schema<unknown>>;
type RequiredKeys<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? never : K }[keyof S];
type OptionalKeys<S extends Shape> = Exclude<keyof S, RequiredKeys<S>>;
export type ObjectOf<S extends Shape> = { [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined> };

export function obj<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  return (v, at) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(at, 'an object', v);
    const input = v as Record<string, unknown>;
    for (const key of Object.keys(input)) {
      if (!Object.hasOwn(shape, key)) throw new ArgumentError(`${at}.${key} is not an argument here (expected ${Object.keys(shape).join(', ') || 'none'})`);
    }
    const out: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(shape)) {
      const value = schema(input[key], `${at}.${key}`);
      if (value !== undefined) out[key] = value;
    }
    return out as ObjectOf<S>;
  };
}

/** The first alternative that accepts the value; the error lists why each refused. */
export function either<A, B>(a: Schema<A>, b: Schema<B>, expected: string): Schema<A | B> {
  return (v, at) => {
    try {
      return a(v, at);
    } catch (ea) {
      try {
        return b(v, at);
      } catch (eb) {
        throw new ArgumentError(`${at} must be ${expected} (${(ea as Error).message}; ${(eb as Error).message})`);
      }
    }
  };
}
