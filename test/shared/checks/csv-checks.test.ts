/**
 * Checks V8–V13 and V17 (audit-files.md §5) on audit CSVs, through
 * `verifyFile` on standalone CSVs and ZIPs, and through the check functions
 * directly where that is clearer.
 */
import { describe, expect, it } from 'vitest';
import { LEGACY_COUNT_COLUMNS, SUMMARY_COUNT_COLUMNS } from '../../../src-shared/audit/columns';
import { buildCsvDocument } from '../../../src-shared/verify/csv-document';
import { checkCellValues } from '../../../src-shared/verify/checks/v11-cell-values';
import { checkInnerSums } from '../../../src-shared/verify/checks/v13-inner-sums';
import { type Finding, findingsFor, verdictOf } from '../../../src-shared/verify/findings';
import { type VerifiedFile, verifyFile } from '../../../src-shared/verify/verify-file';
import {
  DATE_TIME,
  DEFAULT_ROWS,
  dropColumn,
  LEGACY_FOLDER,
  LEGACY_ZIP_NAME,
  legacyAnonymousCsv,
  legacyDetailedCsv,
  legacyMetadata,
  legacyZipEntries,
  memberName,
  PROVIDER,
  replaceMember,
  summaryAnonymousCsv,
  TS,
  utf8,
  verifyOptions,
  zipOf,
} from '../../support/builders';

const DETAILED = memberName('detailed', 'csv');
const ANONYMOUS = memberName('anonymous', 'csv');
const V5_ANONYMOUS = memberName('anonymous', 'csv', false);
const ANON_PATH = `${LEGACY_FOLDER}${ANONYMOUS}`;

// legacyMetadata() has 11 lines, so the header is line 12 and DEFAULT_ROWS are lines 13–15
// (provider row, Harbor Bank, Delta Logistics).
const HEADER_LINE = 12;
const HARBOR_ROW = 14;
const DELTA_ROW = 15;
const HARBOR_PKID = DEFAULT_ROWS[1]!.pkid;

const verifyCsv = (text: string | Uint8Array, name = DETAILED, options = verifyOptions) =>
  verifyFile({ name, bytes: typeof text === 'string' ? utf8(text) : text }, options);
const of = (r: VerifiedFile, check: string) => r.findings.filter((f) => f.check === check);
const problems = (r: VerifiedFile) => r.findings.filter((f) => f.severity !== 'INFO');
const show = (fs: Finding[]) => fs.map((f) => `${f.check} ${f.severity} ${f.location}: ${f.message}`).join('\n');

/** The default rows with some values of the Harbor Bank row changed. */
function harborWith(values: Record<string, string | number>) {
  return DEFAULT_ROWS.map((r, i) => (i === 1 ? { ...r, values: { ...r.values, ...values } } : r));
}

/** The v5 metadata order, as the builders write it for 5.2.0. */
const v5Metadata = () =>
  legacyMetadata({ 'Audit Version': '5.2.0' })
    .filter((l) => !l.startsWith('#Date Time'))
    .flatMap((l) => (l.startsWith('#Audit Version') ? [`#Date Time=${DATE_TIME}`, l] : [l]));

/** A v5 anonymous row: Provider PKID, Customer PKID, then the seven summary counts by name. */
function v5Row(customerPkid: string, counts: Partial<Record<(typeof SUMMARY_COUNT_COLUMNS)[number], number>> = {}): string[] {
  return ['65d5f0a1b2c3d4e5f6070001', customerPkid, ...SUMMARY_COUNT_COLUMNS.map((c) => String(counts[c] ?? 0))];
}

describe('good files', () => {
  it('V8–V13 and V17 are quiet on the builders\' detailed and anonymous 4.1.5 CSVs', async () => {
    for (const [name, text] of [[DETAILED, legacyDetailedCsv()], [ANONYMOUS, legacyAnonymousCsv()]] as const) {
      const r = await verifyCsv(text, name);
      expect(r.findings, show(r.findings)).toEqual([]);
      expect(r.csvs[0]!.kind).toBe(name === DETAILED ? 'detailed' : 'anonymous');
    }
  });

  it('V8–V13 and V17 are quiet on a v5 (5.2.0) summary anonymous CSV', async () => {
    const r = await verifyCsv(summaryAnonymousCsv([v5Row(''), v5Row(HARBOR_PKID, { 'User Licenses': 5, 'Cisco and MS Integrated Services': 5 })]), V5_ANONYMOUS);
    expect(r.findings, show(r.findings)).toEqual([]);
  });
});

