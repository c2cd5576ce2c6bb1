import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type GenOptions, type GenSummary, generateDump, parseGenArgs } from '../../src-main/tools/gen-dump';
import { asBoolean, asList, fieldOf } from '../../src-shared/ingest/values';
import { filesUnder, type ReadAll, readAll, tempDir } from './dump-support';

async function generate(over: Partial<GenOptions> = {}): Promise<{ dir: string; summary: GenSummary }> {
  const dir = join(tempDir(), 'dump');
  const summary = await generateDump({ users: 1000, out: dir, seed: 7, gzip: false, jsonl: false, apiShape: false, pages: 1, ...over });
  return { dir, summary };
}

function fileHashes(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(dir).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

function expectReadsAsWritten(read: ReadAll, summary: GenSummary): void {
  expect(read.findings.filter((f) => f.severity === 'ERROR')).toEqual([]);
  expect(read.complete).toBe(true);
  const readCounts = Object.fromEntries(Object.entries(read.tallies).map(([t, n]) => [t, n.read]));
  expect(readCounts).toEqual(summary.counts);
  for (const t of Object.values(read.tallies)) expect(t.skipped).toBe(0);
  const derived = read.records.filter((r) => r.pkidDerived).length;
  expect(derived).toBe(summary.withoutPkid);
}

describe('gen-dump: --users 1000', () => {
  it('writes a dump readDump reads with no ERROR and the counts it wrote', async () => {
    const { dir, summary } = await generate();
    const read = await readAll(dir);
    expectReadsAsWritten(read, summary);
    expect(summary.counts['data/User']).toBe(1000);
    expect(summary.counts['device/cucm/User']).toBeGreaterThan(900);
    expect(summary.counts['device/cucm/User']).toBeLessThan(1000);
    expect(summary.counts['device/cucm/Phone']).toBeGreaterThan(1300);
    expect(summary.counts['device/cucm/Phone']).toBeLessThan(1700);
    for (const [type, n] of Object.entries(summary.counts)) expect([type, n > 0]).toEqual([type, true]);
    expect(read.skippedFiles).toEqual([{ file: 'device.cucm.Line.json', reason: expect.any(String) }]);
    expect(read.meta['Date Time']).toBe('2025-10-01 03:00');
    expect(read.meta['Provider Name']).toBe('CS-P');
  });

  it('is deterministic: the same seed gives the same bytes, another seed others', async () => {
    const a = await generate({ gzip: true });
    const b = await generate({ gzip: true });
    const c = await generate({ gzip: true, seed: 8 });
    expect(fileHashes(b.dir)).toEqual(fileHashes(a.dir));
    expect(fileHashes(c.dir)).not.toEqual(fileHashes(a.dir));
  });

  it.each<[string, Partial<GenOptions>]>([
    ['--gzip --jsonl', { gzip: true, jsonl: true }],
    ['--api-shape --pages 3', { apiShape: true, pages: 3 }],
    ['--api-shape --gzip --pages 2', { apiShape: true, gzip: true, pages: 2 }],
    ['--jsonl --pages 2', { jsonl: true, pages: 2 }],
  ])('%s is read in full too', async (_flags, over) => {
    const { dir, summary } = await generate(over);
    expectReadsAsWritten(await readAll(dir), summary);
    const ext = `${over.jsonl ? '.jsonl' : '.json'}${over.gzip ? '.gz' : ''}`;
    const pages = over.pages ?? 1;
    expect(summary.files).toContain(`device.cucm.Phone${pages > 1 ? `.page-${pages}` : ''}${ext}`);
  });

  it('--api-shape writes API list answers with pagination first, every instance in the API shape', async () => {
    const { dir } = await generate({ apiShape: true, pages: 2 });
    const page2 = JSON.parse(readFileSync(join(dir, 'device.cucm.Phone.page-2.json'), 'utf8')) as { pagination: Record<string, number>; resources: unknown[] };
    const page1 = JSON.parse(readFileSync(join(dir, 'device.cucm.Phone.page-1.json'), 'utf8')) as { pagination: Record<string, number>; resources: unknown[] };
    expect(Object.keys(page2)[0]).toBe('pagination');
    expect(page2.pagination['skip']).toBe(page1.resources.length);
    expect(page2.pagination['limit']).toBe(page2.resources.length);
    expect(page2.pagination['total']).toBe(page1.resources.length + page2.resources.length);
    const read = await readAll(dir);
    expect(read.records.every((r) => r.rawJson.includes('"meta"'))).toBe(true);
  });

  it('has the variety of platform-dump.md §1', async () => {
    const { dir } = await generate();
    const { records } = await readAll(dir);
    const of = (type: string) => records.filter((r) => r.modelType === type);

    // Flat and API-shaped instances, meta.path and meta.hierarchy, pkids in each place.
    expect(records.some((r) => r.rawJson.startsWith('{"meta"'))).toBe(true);
    expect(records.some((r) => r.rawJson.includes('"hierarchy":"sys'))).toBe(true);
    expect(records.some((r) => /"meta":\{[^}]*"hierarchy"/.test(r.rawJson))).toBe(true);
    expect(records.some((r) => r.rawJson.includes('"data":{"pkid"'))).toBe(true);

    // Hierarchy: providers, resellers, customers, sites; customer flags.
    const nodes = of('data/HierarchyNode');
    const typeName = (v: unknown) => (typeof v === 'string' ? v.split('/').pop() : (v as { name: string }).name);
    const nodeTypes = new Set(nodes.map((n) => typeName(n.fields['node_type'])));
    expect([...nodeTypes].sort()).toEqual(['Customer', 'Intermediate', 'Provider', 'Reseller', 'Site']);
    expect(nodes.filter((n) => typeName(n.fields['node_type']) === 'Provider')).toHaveLength(3);
    expect(nodes.some((n) => asBoolean(n.fields['public_sector']) === true)).toBe(true);
    expect(nodes.some((n) => n.fields['inactive_billing'] !== undefined)).toBe(true);
    expect(new Set(of('data/User').map((u) => u.path.split('.').slice(0, 5).join('.'))).size).toBeGreaterThanOrEqual(6);

    // associatedDevices in all three list shapes, and they name real phones.
    const devices = of('device/cucm/User').map((u) => fieldOf(u.fields, 'associatedDevices'));
    expect(devices.some(Array.isArray)).toBe(true);
    expect(devices.some((d) => typeof d === 'string')).toBe(true);
    expect(devices.some((d) => d !== null && typeof d === 'object' && !Array.isArray(d))).toBe(true);
    const phoneNames = new Set(of('device/cucm/Phone').map((p) => p.fields['name']));
    for (const d of devices) for (const name of asList(d)) expect(phoneNames.has(name)).toBe(true);

    // Phone kinds, phones without an owner, phones whose owner is not a user.
    const phones = of('device/cucm/Phone');
    const products = new Set(phones.map((p) => p.fields['product']));
    for (const p of ['Cisco Unified Client Services Framework', 'CTI Port', 'Analog Phone', 'Cisco Spark Remote Device']) expect(products).toContain(p);
    const usernames = new Set(of('data/User').map((u) => u.fields['username']));
    const owners = phones.map((p) => fieldOf(p.fields, 'ownerUserName'));
    expect(owners.some((o) => o === undefined || o === null || o === '')).toBe(true);
    expect(owners.some((o) => typeof o === 'string' && o !== '' && !usernames.has(o))).toBe(true);

    // Booleans in every spelling; FeatureTypes in several shapes.
    const spellings = new Set(of('device/msteamsonline/CsOnlineUser').map((u) => JSON.stringify(u.fields['AccountEnabled'])));
    for (const s of ['true', '"true"', '"True"', '"Y"', '1', 'false']) expect(spellings).toContain(s);
    const features = of('device/msteamsonline/CsOnlineUser').map((u) => u.fields['FeatureTypes']);
    expect(features.some(Array.isArray)).toBe(true);
    expect(features.some((f) => f !== null && typeof f === 'object' && !Array.isArray(f))).toBe(true);

    // Field names in another case, found by fieldOf.
    expect(records.some((r) => 'userPrincipalName' in r.fields || 'userprincipalname' in r.fields || 'MailID' in r.fields || 'mailId' in r.fields)).toBe(true);
    // All three MsolUser types, spark places with a calling type.
    for (const t of ['device/msgraph/MsolUser', 'device/azureadonline/MsolUser', 'device/msonline/MsolUser']) expect(of(t).length).toBeGreaterThan(0);
    expect(of('device/spark/Place').every((p) => typeof (p.fields['calling'] as { type?: unknown }).type === 'string')).toBe(true);
  });

  it('refuses a folder that is not empty', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'old.json'), '[]');
    await expect(generateDump({ users: 1, out: dir, seed: 1, gzip: false, jsonl: false, apiShape: false, pages: 1 })).rejects.toThrow('not empty');
  });
});

describe('gen-dump: arguments', () => {
  it('reads the options, with defaults', () => {
    expect(parseGenArgs(['--users', '1000000', '--out', 'big'])).toEqual({ users: 1000000, out: 'big', seed: 1, gzip: false, jsonl: false, apiShape: false, pages: 1 });
    expect(parseGenArgs(['--out', 'x', '--users', '5', '--seed', '42', '--gzip', '--jsonl', '--api-shape', '--pages', '4'])).toEqual({
      users: 5,
      out: 'x',
      seed: 42,
      gzip: true,
      jsonl: true,
      apiShape: true,
      pages: 4,
    });
  });

  it.each<[string[], string]>([
    [['--out', 'x'], '--users is required'],
    [['--users', '5'], '--out is required'],
    [['--users', 'many', '--out', 'x'], '--users needs a whole number'],
    [['--users', '5', '--out', 'x', '--pages', '0'], '--pages needs a whole number of at least 1'],
    [['--users', '5', '--out', 'x', '--zip'], 'unknown option --zip'],
    [['--users', '5', '--out'], '--out needs a folder'],
  ])('%j → %s', (argv, message) => {
    expect(() => parseGenArgs(argv)).toThrow(message);
  });
});
