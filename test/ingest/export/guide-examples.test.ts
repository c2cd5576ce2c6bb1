import { describe, expect, it } from 'vitest';
import { EXPORT_TYPES, parseExportFileName, parseExportJson, type JsonTolerance } from '../../../src-shared/ingest/export-bundle';
import { guideFiles, mapText, readGuide } from './helpers';

type Expected =
  | { reads: number; modelType: string; tolerated?: JsonTolerance[] }
  | { error: [line: number, column: number]; says: string };

/** test/fixtures/exports/guide/README.md, row by row. */
const EXPECTED: Record<string, Expected> = {
  '2018-10-11_1236_analogue_line_mgcp.json': { reads: 3, modelType: 'export/analogue_line_mgcp' },
  '2018-10-11_1236_analogue_line_sccp.json': { reads: 1, modelType: 'export/analogue_line_sccp' },
  '2018-10-11_1236_call_pickup_group.json': { reads: 1, modelType: 'export/call_pickup_group' },
  '2018-10-11_1236_contact_center_enterprise.json': { reads: 1, modelType: 'device/ccdm/Agent' },
  '2018-10-11_1236_contact_center_express.json': { reads: 1, modelType: 'device/uccx/Agent' },
  '2018-10-11_1236_customer.json': { reads: 1, modelType: 'data/HierarchyNode' },
  '2018-10-11_1236_extension_mobility.json': { reads: 2, modelType: 'device/cucm/DeviceProfile' },
  '2018-10-11_1236_fmc.json': { error: [9, 5], says: "expected ',' or '}'" },
  '2018-10-11_1236_hunt_group.json': { error: [17, 5], says: "expected ',' or ']'" },
  '2018-10-11_1236_hybrid.json': { error: [19, 5], says: 'after the end of the top-level value' },
  '2018-10-11_1236_line.json': { reads: 1, modelType: 'export/line' },
  '2018-10-11_1236_phones.json': { reads: 3, modelType: 'device/cucm/Phone' },
  '2018-10-11_1236_site.json': { error: [3, 5], says: 'marks fields new in a version with `*`' },
  '2018-10-11_1236_subscriber.json': { error: [3, 5], says: 'marks fields new in a version with `*`' },
  '2018-10-11_1236_webex_teams.json': { reads: 1, modelType: 'device/spark/User' },
  '2018-10-11_1237_webex_teams.json': { reads: 1, modelType: 'device/spark/User', tolerated: ['trailing-comma'] },
  '2018-10-11_1236_webex_devices.json': { reads: 1, modelType: 'export/webex_devices', tolerated: ['single-object'] },
  '2018-10-11_1236_webex_workspaces.json': { error: [7, 91], says: 'line break or control character inside a quoted string' },
  '2018-10-11_1236_ms_o365.json': { error: [14, 7], says: "expected ',' or '}'" },
  '2018-10-11_1236_ms_o365_sku_service_plans.json': { reads: 1, modelType: 'export/ms_o365_sku_service_plans' },
  '2018-10-11_1236_ms_teams.json': { reads: 3, modelType: 'device/msteamsonline/CsOnlineUser', tolerated: ['python-literal'] },
  '2018-10-11_1236_ms_exchange.json': { error: [45, 1], says: 'the brackets do not match' },
  '2018-10-11_1236_pexip_conference.json': { reads: 1, modelType: 'device/pexip/Conference' },
  '2018-10-11_1236_voss_phone_servers.json': { reads: 2, modelType: 'data/PRS_MultiVendorPhone_DAT' },
};

/** The guide's `*` version marks removed, as a user would fix the example by hand. */
const withoutVersionMarks = (text: string): string => text.replace(/^(\s*)\*+ /gm, '$1');

describe('the guide\'s §3.3 examples (test/fixtures/exports/guide/README.md)', () => {
  it('has one example file per export type (two for §3.3.15), each with a valid export name', () => {
    const files = guideFiles();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
    const types = files.map((f) => parseExportFileName(f)?.type);
    expect(new Set(types)).toEqual(new Set(EXPORT_TYPES.map((t) => t.type)));
  });

  it.each(Object.entries(EXPECTED))('%s reads or fails as the README says', (file, expected) => {
    const parsed = parseExportJson(readGuide(file));
    if ('error' in expected) {
      expect(parsed.ok).toBe(false);
      if (parsed.ok) return;
      expect([parsed.line, parsed.column]).toEqual(expected.error);
      expect(parsed.error).toContain(expected.says);
      expect(parsed.error).toContain(`(line ${expected.error[0]}, column ${expected.error[1]})`);
      return;
    }
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.tolerated).toEqual(expected.tolerated ?? []);
    const type = parseExportFileName(file)!.type;
    const mapped = mapText(type, readGuide(file), file);
    expect(mapped.findings).toEqual([]);
    expect(mapped.records).toHaveLength(expected.reads);
    expect(new Set(mapped.records.map((r) => r.modelType))).toEqual(new Set([expected.modelType]));
  });

  it('an error offset points into the file at the place the README names', () => {
    const text = readGuide('2018-10-11_1236_fmc.json');
    const parsed = parseExportJson(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(text.slice(parsed.offset, parsed.offset + 11)).toBe('"username":');
  });

  it('§3.3.13 site: without the `*` marks it is strict JSON and a Site node', () => {
    const mapped = mapText('site', withoutVersionMarks(readGuide('2018-10-11_1236_site.json')));
    expect(mapped.findings).toEqual([]);
    expect(mapped.records).toHaveLength(1);
    expect(mapped.records[0]).toMatchObject({
      modelType: 'data/HierarchyNode',
      path: 'sys.hcs.CS-P.CS-NB.Varidion',
      fields: { name: 'Varidion-Reading', node_type: 'Site', voice_bandwith: '' },
    });
  });

  it('§3.3.14 subscriber: without the `*` marks it reads with the python-literal tolerance only', () => {
    const text = withoutVersionMarks(readGuide('2018-10-11_1236_subscriber.json'));
    const parsed = parseExportJson(text);
    expect(parsed.ok && parsed.tolerated).toEqual(['python-literal']);
    const [user] = mapText('subscriber', text).records;
    expect(user).toMatchObject({ modelType: 'device/cucm/User', fields: { userid: 'ba_user4', mailid: 'email@theinternet.com', imp_enabled: false, snr: false, voicemail: false } });
  });

  it('§3.3.20 ms_teams: the example\'s `feature_type` and Python `True` reach CsOnlineUser', () => {
    const records = mapText('ms_teams', readGuide('2018-10-11_1236_ms_teams.json')).records;
    expect(records.map((r) => r.fields.UserPrincipalName)).toEqual(['user_2@emailaccount.com', 'user_3@emailaccount.com', 'user_1@emailaccount.com']);
    for (const r of records) {
      expect(r.fields).toMatchObject({ AccountEnabled: true, FeatureTypes: ['Teams'], feature_type: ['Teams'] });
      expect(r.fields).not.toHaveProperty('EnterpriseVoiceEnabled');
    }
  });

  it('§3.3.19 sku service plans: no hierarchy in layout or example, kept at the empty path', () => {
    const [plan] = mapText('ms_o365_sku_service_plans', readGuide('2018-10-11_1236_ms_o365_sku_service_plans.json')).records;
    expect(plan).toMatchObject({ path: '', modelType: 'export/ms_o365_sku_service_plans', fields: { sku_name: 'MS_SERVICE_NAME_01' } });
  });
});