describe('V8 metadata', () => {
  it('V8 fails when #Audit Version is missing', async () => {
    const r = await verifyCsv(legacyDetailedCsv(DEFAULT_ROWS, legacyMetadata({ 'Audit Version': null })));
    expect(of(r, 'V8')).toEqual([
      expect.objectContaining({ severity: 'FAIL', location: '', message: expect.stringContaining('#Audit Version line is missing') }),
    ]);
    expect(verdictOf(r.findings)).toBe('FAIL');
  });

  it('V8 fails when #Audit Version is not a version, naming its line', async () => {
    const r = await verifyCsv(legacyDetailedCsv(DEFAULT_ROWS, legacyMetadata({ 'Audit Version': 'latest' })));
    expect(of(r, 'V8')).toEqual([expect.objectContaining({ severity: 'FAIL', location: 'line 11', message: expect.stringContaining('"latest"') })]);
  });

  it('V8 names the member inside a ZIP when #Audit Version is missing', async () => {
    const csv = legacyAnonymousCsv(DEFAULT_ROWS, legacyMetadata({ 'Audit Version': null }));
    const r = await verifyFile({ name: LEGACY_ZIP_NAME, bytes: await zipOf(replaceMember(legacyZipEntries(), 'anonymous', 'csv', csv)) }, verifyOptions);
    expect(of(r, 'V8')).toEqual([expect.objectContaining({ severity: 'FAIL', location: ANON_PATH })]);
  });

  it('V8 warns when a 4.1.5 file lacks #OrgID', async () => {
    const r = await verifyCsv(legacyDetailedCsv(DEFAULT_ROWS, legacyMetadata({ OrgID: null })));
    expect(of(r, 'V8')).toEqual([
      expect.objectContaining({ severity: 'WARN', message: 'The #OrgID line required by audit version 4.1.5 is missing.' }),
    ]);
  });

  it('V8 is quiet when a 4.0 file lacks #OrgID, #License Token and #License Expiry', async () => {
    const meta = legacyMetadata({ OrgID: null, 'License Token': null, 'License Expiry': null, 'Audit Version': '4.0.2' });
    const r = await verifyCsv(legacyDetailedCsv(DEFAULT_ROWS, meta));
    expect(of(r, 'V8'), show(r.findings)).toEqual([]);
    expect(r.findings).toEqual([]);
  });

  it('V8 accepts the v5 order (#Date Time after #License Expiry) for 5.2.0', async () => {
    const r = await verifyCsv(summaryAnonymousCsv([v5Row(HARBOR_PKID)], v5Metadata()), V5_ANONYMOUS);
    expect(of(r, 'V8')).toEqual([]);
  });

  it('V8 warns when a 4.1.5 file uses the v5 order', async () => {
    const meta = v5Metadata().map((l) => (l.startsWith('#Audit Version') ? '#Audit Version=4.1.5' : l));
    const r = await verifyCsv(legacyDetailedCsv(DEFAULT_ROWS, meta));
    expect(of(r, 'V8')).toEqual([
      expect.objectContaining({ severity: 'WARN', location: 'line 1', message: expect.stringContaining('out of order; audit version 4.1.5') }),
    ]);
  });

  it('V8 warns when a 5.2.0 file uses the 4.1.5 order', async () => {
    const meta = legacyMetadata({ 'Audit Version': '5.2.0' });
    const r = await verifyCsv(summaryAnonymousCsv([v5Row(HARBOR_PKID)], meta), V5_ANONYMOUS);
    expect(of(r, 'V8')).toEqual([expect.objectContaining({ severity: 'WARN', message: expect.stringContaining('out of order') })]);
  });

  it('V8 warns about a #Platform ID that is not 24 hex characters, naming line 2', async () => {
    const r = await verifyCsv(legacyDetailedCsv(DEFAULT_ROWS, legacyMetadata({ 'Platform ID': 'VOSS-PLATFORM-1' })));
    expect(of(r, 'V8')).toEqual([
      expect.objectContaining({ severity: 'WARN', location: 'line 2', message: expect.stringContaining('#Platform ID is "VOSS-PLATFORM-1"; expected 24 hexadecimal characters') }),
    ]);
  });

  it('V8 warns about an empty value and a malformed #Date Time', async () => {
    const r = await verifyCsv(legacyDetailedCsv(DEFAULT_ROWS, legacyMetadata({ 'Deployment Mode': '', 'Date Time': '21/02/2024 05:53' })));
    expect(of(r, 'V8').map((f) => [f.severity, f.location])).toEqual([
      ['WARN', 'line 7'],
      ['WARN', 'line 8'],
    ]);
  });

  it('V8 warns when #Provider Name disagrees with the file name', async () => {
    const r = await verifyCsv(legacyDetailedCsv(DEFAULT_ROWS, legacyMetadata({ 'Provider Name': 'Globex' })));
    expect(of(r, 'V8')).toEqual([
      expect.objectContaining({ severity: 'WARN', location: 'line 4', message: `#Provider Name is "Globex", but the file name says "${PROVIDER}".` }),
    ]);
  });

  it('V8 warns when #hostname disagrees with the file name', async () => {
    const r = await verifyCsv(legacyDetailedCsv(DEFAULT_ROWS, legacyMetadata({ hostname: 'VOSS-DR-2' })));
    expect(of(r, 'V8')).toEqual([
      expect.objectContaining({ severity: 'WARN', location: 'line 3', message: expect.stringContaining('#hostname is "VOSS-DR-2"') }),
    ]);
  });

  it('V8 warns when #Provider Name and #hostname each fit one end of the file name but do not make it up together', async () => {
    // The name says provider "Acme_Telecom" (or host "Telecom_VOSS-PRD-1"); the metadata says "Acme" and "VOSS-PRD-1".
    const meta = legacyMetadata({ 'Provider Name': 'Acme', hostname: 'VOSS-PRD-1' });
    const r = await verifyCsv(legacyDetailedCsv(DEFAULT_ROWS, meta), `vlf_Acme_Telecom_VOSS-PRD-1_detailed_legacy_${TS}.csv`);
    expect(of(r, 'V8')).toEqual([
      expect.objectContaining({ severity: 'WARN', location: 'line 4', message: expect.stringContaining('"Acme_Telecom_VOSS-PRD-1"') }),
    ]);
  });

  it('V8 accepts provider and host names that contain "_" when they match the file name', async () => {
    const meta = legacyMetadata({ 'Provider Name': 'Acme_Telecom', hostname: 'VOSS_PRD_1' });
    const r = await verifyCsv(legacyDetailedCsv(DEFAULT_ROWS, meta), `vlf_Acme_Telecom_VOSS_PRD_1_detailed_legacy_${TS}.csv`);
    expect(r.findings, show(r.findings)).toEqual([]);
  });

  it('V8 warns when #Date Time is more than a day from the name\'s timestamp, and is quiet at exactly a day', async () => {
    const late = await verifyCsv(legacyDetailedCsv(DEFAULT_ROWS, legacyMetadata({ 'Date Time': '2024-02-22 05:54' })));
    expect(of(late, 'V8')).toEqual([
      expect.objectContaining({ severity: 'WARN', location: 'line 8', message: expect.stringContaining(`more than a day from the file name's ${TS}`) }),
    ]);
    const early = await verifyCsv(legacyDetailedCsv(DEFAULT_ROWS, legacyMetadata({ 'Date Time': '2024-02-20 05:52' })));
    expect(of(early, 'V8')).toHaveLength(1);
    const oneDay = await verifyCsv(legacyDetailedCsv(DEFAULT_ROWS, legacyMetadata({ 'Date Time': '2024-02-22 05:53' })));
    expect(of(oneDay, 'V8')).toEqual([]);
  });

  it('V8 fails when --expect-provider names another provider, and is quiet when it matches', async () => {
    const csv = legacyDetailedCsv();
    const other = await verifyCsv(csv, DETAILED, { ...verifyOptions, expectProvider: 'Globex' });
    expect(of(other, 'V8')).toEqual([
      expect.objectContaining({ severity: 'FAIL', location: 'line 4', message: `The file is from provider "${PROVIDER}", but "Globex" was expected.` }),
    ]);
    expect(verdictOf(other.findings)).toBe('FAIL');
    const same = await verifyCsv(csv, DETAILED, { ...verifyOptions, expectProvider: PROVIDER });
    expect(same.findings).toEqual([]);
  });

  it('V8 warns about a duplicated line and a "#" line without "="', async () => {
    const meta = [...legacyMetadata(), '#hostname=VOSS-PRD-1', '#comment without value'];
    const r = await verifyCsv(legacyDetailedCsv(DEFAULT_ROWS, meta));
    const v8 = of(r, 'V8');
    expect(v8).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'WARN', location: 'line 12', message: '#hostname appears more than once.' }),
        expect.objectContaining({ severity: 'WARN', location: 'line 13' }),
      ]),
    );
  });
});

