import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPORT_TYPES, parseExportFileName, parseExportJson } from '../../../src-shared/ingest/export-bundle';
import type { NormalizedRecord } from '../../../src-shared/ingest/types';
import { BUNDLE_DIR, FIXTURES, mapText } from './helpers';

const files = readdirSync(BUNDLE_DIR).sort();
const text = (file: string, dir = BUNDLE_DIR): string => gunzipSync(readFileSync(join(dir, file))).toString('utf8');

function loadAll(): NormalizedRecord[] {
  return files.flatMap((file) => {
    const { records, findings } = mapText(parseExportFileName(file)!.type, text(file), file);
    expect(findings, file).toEqual([]);
    return records;
  });
}

describe('bundle-2024-05-07: a whole, valid export bundle (platform-dump.md §2)', () => {
  it('holds one .json.gz per documented type, named `<YYYY-MM-DD_HHMM>_<type>.json.gz`', () => {
    const names = files.map((f) => parseExportFileName(f));
    expect(files.every((f) => f.endsWith('.json.gz'))).toBe(true);
    expect(names.map((n) => n?.type).sort()).toEqual(EXPORT_TYPES.map((t) => t.type).sort());
    expect(new Set(names.map((n) => n?.timestamp))).toEqual(new Set(['2024-05-07_0705', '2024-05-07_0706']));
  });

  it.each(files)('%s is strict JSON: a list of a few records, no tolerance needed', (file) => {
    const parsed = parseExportJson(text(file));
    expect(parsed.ok && parsed.tolerated).toEqual([]);
    expect(parsed.ok && parsed.value.length).toBeGreaterThan(0);
  });

  it('maps without a finding, into the §2 model types', () => {
    const byType = new Map<string, number>();
    for (const r of loadAll()) byType.set(r.modelType, (byType.get(r.modelType) ?? 0) + 1);
    expect(Object.fromEntries(byType)).toMatchObject({
      'data/HierarchyNode': 5,
      'device/cucm/User': 4,
      'device/cucm/Phone': 4,
      'device/cucm/DeviceProfile': 2,
      'device/spark/User': 2,
      'device/msteamsonline/CsOnlineUser': 2,
      'device/msgraph/MsolUser': 2,
      'export/hybrid': 1,
    });
  });

  it('has one hierarchy: every record sits at or under a customer of the bundle (the SKU catalog excepted)', () => {
    const records = loadAll();
    const customers = records.filter((r) => r.fields.node_type === 'Customer').map((r) => `${r.path}.${String(r.fields.name)}`);
    expect(customers).toEqual(['sys.hcs.CS-P.CS-NB.Customer1', 'sys.hcs.CS-P.CS-NB.Customer2']);
    const sites = records.filter((r) => r.fields.node_type === 'Site').map((r) => `${r.path}.${String(r.fields.name)}`);
    for (const r of records) {
      if (r.exportType === 'customer' || r.exportType === 'ms_o365_sku_service_plans') continue;
      expect(customers.some((c) => r.path === c || r.path.startsWith(`${c}.`)), `${r.file} #${r.index} at ${r.path}`).toBe(true);
      // A record with a site name lives at that site (site records themselves live at their parent).
      if (r.fields.location_name && r.exportType !== 'site') expect(sites, `${r.file} #${r.index}`).toContain(r.path);
    }
    expect(records.find((r) => r.exportType === 'ms_o365_sku_service_plans')?.path).toBe('');
  });

  it('links: phone users, owners, EM profiles and the hybrid user are subscribers of the bundle', () => {
    const records = loadAll();
    const users = new Set(records.filter((r) => r.modelType === 'device/cucm/User').map((r) => r.fields.userid));
    const named = records.flatMap((r) => {
      if (r.modelType === 'device/cucm/Phone') return [...(r.fields.usernames as string[]), r.fields.ownerUserName];
      if (r.modelType === 'device/cucm/DeviceProfile' || r.modelType === 'export/hybrid') return [r.fields.userid ?? r.fields.username];
      return [];
    });
    for (const name of named.filter((n) => n !== '')) expect(users, String(name)).toContain(name);
  });

  describe('is what make-bundle.mjs writes', () => {
    const out = mkdtempSync(join(tmpdir(), 'vlf-bundle-'));
    afterAll(() => rmSync(out, { recursive: true, force: true }));

    it('same files, same JSON', () => {
      execFileSync(process.execPath, [join(FIXTURES, 'make-bundle.mjs'), out], { stdio: 'pipe' });
      expect(readdirSync(out).sort()).toEqual(files);
      for (const f of files) expect(text(f, out), f).toBe(text(f));
    });
  });
});
