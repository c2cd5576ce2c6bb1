import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_TYPES, exportTypeInfo } from '../../../src-shared/ingest/export-bundle';

/** Guide §3.3.1–§3.3.23: section titles and file-name types, transcribed by hand as the oracle. */
const GUIDE_SECTIONS: ReadonlyArray<[string, string]> = [
  ['analogue_line_mgcp', 'Analogue line MGCP Data Export'],
  ['analogue_line_sccp', 'Analogue Line SCCP Data Export'],
  ['call_pickup_group', 'Call Pickup Group Data Export'],
  ['contact_center_enterprise', 'Contact Center Enterprise Data Export'],
  ['contact_center_express', 'Contact Center Express Data Export'],
  ['customer', 'Customer Data Export'],
  ['extension_mobility', 'Extension Mobility Data Export'],
  ['fmc', 'FMC Data Export'],
  ['hunt_group', 'Hunt Group Data Export'],
  ['hybrid', 'Hybrid Data Export'],
  ['line', 'Line Data Export'],
  ['phones', 'Phones Data Export'],
  ['site', 'Site Data Export'],
  ['subscriber', 'Subscriber Data Export'],
  ['webex_teams', 'Webex Teams Data Export'],
  ['webex_devices', 'Webex Devices Data Export'],
  ['webex_workspaces', 'Webex Workspaces Data Export'],
  ['ms_o365', 'MS Office 365 Data Export'],
  ['ms_o365_sku_service_plans', 'MS Office 365 Service Plans'],
  ['ms_teams', 'MS Teams Data Export'],
  ['ms_exchange', 'MS Exchange Data Export'],
  ['pexip_conference', 'Pexip Data Export'],
  ['voss_phone_servers', 'VOSS Phone Servers Data Export'],
];

/** Guide §3.2.1's `type` parameter list (20 names). */
const TYPE_PARAMETER_LIST = [
  'analogue_line_mgcp', 'analogue_line_sccp', 'call_pickup_group', 'contact_center_enterprise', 'contact_center_express',
  'customer', 'extension_mobility', 'fmc', 'hunt_group', 'hybrid', 'line', 'ms_o365', 'ms_teams', 'ms_exchange',
  'pexip_conference', 'phones', 'site', 'subscriber', 'voss_phone_servers', 'webex_teams',
];

describe('EXPORT_TYPES: the 23 documented export types (guide §3.3, platform-dump.md §2)', () => {
  it('has 23 types, as platform-dump.md §2 says and the guide has sections', () => {
    expect(EXPORT_TYPES).toHaveLength(23);
    expect(new Set(EXPORT_TYPES.map((t) => t.type)).size).toBe(23);
  });

  it('lists the guide sections in order, with their titles and section numbers', () => {
    expect(EXPORT_TYPES.map((t) => [t.type, t.title])).toEqual(GUIDE_SECTIONS);
    expect(EXPORT_TYPES.map((t) => t.section)).toEqual(GUIDE_SECTIONS.map((_, i) => `3.3.${i + 1}`));
  });

  it('marks the three types §3.2.1 does not list (webex_devices, webex_workspaces, ms_o365_sku_service_plans)', () => {
    expect(EXPORT_TYPES.filter((t) => t.inTypeList).map((t) => t.type).sort()).toEqual([...TYPE_PARAMETER_LIST].sort());
    expect(EXPORT_TYPES.filter((t) => !t.inTypeList).map((t) => t.type)).toEqual(['webex_devices', 'webex_workspaces', 'ms_o365_sku_service_plans']);
  });

  it('gives each type the fields of its layout table, without duplicates', () => {
    for (const t of EXPORT_TYPES) {
      expect(t.fields.length, t.type).toBeGreaterThan(0);
      expect(new Set(t.fields).size, t.type).toBe(t.fields.length);
    }
    expect(exportTypeInfo('customer')?.fields).toEqual(['provider_name', 'reseller_name', 'customer_name', 'hierarchy', 'account_id', 'external_id']);
    expect(exportTypeInfo('phones')?.fields).toEqual(expect.arrayContaining(['usernames', 'device_name', 'device_type', 'owner_username', 'add_on_modules.position']));
    expect(exportTypeInfo('ms_teams')?.fields).toEqual(expect.arrayContaining(['ms_teams_username', 'account_enabled', 'enterprise_voice', 'feature_types']));
    expect(exportTypeInfo('ms_o365_sku_service_plans')?.fields).toEqual(['sku_name', 'service_plans', 'service_plans.Service_Name']);
  });

  it('has no hierarchy column only in §3.3.18, 19, 20 and 23 (whose examples carry one, except §3.3.19)', () => {
    const without = EXPORT_TYPES.filter((t) => !t.fields.includes('hierarchy')).map((t) => t.type);
    expect(without).toEqual(['ms_o365', 'ms_o365_sku_service_plans', 'ms_teams', 'voss_phone_servers']);
  });

  it('knows no type that is not in the guide', () => {
    expect(exportTypeInfo('nbi-subscriber')).toBeUndefined();
    expect(exportTypeInfo('Customer')).toBeUndefined();
  });
});

/** When the seed guide is beside the repo (the workspace layout), check the transcription against it. */
const SEED = join(__dirname, '..', '..', '..', '..', 'shared', 'seeds', '001_de016ec124a01140.txt');

describe.skipIf(!existsSync(SEED))('EXPORT_TYPES against the guide text itself (§3.3 headings and file names)', () => {
  const text = existsSync(SEED) ? readFileSync(SEED, 'utf8') : '';

  it('matches every "3.3.N. Title" heading and its Filename line', () => {
    const sections = [...text.matchAll(/^3\.3\.(\d+)\. (.+)$[\s\S]*?^Filename: `?<YYYY-MM-DD_HHMM>_([a-z0-9_]+)\.json\.gz/gm)].map((m) => [m[3], m[2], `3.3.${m[1]}`]);
    expect(sections).toEqual(EXPORT_TYPES.map((t) => [t.type, t.title, t.section]));
  });

  it('matches the `type` list of §3.2.1', () => {
    const list = text.slice(text.indexOf('The `type` parameter values by subscriber group'), text.indexOf('The export file directory'));
    const names = [...list.matchAll(/^- `([a-z0-9_]+)`/gm)].map((m) => m[1]);
    expect(names).toEqual(TYPE_PARAMETER_LIST);
  });
});