describe('V9 header', () => {
  it('V9 fails on a 4.x detailed header missing a column, naming it', async () => {
    const r = await verifyCsv(dropColumn(legacyDetailedCsv(), 'Site Count'));
    expect(of(r, 'V9')).toEqual([
      expect.objectContaining({ severity: 'FAIL', location: `line ${HEADER_LINE}`, message: expect.stringContaining('missing "Site Count"') }),
    ]);
    expect(of(r, 'V10')).toEqual([]);
  });

  it('V9 fails on a 4.x anonymous header missing a column, naming it', async () => {
    const r = await verifyCsv(dropColumn(legacyAnonymousCsv(), 'Contact Center Express'), ANONYMOUS);
    expect(of(r, 'V9')).toEqual([
      expect.objectContaining({ severity: 'FAIL', message: expect.stringMatching(/anonymous column set of audit version 4\.1\.5: missing "Contact Center Express"/) }),
    ]);
  });

  it('V9 fails when "MS 0365 User (no Teams)" is spelled with the letter O', async () => {
    const csv = legacyDetailedCsv().replace('MS 0365 User (no Teams)', 'MS O365 User (no Teams)');
    const r = await verifyCsv(csv);
    const v9 = of(r, 'V9');
    expect(v9).toEqual([expect.objectContaining({ severity: 'FAIL', location: `line ${HEADER_LINE}` })]);
    expect(v9[0]!.message).toContain('missing "MS 0365 User (no Teams)"');
    expect(v9[0]!.message).toContain('unexpected "MS O365 User (no Teams)"');
  });

  it('V9 fails on a renamed column, naming both names', async () => {
    const r = await verifyCsv(legacyDetailedCsv().replace(',Site Count\n', ',Sites\n'));
    expect(of(r, 'V9')[0]!.message).toMatch(/missing "Site Count"; unexpected "Sites"/);
  });

  it('V9 fails on two columns swapped, naming the first position that differs', async () => {
    const csv = legacyDetailedCsv().replace('Public Sector,Inactive Billing', 'Inactive Billing,Public Sector');
    const r = await verifyCsv(csv);
    expect(of(r, 'V9')).toEqual([expect.objectContaining({ severity: 'FAIL', message: expect.stringContaining('column 27 is "Inactive Billing" where "Public Sector" belongs') })]);
  });

  it('V9 fails when an anonymous 4.x file carries the detailed header', async () => {
    const r = await verifyCsv(legacyDetailedCsv(), ANONYMOUS);
    expect(of(r, 'V9')).toEqual([expect.objectContaining({ severity: 'FAIL', message: expect.stringContaining('unexpected "Provider", "Reseller", "Customer"') })]);
  });

  it('V9 reports an unknown v5 column set as INFO, and the file still passes', async () => {
    const header = 'Provider PKID,Customer PKID,User Licenses,Webex Calling Users,Sites';
    const csv = `${[...v5Metadata(), header, `65d5f0a1b2c3d4e5f6070001,${HARBOR_PKID},12,3,2`].join('\n')}\n`;
    const r = await verifyCsv(csv, V5_ANONYMOUS);
    expect(of(r, 'V9')).toEqual([
      expect.objectContaining({ severity: 'INFO', location: 'line 12', message: expect.stringContaining('5 columns were read from the header') }),
    ]);
    expect(verdictOf(r.findings)).toBe('PASS');
    // The learned columns are still checked as counts (V11).
    const bad = await verifyCsv(csv.replace(',12,3,2', ',12,three,2'), V5_ANONYMOUS);
    expect(of(bad, 'V11')).toEqual([expect.objectContaining({ location: 'line 13, column "Webex Calling Users"' })]);
  });

  it('V9 reports a version the registry does not know as INFO', async () => {
    const meta = v5Metadata().map((l) => (l.startsWith('#Audit Version') ? '#Audit Version=6.0.1' : l));
    const r = await verifyCsv(summaryAnonymousCsv([v5Row(HARBOR_PKID)], meta).replace('Sites', 'Locations'), V5_ANONYMOUS);
    expect(of(r, 'V9')).toEqual([expect.objectContaining({ severity: 'INFO', message: expect.stringContaining('audit version 6.0.1 is not in the registry') })]);
  });

  it('V9 fails on a file with metadata but no header', async () => {
    const r = await verifyCsv(`${legacyMetadata().join('\n')}\n`);
    expect(of(r, 'V9')).toEqual([expect.objectContaining({ severity: 'FAIL', message: expect.stringContaining('no header line') })]);
  });

  it('V9 is quiet on the exact 4.x and v5 headers', async () => {
    expect(of(await verifyCsv(legacyDetailedCsv()), 'V9')).toEqual([]);
    expect(of(await verifyCsv(legacyAnonymousCsv(), ANONYMOUS), 'V9')).toEqual([]);
    expect(of(await verifyCsv(summaryAnonymousCsv([v5Row(HARBOR_PKID)]), V5_ANONYMOUS), 'V9')).toEqual([]);
  });
});

