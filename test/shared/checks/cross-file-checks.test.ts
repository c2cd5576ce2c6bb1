/**
 * The checks that need the whole batch — V14 (privacy, with the names known
 * from detailed files) and V15 (detailed vs anonymous of one audit) — and the
 * verdict rules and summary of `verifyBatch` (audit-files.md §5).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCsvDocument } from '../../../src-shared/verify/csv-document';
import { checkPrivacy } from '../../../src-shared/verify/checks/v14-privacy';
import { checkDetailedMatchesAnonymous } from '../../../src-shared/verify/checks/v15-detailed-vs-anonymous';
import { type Finding, findingsFor, verdictOf, type VerifyReport } from '../../../src-shared/verify/findings';
import { type BatchItem, verifyBatch } from '../../../src-shared/verify/verify-batch';
import {
  DEFAULT_ROWS,
  HOST,
  LEGACY_FOLDER,
  LEGACY_ZIP_NAME,
  type LegacyRow,
  legacyAnonymousCsv,
  legacyDetailedCsv,
  legacyMetadata,
  legacyZipEntries,
  memberName,
  PROVIDER,
  replaceMember,
  utf8,
  verifyOptions,
  zipOf,
} from '../../support/builders';

const HANDMADE = join(__dirname, '../../fixtures/handmade');
const fixture = (name: string) => new Uint8Array(readFileSync(join(HANDMADE, name)));
const V5_ZIP = `vlf_${PROVIDER}_${HOST}_license_2025-10-01_0300.zip`;
const V5_DETAILED_ZIP = `vlf_${PROVIDER}_${HOST}_license_detailed_2025-10-01_0300.zip`;

const DETAILED = memberName('detailed', 'csv');
const ANONYMOUS = memberName('anonymous', 'csv');
const ANON_PATH = `${LEGACY_FOLDER}${ANONYMOUS}`;
const HARBOR_ROW = 14;
const DELTA_ROW = 15;
const HARBOR_PKID = DEFAULT_ROWS[1]!.pkid;
const DELTA_PKID = DEFAULT_ROWS[2]!.pkid;

const item = (name: string, bytes: Uint8Array | string): BatchItem => ({
  name,
  load: async () => ({ bytes: typeof bytes === 'string' ? utf8(bytes) : bytes }),
});
const zipItem = async (anonymousCsv: string, name = LEGACY_ZIP_NAME) =>
  item(name, await zipOf(replaceMember(legacyZipEntries(), 'anonymous', 'csv', anonymousCsv)));

const report = (r: VerifyReport, file: string) => {
  const found = r.files.find((f) => f.file === file);
  if (!found) throw new Error(`no report for ${file}`);
  return found;
};
const of = (findings: Finding[], check: string) => findings.filter((f) => f.check === check);
const show = (fs: Finding[]) => fs.map((f) => `${f.check} ${f.severity} ${f.location}: ${f.message}`).join('\n');

function rowsWith(index: number, change: Partial<LegacyRow>): LegacyRow[] {
  return DEFAULT_ROWS.map((r, i) => (i === index ? { ...r, ...change, values: { ...r.values, ...change.values } } : r));
}

describe('V14 privacy', () => {
  it('V14 fails on an anonymous file with a Customer column (and Provider, Reseller), naming the header', async () => {
    const r = await verifyBatch([item(ANONYMOUS, legacyDetailedCsv())], verifyOptions);
    const v14 = of(report(r, ANONYMOUS).findings, 'V14');
    expect(v14.filter((f) => f.location === 'line 12, column "Customer"')).toEqual([
      expect.objectContaining({ severity: 'FAIL', message: expect.stringContaining('has a "Customer" column') }),
    ]);
    expect(v14.filter((f) => f.location.startsWith('line 12')).map((f) => f.location)).toEqual([
      'line 12, column "Provider"',
      'line 12, column "Reseller"',
      'line 12, column "Customer"',
    ]);
    expect(report(r, ANONYMOUS).verdict).toBe('FAIL');
  });

  it('V14 fails on a cell holding a sys. hierarchy path, naming line and column', async () => {
    const rows = rowsWith(1, { pkid: 'sys.hcs.CS-P.Customer1' });
    const r = await verifyBatch([await zipItem(legacyAnonymousCsv(rows))], verifyOptions);
    expect(of(report(r, LEGACY_ZIP_NAME).findings, 'V14')).toEqual([
      expect.objectContaining({
        severity: 'FAIL',
        location: `${ANON_PATH}, line ${HARBOR_ROW}, column "Customer PKID"`,
        message: expect.stringContaining('"sys.hcs.CS-P.Customer1"'),
      }),
    ]);
  });

  it('V14 fails on a hierarchy path in a metadata value', async () => {
    const meta = [...legacyMetadata(), '#Unavailable=sys.hcs.CS-P'];
    const r = await verifyBatch([item(ANONYMOUS, legacyAnonymousCsv(DEFAULT_ROWS, meta))], verifyOptions);
    expect(of(report(r, ANONYMOUS).findings, 'V14')).toEqual([expect.objectContaining({ severity: 'FAIL', location: 'line 12' })]);
  });

  it('V14 fails on a cell equal to a customer name known from a detailed file in the same batch', async () => {
    const leaky = legacyAnonymousCsv(rowsWith(2, { values: { 'Site Count': 'harbor bank ' } }));
    const r = await verifyBatch([item(DETAILED, legacyDetailedCsv()), await zipItem(leaky)], verifyOptions);
    expect(of(report(r, LEGACY_ZIP_NAME).findings, 'V14')).toEqual([
      expect.objectContaining({
        severity: 'FAIL',
        location: `${ANON_PATH}, line ${DELTA_ROW}, column "Site Count"`,
        message: expect.stringContaining('the name of a provider, reseller or customer'),
      }),
    ]);
    // The detailed file itself is allowed its names.
    expect(of(report(r, DETAILED).findings, 'V14')).toEqual([]);
  });

  it('V14 cannot know a name without a detailed file in the batch: the same cell is then only V11', async () => {
    const leaky = legacyAnonymousCsv(rowsWith(2, { values: { 'Site Count': 'Harbor Bank' } }));
    const r = await verifyBatch([await zipItem(leaky)], verifyOptions);
    const findings = report(r, LEGACY_ZIP_NAME).findings;
    expect(of(findings, 'V14')).toEqual([]);
    expect(of(findings, 'V11')).toEqual([expect.objectContaining({ location: `${ANON_PATH}, line ${DELTA_ROW}, column "Site Count"` })]);
  });

  it('V14 fails on a PKID cell that holds a name rather than hex', async () => {
    const r = await verifyBatch([item(ANONYMOUS, legacyAnonymousCsv(rowsWith(1, { pkid: 'Harbor Bank' })))], verifyOptions);
    expect(of(report(r, ANONYMOUS).findings, 'V14')).toEqual([
      expect.objectContaining({ severity: 'FAIL', location: `line ${HARBOR_ROW}, column "Customer PKID"`, message: expect.stringContaining('looks like a name') }),
    ]);
  });

  it('V14 is quiet for a proper anonymous file, alone or beside its detailed file', async () => {
    const alone = await verifyBatch([await zipItem(legacyAnonymousCsv())], verifyOptions);
    expect(of(alone.files[0]!.findings, 'V14')).toEqual([]);
    const both = await verifyBatch([item(DETAILED, legacyDetailedCsv()), await zipItem(legacyAnonymousCsv())], verifyOptions);
    for (const f of both.files) expect(of(f.findings, 'V14'), f.file).toEqual([]);
  });

  it('V14 (direct) skips detailed files and checks names case-insensitively', () => {
    const detailed = buildCsvDocument(DETAILED, '', undefined, utf8(legacyDetailedCsv()));
    expect(checkPrivacy(findingsFor(DETAILED), detailed, new Set(['Harbor Bank']))).toEqual([]);
    const anon = buildCsvDocument(ANONYMOUS, '', undefined, utf8(legacyAnonymousCsv(rowsWith(1, { values: { 'Site Count': 'BLUE RESELLER' } }))));
    expect(anon.kind).toBe('anonymous');
    expect(checkPrivacy(findingsFor(ANONYMOUS), anon, new Set(['Blue Reseller']))).toEqual([
      expect.objectContaining({ check: 'V14', severity: 'FAIL', location: `line ${HARBOR_ROW}, column "Site Count"` }),
    ]);
  });
});

describe('V15 detailed vs anonymous', () => {
  it('V15 is quiet when the detailed and anonymous files of one audit are identical', async () => {
    const r = await verifyBatch([item(DETAILED, legacyDetailedCsv()), await zipItem(legacyAnonymousCsv())], verifyOptions);
    for (const f of r.files) {
      expect(of(f.findings, 'V15'), f.file).toEqual([]);
      expect(f.verdict, show(f.findings)).toBe('PASS');
    }
  });

  it('V15 fails when one count differs, naming the PKID and column, in both files\' reports', async () => {
    const anon = legacyAnonymousCsv(rowsWith(1, { values: { 'Site Count': 5 } }));
    const r = await verifyBatch([item(DETAILED, legacyDetailedCsv()), await zipItem(anon)], verifyOptions);
    const inZip = of(report(r, LEGACY_ZIP_NAME).findings, 'V15');
    expect(inZip).toEqual([
      expect.objectContaining({
        severity: 'FAIL',
        file: LEGACY_ZIP_NAME,
        location: `${ANON_PATH}, line ${HARBOR_ROW}, column "Site Count"`,
        message: `The count for Customer PKID ${HARBOR_PKID} is 5 here but 4 in ${DETAILED} (line ${HARBOR_ROW}, column "Site Count").`,
      }),
    ]);
    const inDetailed = of(report(r, DETAILED).findings, 'V15');
    expect(inDetailed).toEqual([{ ...inZip[0]!, file: DETAILED }]);
    expect(r.summary).toEqual({ PASS: 0, WARN: 0, FAIL: 2 });
  });

  it('V15 fails when a flag differs, calling it a flag', async () => {
    const anon = legacyAnonymousCsv(rowsWith(2, { values: { 'Inactive Billing': 'N' } }));
    const r = await verifyBatch([item(DETAILED, legacyDetailedCsv()), item(ANONYMOUS, anon)], verifyOptions);
    expect(of(report(r, ANONYMOUS).findings, 'V15')).toEqual([
      expect.objectContaining({ severity: 'FAIL', location: `line ${DELTA_ROW}, column "Inactive Billing"`, message: expect.stringContaining(`The flag for Customer PKID ${DELTA_PKID} is N here but Y`) }),
    ]);
  });

  it('V15 fails when a PKID is only in the detailed file', async () => {
    const anon = legacyAnonymousCsv(DEFAULT_ROWS.filter((_, i) => i !== 2));
    const r = await verifyBatch([item(DETAILED, legacyDetailedCsv()), await zipItem(anon)], verifyOptions);
    expect(of(report(r, LEGACY_ZIP_NAME).findings, 'V15')).toEqual([
      expect.objectContaining({
        severity: 'FAIL',
        location: ANON_PATH,
        message: `Customer PKID ${DELTA_PKID} is in the detailed file (${DETAILED} (line ${DELTA_ROW})) but not in the anonymous file.`,
      }),
    ]);
  });

  it('V15 fails when a PKID is only in the anonymous file', async () => {
    const extra: LegacyRow = { pkid: '65d5f0a1b2c3d4e5f6071a99', values: { 'Site Count': 1 } };
    const anon = legacyAnonymousCsv([...DEFAULT_ROWS, extra]);
    const r = await verifyBatch([await zipItem(anon), item(DETAILED, legacyDetailedCsv())], verifyOptions);
    expect(of(report(r, LEGACY_ZIP_NAME).findings, 'V15')).toEqual([
      expect.objectContaining({
        severity: 'FAIL',
        location: `${ANON_PATH}, line 16`,
        message: `Customer PKID 65d5f0a1b2c3d4e5f6071a99 is in the anonymous file but not in the detailed file ${DETAILED}.`,
      }),
    ]);
    expect(report(r, DETAILED).verdict).toBe('FAIL');
  });

  it('V15 does not compare files of different audits (another #Date Time)', async () => {
    const otherAudit = legacyMetadata({ 'Date Time': '2024-02-21 06:10' });
    const anon = legacyAnonymousCsv(rowsWith(1, { values: { 'Site Count': 5 } }), otherAudit);
    const r = await verifyBatch([item(DETAILED, legacyDetailedCsv()), item(ANONYMOUS, anon)], verifyOptions);
    for (const f of r.files) expect(of(f.findings, 'V15')).toEqual([]);
  });

  it('V15 is quiet for the v5 fixtures (license and license_detailed ZIPs of one audit)', async () => {
    const r = await verifyBatch([item(V5_ZIP, fixture(V5_ZIP)), item(V5_DETAILED_ZIP, fixture(V5_DETAILED_ZIP))], verifyOptions);
    for (const f of r.files) {
      expect(of(f.findings, 'V15'), f.file).toEqual([]);
      expect(f.verdict, show(f.findings)).toBe('PASS');
    }
  });

  it('V15 (direct) fails on a v5 pair whose User Licenses differ', () => {
    const header = 'Provider PKID,Customer PKID,User Licenses,Contact Center Express,Cisco and MS Integrated Services,Standalone Devices,Meeting Rooms,Voss Phone Servers,Sites';
    const meta = '#Platform ID=65d5f0a1b2c3d4e5f6071829\n#Date Time=2025-10-01 03:00\n#Audit Version=5.2.0\n';
    const anon = buildCsvDocument('a.csv', '', undefined, utf8(`${meta}${header}\nP1,${HARBOR_PKID},241,6,3,16,2,1,4\n`));
    const det = buildCsvDocument('d.csv', '', undefined, utf8(`${meta}Provider,Reseller,Customer,${header}\nAcme,,Harbor Bank,P1,${HARBOR_PKID},240,6,3,16,2,1,4\n`));
    expect([anon.kind, det.kind]).toEqual(['anonymous', 'detailed']);
    expect(checkDetailedMatchesAnonymous(findingsFor('a.csv'), det, anon)).toEqual([
      expect.objectContaining({ check: 'V15', severity: 'FAIL', location: 'line 5, column "User Licenses"', message: expect.stringContaining('is 241 here but 240 in d.csv (line 5, column "User Licenses")') }),
    ]);
  });
});

describe('verdicts and summary of verifyBatch', () => {
  it('a file is FAIL if any finding fails, else WARN if any warns, else PASS; the summary adds up', async () => {
    const good = await zipOf(legacyZipEntries());
    const infoOnly = await zipOf(replaceMember(legacyZipEntries(), 'patch', 'json', null)); // V3 INFO
    const warned = await zipOf([...legacyZipEntries(), [`${LEGACY_FOLDER}notes.txt`, 'x']]); // V6 WARN
    const failed = await zipOf(replaceMember(legacyZipEntries(), 'anonymous', 'csv', null)); // V3 FAIL
    const both = await zipOf([...replaceMember(legacyZipEntries(), 'anonymous', 'csv', null), [`${LEGACY_FOLDER}notes.txt`, 'x']]);
    // Names that follow §1 (only the host differs), so V1 adds nothing.
    const zipName = (host: string) => `vlf_${PROVIDER}_${host}_license_legacy_2024-02-21_0553.zip`;
    const items = [
      item(zipName('good'), good),
      item(zipName('info-only'), infoOnly),
      item(zipName('warned'), warned),
      item(zipName('failed'), failed),
      item(zipName('warn-and-fail'), both),
    ];
    const progress: string[] = [];
    const r = await verifyBatch(items, { ...verifyOptions, onProgress: (p) => progress.push(`${p.phase} ${p.current}/${p.total}`) });

    const verdicts = Object.fromEntries(r.files.map((f) => [f.file, f.verdict]));
    expect(verdicts, r.files.map((f) => `${f.file}\n${show(f.findings)}`).join('\n')).toEqual({
      [zipName('good')]: 'PASS',
      [zipName('info-only')]: 'PASS',
      [zipName('warned')]: 'WARN',
      [zipName('failed')]: 'FAIL',
      [zipName('warn-and-fail')]: 'FAIL',
    });
    expect(report(r, zipName('info-only')).findings.some((f) => f.check === 'V3' && f.severity === 'INFO')).toBe(true);
    expect(report(r, zipName('warn-and-fail')).findings.map((f) => f.severity)).toEqual(expect.arrayContaining(['FAIL', 'WARN']));
    for (const f of r.files) expect(f.verdict).toBe(verdictOf(f.findings));
    expect(r.summary).toEqual({ PASS: 2, WARN: 1, FAIL: 2 });
    expect(r.summary.PASS + r.summary.WARN + r.summary.FAIL).toBe(items.length);
    expect(r.files.map((f) => f.file)).toEqual(items.map((i) => i.name));
    expect(progress).toEqual(['verify 0/5', 'verify 1/5', 'verify 2/5', 'verify 3/5', 'verify 4/5', 'cross-check 5/5']);
  });

  it('findings are sorted FAIL, WARN, INFO, then by check number', async () => {
    const warnedWithInfo = await zipOf([...replaceMember(legacyZipEntries(), 'patch', 'json', null), [`${LEGACY_FOLDER}notes.txt`, 'x']]);
    const flipped = legacyAnonymousCsv().replace('19', '18');
    const entries = replaceMember(
      [...legacyZipEntries(), [`${LEGACY_FOLDER}notes.txt`, 'x']],
      'anonymous',
      'csv',
      flipped,
      { keepOldHash: true },
    );
    const r = await verifyBatch([item(LEGACY_ZIP_NAME, warnedWithInfo), item('x.zip', await zipOf(replaceMember(entries, 'patch', 'json', null)))], verifyOptions);
    const f = r.files[1]!.findings;
    expect(f.map((x) => `${x.severity} ${x.check}`)).toEqual([
      'FAIL V5',
      'WARN V1',
      'WARN V6',
      'INFO V3',
      ...f.filter((x) => x.check === 'V5' && x.severity === 'INFO').map(() => 'INFO V5'),
    ]);
    expect(r.files[0]!.verdict).toBe('WARN');
    expect(r.summary).toEqual({ PASS: 0, WARN: 1, FAIL: 1 });
  });

  it('an empty batch has an empty, zero summary', async () => {
    expect(await verifyBatch([], verifyOptions)).toEqual({ files: [], summary: { PASS: 0, WARN: 0, FAIL: 0 } });
  });
});
