import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createNodeHasher } from '../../../src-main/services/node-hasher';
import {
  EXPORT_DERIVED_PKID_MESSAGE,
  EXPORT_TYPES,
  derivePkid,
  exportMapping,
  mapExportElement,
} from '../../../src-shared/ingest/export-bundle';
import type { NormalizedRecord } from '../../../src-shared/ingest/types';
import { mapOne } from './helpers';

const SITE = 'sys.hcs.CS-P.CS-NB.Customer1.Boston';
const loc = { provider_name: 'CS-P', reseller_name: 'CS-NB', customer_name: 'Customer1', division_name: '', location_name: 'Boston', hierarchy: SITE };

function only(type: string, value: Record<string, unknown>, index = 0): NormalizedRecord {
  const { records, findings } = mapOne(type, value, index);
  expect(findings).toEqual([]);
  expect(records).toHaveLength(1);
  return records[0]!;
}

const sha24 = (...parts: string[]): string => createHash('sha256').update(parts.join('\u0000'), 'utf8').digest('hex').slice(0, 24);

/** platform-dump.md §2's table, as the oracle. */
const MODEL_TYPE: Record<string, string> = {
  customer: 'data/HierarchyNode',
  site: 'data/HierarchyNode',
  subscriber: 'device/cucm/User',
  phones: 'device/cucm/Phone',
  extension_mobility: 'device/cucm/DeviceProfile',
  webex_teams: 'device/spark/User',
  contact_center_enterprise: 'device/ccdm/Agent',
  contact_center_express: 'device/uccx/Agent',
  ms_teams: 'device/msteamsonline/CsOnlineUser',
  ms_exchange: 'device/msexchangeonline/UserMailbox',
  ms_o365: 'device/msgraph/MsolUser',
  pexip_conference: 'device/pexip/Conference',
  voss_phone_servers: 'data/PRS_MultiVendorPhone_DAT',
  hybrid: 'export/hybrid',
};

describe('platform-dump.md §2: every export type has its target model type', () => {
  it.each(EXPORT_TYPES.map((t) => t.type))('%s', (type) => {
    const expected = MODEL_TYPE[type] ?? `export/${type}`;
    expect(exportMapping(type).modelType).toBe(expected);
    const hierarchy = type === 'customer' ? 'sys.hcs.CS-P.CS-NB.Customer1' : SITE;
    const record = only(type, { hierarchy, x: 1 });
    expect(record).toMatchObject({ modelType: expected, exportType: type, pkidDerived: true });
  });
});

describe('platform-dump.md §2: customer and site become hierarchy nodes', () => {
  const customer = { provider_name: 'CS-P', reseller_name: 'CS-NB', customer_name: 'Customer1', hierarchy: 'sys.hcs.CS-P.CS-NB.Customer1', account_id: 'ABCXYZ', external_id: '' };

  it('customer: lives at its parent path, named by the last segment, node_type Customer, originals kept', () => {
    const node = only('customer', customer, 3);
    expect(node).toEqual({
      modelType: 'data/HierarchyNode',
      pkid: sha24('data/HierarchyNode', 'sys.hcs.CS-P.CS-NB.Customer1'),
      pkidDerived: true,
      path: 'sys.hcs.CS-P.CS-NB',
      fields: { ...customer, name: 'Customer1', node_type: 'Customer' },
      rawJson: JSON.stringify(customer),
      file: '2024-05-07_0705_customer.json.gz',
      index: 3,
      exportType: 'customer',
    });
  });

  it('customer pkid comes from the path only: the same customer in another bundle keeps its id', () => {
    const a = only('customer', customer);
    const b = only('customer', { ...customer, account_id: 'CHANGED' });
    expect(b.pkid).toBe(a.pkid);
    expect(only('customer', { ...customer, customer_name: 'Customer2', hierarchy: 'sys.hcs.CS-P.CS-NB.Customer2' }).pkid).not.toBe(a.pkid);
  });

  it('site: a Site node under its customer (or intermediate node)', () => {
    const site = only('site', { ...loc, hierarchy: 'sys.hcs.CS-P.CS-NB.Customer2.Div1.Paris', customer_name: 'Customer2', division_name: 'Div1', location_name: 'Paris', ndl: 'N' });
    expect(site).toMatchObject({ modelType: 'data/HierarchyNode', path: 'sys.hcs.CS-P.CS-NB.Customer2.Div1', fields: { name: 'Paris', node_type: 'Site', ndl: 'N' } });
    expect(site.pkid).toBe(sha24('data/HierarchyNode', 'sys.hcs.CS-P.CS-NB.Customer2.Div1.Paris'));
  });

  it('warns when the name column disagrees with the path, and names the node after the path', () => {
    const { records, findings } = mapOne('customer', { ...customer, customer_name: 'Customer One' }, 1);
    expect(records[0]!.fields.name).toBe('Customer1');
    expect(findings).toEqual([
      expect.objectContaining({ severity: 'WARN', file: '2024-05-07_0705_customer.json.gz', location: 'record 2', message: expect.stringContaining('customer_name "Customer One"') }),
    ]);
    expect(mapOne('site', { ...loc, location_name: 'Boston HQ' }).findings[0]).toMatchObject({ severity: 'WARN', message: expect.stringContaining('location_name') });
  });

  it('refuses a node path without a parent', () => {
    const { records, findings } = mapOne('customer', { ...customer, hierarchy: 'Customer1' }, 0);
    expect(records).toEqual([]);
    expect(findings).toEqual([expect.objectContaining({ severity: 'ERROR', location: 'record 1', message: expect.stringContaining('cannot be a Customer node') })]);
    expect(mapOne('site', { ...loc, hierarchy: 'sys.' }).findings[0]?.severity).toBe('ERROR');
  });
});