describe('V10 field counts', () => {
  it('V10 fails on a row with too few fields, naming the line', async () => {
    const lines = legacyDetailedCsv().split('\n');
    lines[HARBOR_ROW - 1] = lines[HARBOR_ROW - 1]!.replace(/,[^,]*$/, '');
    const r = await verifyCsv(lines.join('\n'));
    expect(of(r, 'V10')).toEqual([
      expect.objectContaining({ severity: 'FAIL', location: `line ${HARBOR_ROW}`, message: expect.stringContaining('has 38 fields, but the header has 39') }),
    ]);
    // The short row's cells are not checked as if they were aligned.
    expect(of(r, 'V11')).toEqual([]);
  });

  it('V10 fails on a row with too many fields, inside a ZIP naming member and line', async () => {
    const lines = legacyAnonymousCsv().split('\n');
    lines[DELTA_ROW - 1] += ',7';
    const r = await verifyFile({ name: LEGACY_ZIP_NAME, bytes: await zipOf(replaceMember(legacyZipEntries(), 'anonymous', 'csv', lines.join('\n'))) }, verifyOptions);
    expect(of(r, 'V10')).toEqual([expect.objectContaining({ severity: 'FAIL', location: `${ANON_PATH}, line ${DELTA_ROW}`, message: expect.stringContaining('37 fields') })]);
  });

  it('V10 counts a quoted comma as part of one field', async () => {
    // DEFAULT_ROWS has the customer "Delta, Logistics", written quoted.
    expect(legacyDetailedCsv()).toContain('"Delta, Logistics"');
    expect(of(await verifyCsv(legacyDetailedCsv()), 'V10')).toEqual([]);
  });

  it('V10 warns about an empty line between rows', async () => {
    const lines = legacyDetailedCsv().split('\n');
    lines.splice(HARBOR_ROW, 0, '');
    const r = await verifyCsv(lines.join('\n'));
    expect(of(r, 'V10')).toEqual([expect.objectContaining({ severity: 'WARN', location: `line ${HARBOR_ROW + 1}` })]);
  });
});

