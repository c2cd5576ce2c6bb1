import { describe, expect, it } from 'vitest';
import { verifyFile } from '../../src-shared/verify/verify-file';
import { legacyAnonymousCsv, legacyMetadata, sha256, verifyOptions, zipOf } from '../support/builders';

/** The 19.3 layout's license JSON (seed 000): it must parse and carry datetime / export_identifier / pipeline_type_name. */
describe('19.3 license JSON', () => {
  const TS = '2021-03-01_0300';
  const name = (type: string, ext: string) => `vlf_Acme-Telecom_VOSS-PRD-1_${type}_${TS}.${ext}`;
  const anonymous = legacyAnonymousCsv(undefined, legacyMetadata({ 'Date Time': '2021-03-01 03:00', 'Audit Version': '4.1.5' }));

  async function zipWith(json: string): Promise<Uint8Array> {
    const folder = `${TS}_license/`;
    return zipOf([
      [folder, null],
      [`${folder}${name('license', 'json')}`, json],
      [`${folder}${name('license', 'json')}.hash`, sha256(json)],
      [`${folder}${name('anonymous', 'csv')}`, anonymous],
      [`${folder}${name('anonymous', 'csv')}.hash`, sha256(anonymous)],
    ]);
  }

  it('V8 stays quiet when the three attributes are there', async () => {
    const json = '{"datetime": "2021-03-01T03:00:00Z", "export_identifier": "3f0c2a5e-8d1b-4c3f-9a7e-2b6d4f1e0c93", "pipeline_type_name": "license_initial_audit"}';
    const result = await verifyFile({ name: name('license', 'zip'), bytes: await zipWith(json) }, verifyOptions);
    expect(result.findings.filter((f) => f.severity !== 'INFO')).toEqual([]);
  });

  it('V8 warns for each missing attribute, naming the member', async () => {
    const result = await verifyFile({ name: name('license', 'zip'), bytes: await zipWith('{"datetime": "2021-03-01T03:00:00Z"}') }, verifyOptions);
    const v8 = result.findings.filter((f) => f.check === 'V8');
    expect(v8.map((f) => [f.severity, f.location, f.message])).toEqual([
      ['WARN', `${TS}_license/${name('license', 'json')}`, 'The license JSON has no "export_identifier" attribute.'],
      ['WARN', `${TS}_license/${name('license', 'json')}`, 'The license JSON has no "pipeline_type_name" attribute.'],
    ]);
  });

  it('V3 fails when the license JSON does not parse', async () => {
    const result = await verifyFile({ name: name('license', 'zip'), bytes: await zipWith('{"datetime": ') }, verifyOptions);
    expect(result.findings).toContainEqual(expect.objectContaining({ check: 'V3', severity: 'FAIL', message: expect.stringMatching(/cannot be read/) }));
  });
});