describe('platform-dump.md §2: field renames (mapped names added, the export\'s own fields kept)', () => {
  it('subscriber → device/cucm/User: username→userid, email→mailid; snr and voicemail kept', () => {
    const value = { ...loc, username: 'jdoe', email: 'jdoe@x.example', snr: true, voicemail: 'False', first_name: 'John' };
    const user = only('subscriber', value);
    expect(user.path).toBe(SITE);
    expect(user.fields).toEqual({ ...value, userid: 'jdoe', mailid: 'jdoe@x.example' });
  });

  it('phones → device/cucm/Phone: device_name→name, device_type→product, owner_username→ownerUserName; usernames kept', () => {
    const value = { ...loc, usernames: ['jdoe', 'asmith'], device_name: 'SEP001122334455', device_type: 'Cisco 8845', owner_username: 'jdoe' };
    expect(only('phones', value).fields).toEqual({ ...value, name: 'SEP001122334455', product: 'Cisco 8845', ownerUserName: 'jdoe' });
  });

  it('extension_mobility → device/cucm/DeviceProfile: device_profile_name→name, username→userid, device_type→product', () => {
    const value = { ...loc, username: 'jdoe', device_profile_name: 'jdoe-UDP', device_type: 'Cisco 9971' };
    expect(only('extension_mobility', value).fields).toEqual({ ...value, name: 'jdoe-UDP', userid: 'jdoe', product: 'Cisco 9971' });
  });

  it('webex_teams, contact center: the fields the rules read already carry the model\'s names', () => {
    expect(only('webex_teams', { ...loc, email: 'a@b.c' }).fields).toEqual({ ...loc, email: 'a@b.c' });
    expect(only('contact_center_enterprise', { ...loc, Name: 'agent1' }).fields).toEqual({ ...loc, Name: 'agent1' });
    expect(only('contact_center_express', { ...loc, userID: 'agent2' }).fields).toEqual({ ...loc, userID: 'agent2' });
  });

  it('ms_teams → CsOnlineUser: UserPrincipalName, AccountEnabled, EnterpriseVoiceEnabled, FeatureTypes', () => {
    const value = { ...loc, ms_teams_username: 'u@x.example', account_enabled: true, enterprise_voice: 'True', feature_types: ['Teams', 'PhoneSystem'] };
    expect(only('ms_teams', value).fields).toEqual({
      ...value,
      UserPrincipalName: 'u@x.example',
      AccountEnabled: true,
      EnterpriseVoiceEnabled: 'True',
      FeatureTypes: ['Teams', 'PhoneSystem'],
    });
  });

  it('ms_teams: the table\'s feature_types wins over the example\'s feature_type; either alone is used', () => {
    expect(only('ms_teams', { ...loc, feature_types: ['A'], feature_type: ['B'] }).fields.FeatureTypes).toEqual(['A']);
    expect(only('ms_teams', { ...loc, feature_type: ['B'] }).fields.FeatureTypes).toEqual(['B']);
  });

  it('a field the export lacks is not invented', () => {
    const fields = only('ms_teams', { ...loc, ms_teams_username: 'u@x.example' }).fields;
    expect(Object.keys(fields)).toEqual([...Object.keys(loc), 'ms_teams_username', 'UserPrincipalName']);
  });

  it('ms_exchange → UserMailbox, ms_o365 → MsolUser, pexip → Conference, voss_phone_servers → PRS_MultiVendorPhone_DAT', () => {
    expect(only('ms_exchange', { ...loc, username: 'm@x.example' }).fields).toMatchObject({ username: 'm@x.example', UserPrincipalName: 'm@x.example' });
    expect(only('ms_o365', { ...loc, o365_username: 'o@x.example', is_licensed: 'N', username: 'o' }).fields).toMatchObject({
      o365_username: 'o@x.example',
      UserPrincipalName: 'o@x.example',
      is_licensed: 'N',
      IsLicensed: 'N',
    });
    expect(only('pexip_conference', { ...loc, name: 'vmr', owner_email: 'p@x.example' }).fields).toMatchObject({ name: 'vmr', owner_email: 'p@x.example', primary_owner_email_address: 'p@x.example' });
    expect(only('voss_phone_servers', { ...loc, mac: '2C:54', phone_vendor: 'Yealink', phone_model: 'T54W' }).fields).toMatchObject({
      mac: '2C:54',
      phone_vendor: 'Yealink',
      phoneVendor: 'Yealink',
      phone_model: 'T54W',
      phoneModel: 'T54W',
    });
  });

  it('never replaces a field the file already has under the target name', () => {
    const fields = only('subscriber', { ...loc, username: 'jdoe', userid: 'JD-1' }).fields;
    expect(fields.userid).toBe('JD-1');
  });

  it('matches source field names exactly, then case-insensitively (platform-dump.md §1)', () => {
    const record = only('phones', { Hierarchy: SITE, Device_Name: 'SEP1', device_name: 'SEP2' });
    expect(record.path).toBe(SITE);
    expect(record.fields.name).toBe('SEP2');
    expect(only('phones', { HIERARCHY: SITE, Device_Name: 'SEP1' }).fields.name).toBe('SEP1');
  });

  it('does not modify the element it was given', () => {
    const value = { ...loc, username: 'jdoe' };
    const copy = structuredClone(value);
    only('subscriber', value);
    expect(value).toEqual(copy);
  });
});