describe('V11 cell values', () => {
  for (const bad of ['-1', '1.5', 'x', ' 3', '1e3']) {
    it(`V11 fails on "${bad}" in a count cell, naming line and column`, async () => {
      const r = await verifyCsv(legacyDetailedCsv(harborWith({ 'Multiple Phones': bad })));
      expect(of(r, 'V11')).toEqual([
        expect.objectContaining({
          severity: 'FAIL',
          location: `line ${HARBOR_ROW}, column "Multiple Phones"`,
          message: `"${bad}" is not a whole number of 0 or more.`,
        }),
      ]);
    });
  }

  it('V11 fails on "Yes" (and "y") in a Y/N flag', async () => {
    const r = await verifyCsv(legacyDetailedCsv(harborWith({ 'Public Sector': 'Yes', 'Inactive Billing': 'y' })));
    expect(of(r, 'V11')).toEqual([
      expect.objectContaining({ severity: 'FAIL', location: `line ${HARBOR_ROW}, column "Public Sector"`, message: '"Yes" is not Y or N.' }),
      expect.objectContaining({ severity: 'FAIL', location: `line ${HARBOR_ROW}, column "Inactive Billing"`, message: '"y" is not Y or N.' }),
    ]);
  });

  it('V11 fails on a number in a flag column', async () => {
    const r = await verifyCsv(legacyDetailedCsv(harborWith({ 'Inactive Billing': 0 })));
    expect(of(r, 'V11')).toEqual([expect.objectContaining({ location: `line ${HARBOR_ROW}, column "Inactive Billing"` })]);
  });

  it('V11 fails on a blank count cell when the column is not listed in #Unavailable', async () => {
    const r = await verifyCsv(legacyDetailedCsv(harborWith({ 'Site Count': '' })));
    expect(of(r, 'V11')).toEqual([expect.objectContaining({ severity: 'FAIL', location: `line ${HARBOR_ROW}, column "Site Count"`, message: '"" is not a whole number of 0 or more.' })]);
  });

  it('V11 allows blank cells only in the columns #Unavailable lists (semicolon-separated)', async () => {
    const meta = [...legacyMetadata(), '#Unavailable=Site Count;Phone Server Phones'];
    const rows = harborWith({ 'Site Count': '', 'Phone Server Phones': '', 'Multiple Phones': '' });
    const r = await verifyCsv(legacyDetailedCsv(rows, meta));
    expect(of(r, 'V11')).toEqual([expect.objectContaining({ severity: 'FAIL', location: `line ${HARBOR_ROW + 1}, column "Multiple Phones"` })]);
    // #Unavailable is one of the app's own metadata keys: no V8 about it.
    expect(of(r, 'V8')).toEqual([]);
  });

  it('V11 is quiet on whole numbers (including 0) and Y/N flags', async () => {
    const r = await verifyCsv(legacyDetailedCsv(harborWith({ 'Multiple Phones': 0, 'Site Count': 1200, 'Public Sector': 'Y' })));
    expect(of(r, 'V11')).toEqual([]);
  });

  it('V11 (direct) caps a file of many bad cells at 50 findings plus a summary', () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ pkid: `65d5f0a1b2c3d4e5f6071${String(i).padStart(3, '0')}`, values: { 'Site Count': 'n/a' } }));
    const doc = buildCsvDocument(ANONYMOUS, '', undefined, utf8(legacyAnonymousCsv(rows)));
    const found = checkCellValues(findingsFor(ANONYMOUS), doc);
    expect(found).toHaveLength(51);
    expect(found[50]).toMatchObject({ check: 'V11', severity: 'FAIL', message: expect.stringContaining('10 more V11 finding(s)') });
  });
});

