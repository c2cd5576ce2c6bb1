import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { anonymize, AnonymizeError, defaultLayoutFor, type AnonymizeResult } from '../../src-shared/audit/anonymize';
import { LEGACY_COUNT_COLUMNS } from '../../src-shared/audit/columns';
import { parseAuditCsvText } from '../../src-shared/audit/csv';
import { verifyBatch } from '../../src-shared/verify/verify-batch';
import type { VerifyReport } from '../../src-shared/verify/findings';
import { createNodeHasher } from '../../src-main/services/node-hasher';
import { DEFAULT_ROWS, legacyDetailedCsv, legacyMetadata, utf8, verifyOptions } from '../support/builders';

const detailed = utf8(legacyDetailedCsv());

async function verifyZips(zips: Array<{ name: string; bytes: Uint8Array }>): Promise<VerifyReport> {
  return verifyBatch(
    zips.map((z) => ({ name: z.name, load: async () => ({ bytes: z.bytes }) })),
    verifyOptions,
  );
}

function problems(report: VerifyReport) {
  return report.files.flatMap((f) => f.findings.filter((x) => x.severity !== 'INFO'));
}

async function rezip(bytes: Uint8Array, edit: (zip: JSZip) => Promise<void> | void): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  await edit(zip);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

function v5Detailed(): Uint8Array {
  const meta = legacyMetadata({ 'Audit Version': '5.2.0', 'Date Time': null });
  meta.splice(meta.length - 1, 0, '#Date Time=2024-02-21 05:53');
  return utf8(
    `${[
      ...meta,
      'Provider,Reseller,Customer,Provider PKID,Customer PKID,User Licenses,Contact Center Express,Cisco and MS Integrated Services,Standalone Devices,Meeting Rooms,Voss Phone Servers,Sites',
      'Acme-Telecom,,,65d5f0a1b2c3d4e5f6070001,,0,0,0,3,0,0,0',
      'Acme-Telecom,Blue Reseller,Harbor Bank,65d5f0a1b2c3d4e5f6070001,65d5f0a1b2c3d4e5f6071a01,241,6,3,16,2,1,4',
    ].join('\n')}\n`,
  );
}

describe('anonymize writes ZIPs that verify clean (audit-files.md §6)', () => {
  it.each([
    ['legacy', detailed, ['vlf_Acme-Telecom_VOSS-PRD-1_license_legacy_2024-02-21_0553.zip']],
    ['19.3', detailed, ['vlf_Acme-Telecom_VOSS-PRD-1_license_2024-02-21_0553.zip']],
    [
      'v5',
      v5Detailed(),
      ['vlf_Acme-Telecom_VOSS-PRD-1_license_2024-02-21_0553.zip', 'vlf_Acme-Telecom_VOSS-PRD-1_license_detailed_2024-02-21_0553.zip'],
    ],
  ] as const)('%s layout: detailed CSV → anonymize → verify = PASS with no WARN', async (layout, input, names) => {
    const result = await anonymize({ detailed: input, layout, createHasher: createNodeHasher });
    expect(result.zips.map((z) => z.name)).toEqual(names);
    const report = await verifyZips(result.zips);
    expect(problems(report)).toEqual([]);
    expect(report.summary).toEqual({ PASS: names.length, WARN: 0, FAIL: 0 });
  });

  it('puts members in layout order in <TS>_license/, each followed by its .hash', async () => {
    const result = await anonymize({
      detailed,
      createHasher: createNodeHasher,
      support: { patch: utf8('[]\n'), anonymous_breakdown: utf8('Statistic,Value\n'), adaptation_log: utf8('[]\n') },
    });
    expect(result.layout).toBe('legacy');
    expect(result.copied.sort()).toEqual(['adaptation_log', 'anonymous_breakdown', 'patch']);
    const f = '2024-02-21_0553_license/';
    const m = (t: string, e: string) => `${f}vlf_Acme-Telecom_VOSS-PRD-1_${t}_legacy_2024-02-21_0553.${e}`;
    expect(result.zips[0]!.members).toEqual([
      f,
      m('anonymous', 'csv'),
      `${m('anonymous', 'csv')}.hash`,
      m('anonymous_breakdown', 'csv'),
      `${m('anonymous_breakdown', 'csv')}.hash`,
      m('patch', 'json'),
      `${m('patch', 'json')}.hash`,
      m('adaptation_log', 'json'),
      `${m('adaptation_log', 'json')}.hash`,
    ]);
    const zip = await JSZip.loadAsync(result.zips[0]!.bytes);
    const hash = await zip.file(`${m('anonymous', 'csv')}.hash`)!.async('string');
    expect(hash).toMatch(/^[0-9a-f]{64}  vlf_Acme-Telecom_VOSS-PRD-1_anonymous_legacy_2024-02-21_0553\.csv\n$/);
    // Entries carry the audit's Date Time (UTC) as their modification time.
    expect(zip.file(m('anonymous', 'csv'))!.date.toISOString()).toBe('2024-02-21T05:53:00.000Z');
  });

  it('the anonymous CSV is the detailed one less Provider, Reseller and Customer, same metadata lines', async () => {
    const result = await anonymize({ detailed, createHasher: createNodeHasher });
    const csv = parseAuditCsvText(result.anonymousCsv);
    expect(csv.metadata.map((m) => `#${m.key}=${m.value}`)).toEqual(legacyMetadata());
    expect(csv.header).toEqual(['Customer PKID', ...LEGACY_COUNT_COLUMNS]);
    expect(csv.rows.map((r) => r.fields[0])).toEqual(DEFAULT_ROWS.map((r) => r.pkid));
    expect(result.anonymousCsv).not.toMatch(/Harbor Bank|Delta, Logistics|Blue Reseller/);
    expect(result.anonymousCsv.endsWith('\n')).toBe(true);
    expect(result.anonymousCsv).not.toContain('\r');
  });
});