describe('platform-dump.md §2: hybrid and the types no rule reads stay export/… records', () => {
  const hybrid = { provider_name: 'P', reseller_name: 'R', customer_name: 'C', hierarchy: 'sys.P.R.C', username: 'user_1', service_type: 'Cisco-MS', lines: [] };

  it('hybrid → export/hybrid keeping username, with mvs_hybrid_status from service_type', () => {
    const r = only('hybrid', hybrid);
    expect(r).toMatchObject({ modelType: 'export/hybrid', path: 'sys.P.R.C', exportType: 'hybrid' });
    expect(r.fields).toEqual({ ...hybrid, mvs_hybrid_status: 'Cisco-MS' });
  });

  it('hybrid: a record that carries mvs_hybrid_status itself keeps it', () => {
    expect(only('hybrid', { ...hybrid, mvs_hybrid_status: 'MS-Cisco' }).fields.mvs_hybrid_status).toBe('MS-Cisco');
  });

  it('hybrid: without service_type there is no status (not invented)', () => {
    const { service_type: _dropped, ...rest } = hybrid;
    expect(only('hybrid', rest).fields).not.toHaveProperty('mvs_hybrid_status');
  });

  const unmapped = EXPORT_TYPES.map((t) => t.type).filter((t) => !(t in MODEL_TYPE));

  it('the unmapped types are the nine §2 does not name', () => {
    expect(unmapped).toEqual([
      'analogue_line_mgcp', 'analogue_line_sccp', 'call_pickup_group', 'fmc', 'hunt_group', 'line',
      'webex_devices', 'webex_workspaces', 'ms_o365_sku_service_plans',
    ]);
  });

  it.each(unmapped)('%s → export/%s with its fields exactly as they are', (type) => {
    const value = { ...loc, some_field: 'v', nested: { a: [1] } };
    const r = only(type, value);
    expect(r).toMatchObject({ modelType: `export/${type}`, path: SITE, exportType: type });
    expect(r.fields).toEqual(value);
  });

  it('an unknown type (not from a file name) is still kept as export/<type>', () => {
    expect(only('nbi_subscriber', { hierarchy: SITE }).modelType).toBe('export/nbi_subscriber');
  });
});

