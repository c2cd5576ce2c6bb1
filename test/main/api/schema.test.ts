import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../../src-shared/api/contract';
import { ARG_SCHEMAS } from '../../../src-main/api/arg-schemas';
import { dispatch, validateArgs } from '../../../src-main/api/dispatch';
import type { Handlers } from '../../../src-shared/api/contract';
import { arr, ArgumentError, either, filePath, num, obj, oneOf, optional, str } from '../../../src-main/api/schema';

const abs = process.platform === 'win32' ? 'C:\\audits\\a.zip' : '/audits/a.zip';

describe('schema helpers', () => {
  it('accept good values and return them typed', () => {
    const s = obj({ name: str({ min: 1 }), n: optional(num({ integer: true, min: 0 })), kind: oneOf(['a', 'b'] as const) });
    expect(s({ name: 'x', kind: 'b' }, 'args')).toEqual({ name: 'x', kind: 'b' });
    expect(s({ name: 'x', n: 3, kind: 'a' }, 'args')).toEqual({ name: 'x', n: 3, kind: 'a' });
  });

  it('name the field and what was expected', () => {
    const s = obj({ paths: arr(filePath, { min: 1 }) });
    expect(() => s({ paths: [abs, 7] }, 'args')).toThrow('args.paths[1] must be a string, not 7');
    expect(() => s({ paths: [] }, 'args')).toThrow('args.paths must be a list of at least 1');
    expect(() => s({ paths: ['relative/a.zip'] }, 'args')).toThrow('args.paths[0] must be an absolute path');
    expect(() => s('nope', 'args')).toThrow('args must be an object, not "nope"');
  });

  it('refuse unknown keys, NaN, fractions and wrong literals', () => {
    expect(() => obj({ id: num() })({ id: 1, extra: true }, 'args')).toThrow('args.extra is not an argument here (expected id)');
    expect(() => num()(Number.NaN, 'x')).toThrow('x must be a number');
    expect(() => num({ integer: true })(1.5, 'x')).toThrow('x must be a whole number, not 1.5');
    expect(() => oneOf(['legacy', 'v5'] as const)('v6', 'x')).toThrow('x must be one of "legacy", "v5", not "v6"');
    expect(() => filePath('/a\0b', 'p')).toThrow(ArgumentError);
  });

  it('either explains both refusals', () => {
    const s = either(obj({ sourceId: num() }), obj({ path: filePath }), '{sourceId} or {path}');
    expect(s({ sourceId: 2 }, 'src')).toEqual({ sourceId: 2 });
    expect(() => s({ sourceId: '2' }, 'src')).toThrow(/src must be \{sourceId\} or \{path\} \(src.sourceId must be a number/);
  });
});

describe('channel argument schemas', () => {
  it('exist for every channel of the contract, and only for those', () => {
    expect(Object.keys(ARG_SCHEMAS).sort()).toEqual([...CHANNELS].sort());
  });

  it.each<[Channel, unknown]>([
    ['import/run', { jobId: 'j', paths: [abs] }],
    ['verify/run', { jobId: 'j', paths: [abs], expectProvider: 'Acme' }],
    ['count/run', { jobId: 'j', source: { sourceId: 3 } }],
    ['count/run', { jobId: 'j', source: { path: abs, as: 'dump' }, fromHierarchy: 'sys.acme' }],
    ['count/users', { countId: 'c', query: { status: 'Licensed', limit: 100, column: 'Multiple Phones' } }],
    ['library/retention', { days: null }],
    ['library/retention', {}],
    ['export/save', { suggestedName: 'counts.csv', content: 'a,b\n' }],
    ['app/info', {}],
  ])('%s accepts %j', (channel, args) => {
    expect(() => validateArgs(channel, args)).not.toThrow();
  });

  it.each<[Channel, unknown, RegExp]>([
    ['import/run', { jobId: 'j', paths: 'a.zip' }, /args.paths must be an array/],
    ['import/run', { jobId: 'j', paths: [abs], as: 'csv' }, /args.as must be one of "dump", "export", "audit"/],
    ['library/archive', { id: '3' }, /args.id must be a number/],
    ['library/archive', { id: 0 }, /args.id must be at least 1/],
    ['count/users', { countId: 'c', query: { limit: 5000 } }, /args.query.limit must be at most 1000/],
    ['count/users', { countId: 'c', query: { column: 'Bogus' } }, /args.query.column must be one of/],
    ['count/csv', { countId: 'c', format: 'legacy', view: 'full' }, /args.view must be one of "detailed", "anonymous"/],
    ['export/save', { suggestedName: '../etc/passwd', content: '' }, /must be a file name without folders/],
    ['anonymize/save', { jobId: 'j', input: abs }, /args.outDir must be a string, not undefined/],
    ['app/info', { x: 1 }, /args.x is not an argument here/],
    ['job/cancel', {}, /args.jobId must be a string/],
  ])('%s refuses %j', (channel, args, message) => {
    expect(() => validateArgs(channel, args)).toThrow(message);
  });
});

describe('dispatch', () => {
  const calls: unknown[] = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_t, channel) => async (args: unknown) => {
      calls.push([channel, args]);
      if (channel === 'library/purge') throw new Error('disk on fire');
      return 'done';
    },
  });

  it('calls the handler with validated arguments', async () => {
    await expect(dispatch(handlers, 'library/archive', { id: 4 })).resolves.toEqual({ ok: true, value: 'done' });
    expect(calls).toContainEqual(['library/archive', { id: 4 }]);
  });

  it('never reaches the handler with bad arguments or an unknown channel', async () => {
    calls.length = 0;
    const bad = await dispatch(handlers, 'library/archive', { id: 'x' });
    expect(bad).toEqual({ ok: false, error: { code: 'invalid-args', message: 'library/archive: args.id must be a number, not "x"' } });
    const unknown = await dispatch(handlers, 'fs/readFile', { path: '/etc/passwd' });
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.error.code).toBe('invalid-args');
    expect(calls).toEqual([]);
  });

  it('turns an unexpected error into an internal ApiError without a stack', async () => {
    const logged: string[] = [];
    const res = await dispatch(handlers, 'library/purge', { id: 1 }, (m) => logged.push(m));
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('internal');
      expect(res.error.message).toContain('disk on fire');
      expect(res.error.message).not.toMatch(/\n\s+at /);
    }
    expect(logged[0]).toMatch(/library\/purge: Error: disk on fire\n\s+at /);
  });
});