describe('V12 Customer PKIDs', () => {
  it('V12 warns about a PKID that is not 24 hex characters', async () => {
    const rows = DEFAULT_ROWS.map((r, i) => (i === 1 ? { ...r, pkid: 'zz5d0a1b2c3d4e5f6071a01x' } : i === 2 ? { ...r, pkid: '65d5f0a1b2c3' } : r));
    const r = await verifyCsv(legacyDetailedCsv(rows));
    expect(of(r, 'V12')).toEqual([
      expect.objectContaining({ severity: 'WARN', location: `line ${HARBOR_ROW}, column "Customer PKID"`, message: expect.stringContaining('"zz5d0a1b2c3d4e5f6071a01x" is not a PKID') }),
      expect.objectContaining({ severity: 'WARN', location: `line ${DELTA_ROW}, column "Customer PKID"` }),
    ]);
  });

  it('V12 fails on a duplicate PKID, naming both lines', async () => {
    const rows = DEFAULT_ROWS.map((r, i) => (i === 2 ? { ...r, pkid: HARBOR_PKID.toUpperCase() } : r));
    const r = await verifyCsv(legacyDetailedCsv(rows));
    expect(of(r, 'V12')).toEqual([
      expect.objectContaining({
        severity: 'FAIL',
        location: `line ${DELTA_ROW}, column "Customer PKID"`,
        message: expect.stringContaining(`also appears on line ${HARBOR_ROW}`),
      }),
    ]);
    expect(verdictOf(r.findings)).toBe('FAIL');
  });

  it('V12 warns about a blank PKID on a customer row, naming the customer', async () => {
    const rows = DEFAULT_ROWS.map((r, i) => (i === 1 ? { ...r, pkid: '' } : r));
    const r = await verifyCsv(legacyDetailedCsv(rows));
    expect(of(r, 'V12')).toEqual([
      expect.objectContaining({ severity: 'WARN', location: `line ${HARBOR_ROW}, column "Customer PKID"`, message: expect.stringContaining('"Harbor Bank" has no Customer PKID') }),
    ]);
  });

  it('V12 is quiet about the blank PKID of a provider row (detailed) and of any anonymous row', async () => {
    expect(DEFAULT_ROWS[0]!.pkid).toBe('');
    expect(of(await verifyCsv(legacyDetailedCsv()), 'V12')).toEqual([]);
    const rows = DEFAULT_ROWS.map((r, i) => (i === 1 ? { ...r, pkid: '' } : r));
    expect(of(await verifyCsv(legacyAnonymousCsv(rows), ANONYMOUS), 'V12')).toEqual([]);
  });
});