describe('platform-dump.md §1/§2: records need a hierarchy; a missing one is an error for that record', () => {
  it.each([
    ['absent', {}],
    ['empty', { hierarchy: '' }],
    ['blank', { hierarchy: '   ' }],
  ])('hierarchy %s → ERROR naming the file and record N (1-based), record skipped', (_what, extra) => {
    const { records, findings } = mapOne('phones', { device_name: 'SEP1', ...extra }, 4, 'x/2024-05-07_0705_phones.json.gz');
    expect(records).toEqual([]);
    expect(findings).toEqual([
      { severity: 'ERROR', file: 'x/2024-05-07_0705_phones.json.gz', location: 'record 5', message: expect.stringMatching(/^record 5: it has no hierarchy; skipped/) },
    ]);
  });

  it('a hierarchy that is not a string is an error', () => {
    expect(mapOne('subscriber', { hierarchy: 42 }, 0).findings[0]).toMatchObject({ severity: 'ERROR', message: expect.stringContaining('its hierarchy is a number') });
  });

  it.each([
    ['null', null],
    ['a list', [1]],
    ['a string', 'jdoe'],
  ])('an element that is %s → ERROR, skipped', (what, value) => {
    const { records, findings } = mapOne('subscriber', value, 1);
    expect(records).toEqual([]);
    expect(findings).toEqual([expect.objectContaining({ severity: 'ERROR', location: 'record 2', message: `record 2: ${what}, not an object; skipped` })]);
  });

  it('customer and site need one too', () => {
    expect(mapOne('customer', { customer_name: 'C' }).findings[0]?.severity).toBe('ERROR');
    expect(mapOne('site', { location_name: 'S' }).findings[0]?.severity).toBe('ERROR');
  });

  it('only ms_o365_sku_service_plans (guide §3.3.19 has no hierarchy at all) is kept without one, at the empty path', () => {
    expect(only('ms_o365_sku_service_plans', { sku_name: 'E5' })).toMatchObject({ path: '', modelType: 'export/ms_o365_sku_service_plans' });
    expect(only('ms_o365_sku_service_plans', { sku_name: 'E5', hierarchy: 'sys.P.R.C' }).path).toBe('sys.P.R.C');
    expect(mapOne('ms_o365_sku_service_plans', { sku_name: 'E5', hierarchy: 7 }).findings[0]?.severity).toBe('ERROR');
  });
});

describe('platform-dump.md §3: exports have no pkids — every id is derived, stable and marked', () => {
  const value = { ...loc, device_name: 'SEP1' };
  const ctx = (rawJson: string, index = 0) => ({ file: 'f.json.gz', index, rawJson, createHasher: createNodeHasher });

  it('is the first 24 hex digits of sha256(type, path, rawJson)', () => {
    const raw = JSON.stringify(value);
    const r = mapExportElement('phones', value, ctx(raw)).records[0]!;
    expect(r.pkid).toMatch(/^[0-9a-f]{24}$/);
    expect(r.pkid).toBe(sha24('phones', SITE, raw));
    expect(r.pkid).toBe(derivePkid(createNodeHasher, ['phones', SITE, raw]));
    expect(r.pkidDerived).toBe(true);
    expect(r.rawJson).toBe(raw);
  });

  it('is stable: the same record gives the same id, wherever it sits in the file', () => {
    const raw = JSON.stringify(value);
    expect(mapExportElement('phones', value, ctx(raw, 0)).records[0]!.pkid).toBe(mapExportElement('phones', value, ctx(raw, 9)).records[0]!.pkid);
  });

  it('changes with the content, the path and the type', () => {
    const base = mapExportElement('phones', value, ctx(JSON.stringify(value))).records[0]!.pkid;
    const other = { ...value, device_name: 'SEP2' };
    expect(mapExportElement('phones', other, ctx(JSON.stringify(other))).records[0]!.pkid).not.toBe(base);
    const moved = { ...value, hierarchy: `${SITE}2` };
    expect(mapExportElement('phones', moved, ctx(JSON.stringify(value))).records[0]!.pkid).not.toBe(base);
    expect(mapExportElement('line', value, ctx(JSON.stringify(value))).records[0]!.pkid).not.toBe(base);
  });

  it('adds no per-record finding; the reader adds one INFO per file with this message', () => {
    expect(mapExportElement('phones', value, ctx('{}')).findings).toEqual([]);
    expect(EXPORT_DERIVED_PKID_MESSAGE).toMatch(/derived/);
  });
});