describe('anonymize is reproducible to the byte (audit-files.md §6)', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = savedTz;
  });

  it.each(['legacy', '19.3'] as const)('%s: the same input gives the same bytes, whatever the time zone', async (layout) => {
    const run = async (): Promise<AnonymizeResult> => anonymize({ detailed, layout, createHasher: createNodeHasher });
    process.env.TZ = 'UTC';
    const a = await run();
    process.env.TZ = 'Pacific/Auckland';
    const b = await run();
    expect(Buffer.from(b.zips[0]!.bytes).equals(Buffer.from(a.zips[0]!.bytes))).toBe(true);
  });
});

describe('tampering with what anonymize wrote is caught', () => {
  async function written(): Promise<{ name: string; bytes: Uint8Array }> {
    const result = await anonymize({ detailed, createHasher: createNodeHasher });
    return result.zips[0]!;
  }
  const csvMember = '2024-02-21_0553_license/vlf_Acme-Telecom_VOSS-PRD-1_anonymous_legacy_2024-02-21_0553.csv';

  it('V5: flipping one byte of a member fails, naming that member', async () => {
    const zip = await written();
    const bytes = await rezip(zip.bytes, async (z) => {
      const content = await z.file(csvMember)!.async('uint8array');
      const at = content.length - 2; // a digit of the last count
      content[at] = content[at] === 0x30 ? 0x31 : 0x30;
      z.file(csvMember, content);
    });
    const report = await verifyZips([{ name: zip.name, bytes }]);
    expect(report.files[0]!.verdict).toBe('FAIL');
    const v5 = report.files[0]!.findings.filter((f) => f.check === 'V5' && f.severity === 'FAIL');
    expect(v5).toHaveLength(1);
    expect(v5[0]!.location).toBe(csvMember);
    expect(v5[0]!.message).toMatch(/does not match its SHA-256 hash/);
  });

  it('V4: deleting a .hash fails, naming the unhashed member', async () => {
    const zip = await written();
    const bytes = await rezip(zip.bytes, (z) => {
      z.remove(`${csvMember}.hash`);
    });
    const report = await verifyZips([{ name: zip.name, bytes }]);
    const v4 = report.files[0]!.findings.filter((f) => f.check === 'V4');
    expect(v4).toEqual([expect.objectContaining({ severity: 'FAIL', location: csvMember })]);
    expect(report.files[0]!.verdict).toBe('FAIL');
  });

  it('V2: adding ../evil fails as zip slip', async () => {
    const zip = await written();
    const bytes = await rezip(zip.bytes, (z) => {
      z.file('../evil', 'x', { createFolders: false });
    });
    const report = await verifyZips([{ name: zip.name, bytes }]);
    const v2 = report.files[0]!.findings.filter((f) => f.check === 'V2');
    expect(v2).toEqual([expect.objectContaining({ severity: 'FAIL', location: '../evil' })]);
  });
});

describe('anonymize refuses what it cannot write faithfully', () => {
  it('a 4.1.5 audit cannot be written in the v5 layout', async () => {
    await expect(anonymize({ detailed, layout: 'v5', createHasher: createNodeHasher })).rejects.toThrow(AnonymizeError);
  });

  it('an anonymous CSV is not a detailed one', async () => {
    const anonymous = utf8(`${legacyMetadata().join('\n')}\nCustomer PKID,${LEGACY_COUNT_COLUMNS.join(',')}\n`);
    await expect(anonymize({ detailed: anonymous, createHasher: createNodeHasher })).rejects.toThrow(/not a detailed audit CSV/);
  });

  it('without #Provider Name the file names cannot be built', async () => {
    const input = utf8(legacyDetailedCsv(DEFAULT_ROWS, legacyMetadata({ 'Provider Name': null })));
    await expect(anonymize({ detailed: input, createHasher: createNodeHasher })).rejects.toThrow(/Provider Name/);
  });

  it('--host replaces the host in names and in #hostname, so the result still verifies', async () => {
    const result = await anonymize({ detailed, host: 'VOSS-DR-2', createHasher: createNodeHasher });
    expect(result.zips[0]!.name).toBe('vlf_Acme-Telecom_VOSS-DR-2_license_legacy_2024-02-21_0553.zip');
    expect(result.anonymousCsv).toContain('#hostname=VOSS-DR-2\n');
    expect(problems(await verifyZips(result.zips))).toEqual([]);
  });
});

describe('defaultLayoutFor picks the layout of the audit version', () => {
  it.each([
    ['4.1.5', 'legacy'],
    ['4.2.0', 'legacy'],
    ['4.1.0', '19.3'],
    ['3.2', '19.3'],
    ['5.2.0', 'v5'],
  ])('%s → %s', (version, layout) => {
    expect(defaultLayoutFor(version)).toBe(layout);
  });
});