describe('V13 inner sums', () => {
  it('V13 warns when "Users With More Than 10 Phones" exceeds "Multiple Phones"', async () => {
    const r = await verifyCsv(legacyDetailedCsv(harborWith({ 'Multiple Phones': 1, 'Users With More Than 10 Phones': 2 })));
    expect(of(r, 'V13')).toEqual([
      expect.objectContaining({
        severity: 'WARN',
        location: `line ${HARBOR_ROW}, column "Users With More Than 10 Phones"`,
        message: expect.stringContaining('is 2, more than "Multiple Phones" (1)'),
      }),
    ]);
    expect(verdictOf(r.findings)).toBe('WARN');
  });

  it('V13 warns when analog ports exceed standalone phones', async () => {
    const r = await verifyCsv(legacyDetailedCsv(harborWith({ 'Standalone Analog Ports (No UCM User)': 4, 'Standalone Phones (No UCM User)': 3 })));
    expect(of(r, 'V13')).toEqual([
      expect.objectContaining({ severity: 'WARN', location: `line ${HARBOR_ROW}, column "Standalone Analog Ports (No UCM User)"` }),
    ]);
  });

  it('V13 warns in a v5 file when Cisco and MS Integrated Services exceed User Licenses', async () => {
    const r = await verifyCsv(summaryAnonymousCsv([v5Row(HARBOR_PKID, { 'User Licenses': 3, 'Cisco and MS Integrated Services': 4 })]), V5_ANONYMOUS);
    expect(of(r, 'V13')).toEqual([
      expect.objectContaining({ severity: 'WARN', location: 'line 13, column "Cisco and MS Integrated Services"', message: expect.stringContaining('more than "User Licenses" (3)') }),
    ]);
  });

  it('V13 is quiet when the parts equal their wholes, and skips cells V11 already fails', async () => {
    const equal = harborWith({ 'Multiple Phones': 2, 'Users With More Than 10 Phones': 2, 'Standalone Phones (No UCM User)': 5, 'Standalone Analog Ports (No UCM User)': 5 });
    expect(of(await verifyCsv(legacyDetailedCsv(equal)), 'V13')).toEqual([]);
    const doc = buildCsvDocument(DETAILED, '', undefined, utf8(legacyDetailedCsv(harborWith({ 'Multiple Phones': 'x', 'Users With More Than 10 Phones': 2 }))));
    expect(checkInnerSums(findingsFor(DETAILED), doc)).toEqual([]);
  });
});

