import { describe, expect, it } from 'vitest';
import { createNodeHasher } from '../../src-main/services/node-hasher';
import { derivePkid, normalizeInstance, type NormalizeContext } from '../../src-shared/ingest/normalize';

const PATH = 'sys.hcs.CS-P.CS-NB.Customer1.Site1';

function ctx(instance: unknown, over: Partial<NormalizeContext> = {}): NormalizeContext {
  return { modelType: 'device/cucm/User', file: 'device.cucm.User.json', index: 4, rawJson: JSON.stringify(instance), createHasher: createNodeHasher, ...over };
}

function ok(instance: unknown, over: Partial<NormalizeContext> = {}) {
  const r = normalizeInstance(instance, ctx(instance, over));
  if (!r.ok) throw new Error(`expected ok, got ${r.finding.message}`);
  return r;
}

function fail(instance: unknown, over: Partial<NormalizeContext> = {}) {
  const r = normalizeInstance(instance, ctx(instance, over));
  if (r.ok) throw new Error('expected a finding');
  return r.finding;
}

describe('normalizeInstance: flat and API shape (platform-dump.md §1 "Instances")', () => {
  it('reads a flat instance: pkid, hierarchy, fields are the instance itself', () => {
    const flat = { pkid: '64d4b7', hierarchy: PATH, userid: 'jdoe' };
    const { record, findings } = ok(flat);
    expect(findings).toEqual([]);
    expect(record).toEqual({
      modelType: 'device/cucm/User',
      pkid: '64d4b7',
      pkidDerived: false,
      path: PATH,
      fields: flat,
      rawJson: JSON.stringify(flat),
      file: 'device.cucm.User.json',
      index: 4,
    });
  });

  it('reads an API-shaped instance: pkid from meta.references.self, path from meta.path, fields are data', () => {
    const api = {
      meta: { model_type: 'device/cucm/User', path: PATH, references: { self: [{ pkid: '64d4b7', href: '/api/device/cucm/User/64d4b7' }] } },
      data: { userid: 'jdoe' },
    };
    const { record } = ok(api);
    expect(record.pkid).toBe('64d4b7');
    expect(record.path).toBe(PATH);
    expect(record.fields).toEqual({ userid: 'jdoe' });
  });

  it('takes pkid first, then data.pkid, then meta.references.self[0].pkid', () => {
    const refs = { self: [{ pkid: 'from-self' }, { pkid: 'second' }] };
    expect(ok({ pkid: 'top', hierarchy: PATH, data: { pkid: 'data' }, meta: { references: refs } }).record.pkid).toBe('top');
    expect(ok({ hierarchy: PATH, data: { pkid: 'data' }, meta: { references: refs } }).record.pkid).toBe('data');
    expect(ok({ hierarchy: PATH, data: {}, meta: { references: refs } }).record.pkid).toBe('from-self');
  });

  it('takes hierarchy first, then meta.path, then meta.hierarchy', () => {
    expect(ok({ pkid: 'p', hierarchy: 'a.b', meta: { path: 'c.d', hierarchy: 'e.f' } }).record.path).toBe('a.b');
    expect(ok({ pkid: 'p', meta: { path: 'c.d', hierarchy: 'e.f' } }).record.path).toBe('c.d');
    expect(ok({ pkid: 'p', meta: { hierarchy: 'e.f' } }).record.path).toBe('e.f');
  });

  it('trims blanks around pkid and path, and treats blank ones as missing', () => {
    const { record } = ok({ pkid: ' p1 ', hierarchy: ` ${PATH}\t` });
    expect(record.pkid).toBe('p1');
    expect(record.path).toBe(PATH);
    expect(ok({ pkid: '  ', hierarchy: '', meta: { path: PATH } }).record.pkidDerived).toBe(true);
  });

  it('accepts the structural keys in another case', () => {
    const { record } = ok({ PKID: 'p2', Hierarchy: PATH, userid: 'x' });
    expect(record.pkid).toBe('p2');
    expect(record.path).toBe(PATH);
  });

  it('uses the instance as fields when data is not an object', () => {
    const odd = { pkid: 'p', hierarchy: PATH, data: 'text' };
    expect(ok(odd).record.fields).toBe(odd);
  });
});

describe('normalizeInstance: what is reported', () => {
  it('an instance without pkid gets a stable derived id (sha256 of type, path, content: 24 hex) and a warning', () => {
    const noPkid = { hierarchy: PATH, userid: 'jdoe' };
    const a = ok(noPkid);
    const b = ok(noPkid);
    expect(a.record.pkidDerived).toBe(true);
    expect(a.record.pkid).toMatch(/^[0-9a-f]{24}$/);
    expect(a.record.pkid).toBe(b.record.pkid);
    expect(a.record.pkid).toBe(derivePkid(createNodeHasher, 'device/cucm/User', PATH, JSON.stringify(noPkid)));
    expect(ok({ hierarchy: PATH, userid: 'other' }).record.pkid).not.toBe(a.record.pkid);
    expect(ok(noPkid, { modelType: 'data/User' }).record.pkid).not.toBe(a.record.pkid);
    expect(a.findings).toEqual([
      { severity: 'WARN', file: 'device.cucm.User.json', location: 'record 5', message: expect.stringContaining(a.record.pkid) },
    ]);
  });

  it('an instance without hierarchy path is an error naming the record, never guessed', () => {
    const f = fail({ pkid: 'p', userid: 'jdoe', data: { hierarchy: PATH } });
    expect(f).toEqual({ severity: 'ERROR', file: 'device.cucm.User.json', location: 'record 5', message: expect.stringContaining('no hierarchy path') });
  });

  it('a path that is not text counts as missing', () => {
    expect(fail({ pkid: 'p', hierarchy: { path: PATH } }).message).toContain('no hierarchy path');
  });

  it('meta.model_type that disagrees with the file is an error; agreeing in another case is fine', () => {
    const wrong = fail({ meta: { model_type: 'device/cucm/Phone', path: PATH }, data: { pkid: 'p' } });
    expect(wrong.severity).toBe('ERROR');
    expect(wrong.message).toContain('device/cucm/Phone');
    expect(wrong.message).toContain('device/cucm/User');
    expect(ok({ meta: { model_type: 'Device/CUCM/user', path: PATH }, data: { pkid: 'p' } }).record.pkid).toBe('p');
  });

  it('an unknown meta.model_type is an error too', () => {
    expect(fail({ meta: { model_type: 'device/cucm/Foo', path: PATH }, data: { pkid: 'p' } }).message).toContain('device/cucm/Foo');
  });

  it.each<[string, unknown]>([
    ['a string', 'text'],
    ['a number', 12],
    ['null', null],
    ['a list', [{ pkid: 'p', hierarchy: PATH }]],
    ['a boolean', true],
  ])('%s is not an instance: an error', (what, value) => {
    const f = fail(value);
    expect(f.severity).toBe('ERROR');
    expect(f.message).toContain(what === 'a boolean' ? 'a boolean' : what);
  });

  it('uses the location given (JSON lines pass the line)', () => {
    expect(fail({ pkid: 'p' }, { location: 'line 9' }).location).toBe('line 9');
  });
});
