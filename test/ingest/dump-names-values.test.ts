import { describe, expect, it } from 'vitest';
import {
  canonicalModelType,
  isDumpDataFileName,
  MODEL_TYPES,
  modelTypeFromFileName,
  parseDumpFileName,
} from '../../src-shared/ingest/model-types';
import { asBoolean, asList, fieldOf } from '../../src-shared/ingest/values';

describe('modelTypeFromFileName (platform-dump.md §1 "File names")', () => {
  it.each([
    ['data.User.json', 'data/User'],
    ['device.cucm.Phone.page-2.json.gz', 'device/cucm/Phone'],
    ['device.msteamsonline.CsOnlineUser.jsonl', 'device/msteamsonline/CsOnlineUser'],
    ['device.msteamsonline.CsOnlineUser.ndjson.gz', 'device/msteamsonline/CsOnlineUser'],
    ['DEVICE.CUCM.PHONE.JSON', 'device/cucm/Phone'],
    ['Device.Cuc.User.Json.GZ', 'device/cuc/User'],
    ['device.spark.UserConfig.json', 'device/spark/UserConfig'],
    ['device.spark.User.config.json', 'device/spark/User'],
    ['data.PRS_MultiVendorPhone_DAT.2024-05-01.json', 'data/PRS_MultiVendorPhone_DAT'],
    ['some/folder/data.HierarchyNode.json', 'data/HierarchyNode'],
    ['some\\folder\\device.azureadonline.MsolUser.json', 'device/azureadonline/MsolUser'],
  ])('%s → %s', (name, type) => {
    expect(modelTypeFromFileName(name)).toBe(type);
  });

  it.each([
    'data.Users.json',
    'data.User.txt',
    'data.User.gz',
    'data.User.json.zip',
    'device.cucm.Line.json',
    'cucm.Phone.json',
    'data.User',
    'meta.json',
    '.json',
    'device.spark.UserConfigs.json',
  ])('%s names no known model type', (name) => {
    expect(modelTypeFromFileName(name)).toBeUndefined();
    expect(isDumpDataFileName(name)).toBe(false);
  });

  it('knows every type of the spec table, each from its own dotted name, in any case', () => {
    expect(MODEL_TYPES).toHaveLength(20);
    for (const t of MODEL_TYPES) {
      const dotted = t.replace(/\//g, '.');
      expect(modelTypeFromFileName(`${dotted}.json`)).toBe(t);
      expect(modelTypeFromFileName(`${dotted.toUpperCase()}.page-1.JSONL.gz`)).toBe(t);
      expect(canonicalModelType(t.toLowerCase())).toBe(t);
    }
  });

  it('tells the format and compression from the extension', () => {
    expect(parseDumpFileName('data.User.json')).toEqual({ modelType: 'data/User', format: 'json', gzip: false });
    expect(parseDumpFileName('data.User.x.ndjson.gz')).toEqual({ modelType: 'data/User', format: 'jsonl', gzip: true });
    expect(parseDumpFileName('data.User.JSONL')).toEqual({ modelType: 'data/User', format: 'jsonl', gzip: false });
  });
});

describe('asList: a list, a single value, or a one-member wrapper mean the same list', () => {
  it.each<[string, unknown, unknown[]]>([
    ['a list', ['SEP1', 'SEP2'], ['SEP1', 'SEP2']],
    ['an empty list', [], []],
    ['a single string', 'SEP1', ['SEP1']],
    ['a single number', 7, [7]],
    ['false', false, [false]],
    ['0', 0, [0]],
    ['an AXL wrapper', { device: ['SEP1', 'SEP2'] }, ['SEP1', 'SEP2']],
    ['an AXL wrapper around one value', { device: 'SEP1' }, ['SEP1']],
    ['an AXL wrapper around nothing', { device: null }, []],
    ['an AXL wrapper around an empty list', { device: [] }, []],
    ['an AXL wrapper around an empty string', { device: '' }, []],
    ['null', null, []],
    ['undefined', undefined, []],
    ["''", '', []],
    ['a one-field record (kept as one element)', { name: { first: 'x' } }, [{ name: { first: 'x' } }]],
    ['an object of several fields (one element)', { name: 'SEP1', product: 'Cisco 8841' }, [{ name: 'SEP1', product: 'Cisco 8841' }]],
    ['an empty object', {}, [{}]],
  ])('%s', (_what, input, expected) => {
    expect(asList(input)).toEqual(expected);
  });
});

describe('asBoolean: the spellings of platform-dump.md §1', () => {
  it.each<[unknown, boolean | undefined]>([
    [true, true],
    [false, false],
    ['true', true],
    ['false', false],
    ['True', true],
    ['False', false],
    ['TRUE', true],
    ['fAlSe', false],
    ['Y', true],
    ['N', false],
    ['y', true],
    ['n', false],
    [' Y ', true],
    [1, true],
    [0, false],
    ['1', undefined],
    ['0', undefined],
    ['yes', undefined],
    ['no', undefined],
    [2, undefined],
    [-1, undefined],
    [0.5, undefined],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
    [[true], undefined],
    [{ value: true }, undefined],
  ])('%j → %s', (input, expected) => {
    expect(asBoolean(input)).toBe(expected);
  });
});

describe('fieldOf: exact name first, then ignoring case', () => {
  it('prefers the exact name', () => {
    expect(fieldOf({ userid: 'exact', UserID: 'other' }, 'userid')).toBe('exact');
    expect(fieldOf({ UserID: 'other', userid: 'exact' }, 'userid')).toBe('exact');
  });
  it('falls back to a name in another case', () => {
    expect(fieldOf({ userPrincipalName: 'a@x' }, 'UserPrincipalName')).toBe('a@x');
    expect(fieldOf({ EMAIL: 'a@x' }, 'email')).toBe('a@x');
  });
  it('is undefined when absent, and does not read inherited properties', () => {
    expect(fieldOf({ name: 'x' }, 'email')).toBeUndefined();
    expect(fieldOf({}, 'toString')).toBeUndefined();
    expect(fieldOf({}, 'constructor')).toBeUndefined();
  });
  it('returns the value as it is, null included', () => {
    expect(fieldOf({ Email: null }, 'email')).toBeNull();
  });
});