describe('V17 UTF-8', () => {
  /** The detailed CSV with "Harbor Bank" written in Latin-1 as "Härbor Bank" (one 0xE4 byte). */
  function latin1Detailed(): Uint8Array {
    const text = legacyDetailedCsv().replace('Harbor Bank', 'H#rbor Bank');
    const bytes = utf8(text);
    const at = text.indexOf('H#rbor') + 1;
    bytes[at] = 0xe4;
    return bytes;
  }

  it('V17 fails on an invalid UTF-8 byte in a CSV, naming the line', async () => {
    const r = await verifyCsv(latin1Detailed());
    expect(of(r, 'V17')).toEqual([
      expect.objectContaining({ severity: 'FAIL', location: `line ${HARBOR_ROW}`, message: expect.stringContaining('not valid UTF-8') }),
    ]);
    expect(verdictOf(r.findings)).toBe('FAIL');
  });

  it('V17 fails on an invalid byte in a CSV inside a ZIP, naming member and line', async () => {
    const csv = utf8(legacyAnonymousCsv());
    const bad = new Uint8Array([...csv.subarray(0, 3), 0xff, ...csv.subarray(3)]); // in "#OrgID", line 1
    const r = await verifyFile({ name: LEGACY_ZIP_NAME, bytes: await zipOf(replaceMember(legacyZipEntries(), 'anonymous', 'csv', bad)) }, verifyOptions);
    expect(of(r, 'V17')).toEqual([expect.objectContaining({ severity: 'FAIL', location: `${ANON_PATH}, line 1` })]);
  });

  it('V17 fails on an invalid byte in a JSON member, naming the member', async () => {
    const json = new Uint8Array([...utf8('[{"patch": "EKB-'), 0xc3, 0x28, ...utf8('"}]\n')]);
    const r = await verifyFile({ name: LEGACY_ZIP_NAME, bytes: await zipOf(replaceMember(legacyZipEntries(), 'patch', 'json', json)) }, verifyOptions);
    expect(of(r, 'V17')).toEqual([
      expect.objectContaining({ severity: 'FAIL', location: `${LEGACY_FOLDER}${memberName('patch', 'json')}`, message: expect.stringContaining('byte 16') }),
    ]);
  });

  it('V17 fails on an invalid byte in a standalone JSON file', async () => {
    const bytes = new Uint8Array([...utf8('{"a": "'), 0xe9, ...utf8('"}')]);
    const r = await verifyFile({ name: memberName('adaptation_log', 'json'), bytes }, verifyOptions);
    expect(of(r, 'V17')).toEqual([expect.objectContaining({ severity: 'FAIL', location: '' })]);
  });

  it('V17 is quiet on valid multi-byte UTF-8 and a leading BOM', async () => {
    const text = legacyDetailedCsv().replace('Harbor Bank', 'Zürich Bänk 東京');
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
    const r = await verifyCsv(withBom);
    expect(of(r, 'V17')).toEqual([]);
    expect(r.findings, show(r.findings)).toEqual([]);
  });
});

describe('checks stay within their own columns', () => {
  it('every legacy count column is checked by V11 (one bad cell each gives 35 findings)', async () => {
    const all = Object.fromEntries(LEGACY_COUNT_COLUMNS.map((c) => [c, '?']));
    const r = await verifyCsv(legacyDetailedCsv(harborWith(all)));
    expect(of(r, 'V11').map((f) => f.location)).toEqual(LEGACY_COUNT_COLUMNS.map((c) => `line ${HARBOR_ROW}, column "${c}"`));
  });

  it('problems are reported, not thrown, for an empty file', async () => {
    const r = await verifyCsv('', DETAILED);
    expect(problems(r).map((f) => `${f.check} ${f.severity}`)).toEqual(['V8 FAIL', 'V9 FAIL']);
  });
});
