/**
 * V16 (audit-files.md §5): an audit against the previous audit of its
 * Platform ID — customers that appeared or vanished, counts that moved by
 * more than 20% — each decided both ways. The library's side (which audit is
 * "previous") is test/library/previous-audit.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { auditRowKeys } from '../../../src-shared/audit/row-keys';
import { buildCsvDocument, type CsvDocument } from '../../../src-shared/verify/csv-document';
import {
  checkAgainstPrevious,
  movedTooMuch,
  type PreviousAudit,
  previousAuditQuery,
  type PreviousAuditQuery,
} from '../../../src-shared/verify/checks/v16-previous-audit';
import { type Finding, findingsFor } from '../../../src-shared/verify/findings';
import { DEFAULT_ROWS, DATE_TIME, legacyAnonymousCsv, legacyDetailedCsv, legacyMetadata, type LegacyRow, utf8 } from '../../support/builders';

const FILE = 'vlf_Acme-Telecom_VOSS-PRD-1_detailed_legacy_2024-02-21_0553.csv';
const PLATFORM = '65d5f0a1b2c3d4e5f6071829';
const EARLIER = '2024-01-21 05:53';

const detailed = (rows: LegacyRow[] = DEFAULT_ROWS, metadata = legacyMetadata()): CsvDocument => buildCsvDocument(FILE, '', undefined, utf8(legacyDetailedCsv(rows, metadata)));
const anonymous = (rows: LegacyRow[] = DEFAULT_ROWS): CsvDocument => buildCsvDocument('anon.csv', '', undefined, utf8(legacyAnonymousCsv(rows)));

/** A document as the library would hand it back as the previous audit. */
function asPrevious(doc: CsvDocument): PreviousAudit {
  const keys = auditRowKeys(doc.csv.header, doc.csv.rows);
  const customer = doc.csv.header.indexOf('Customer');
  return {
    file: 'vlf_Acme-Telecom_VOSS-PRD-1_detailed_legacy_2024-01-21_0553.csv',
    dateTime: EARLIER,
    sourceId: 1,
    kind: doc.kind === 'anonymous' ? 'anonymous' : 'detailed',
    rows: doc.csv.rows.map((r, k) => ({
      rowKey: keys[k]!,
      customer: customer >= 0 ? r.fields[customer]! : '',
      cells: Object.fromEntries(doc.csv.header.map((c, i) => [c, r.fields[i]!])),
    })),
  };
}

function v16(doc: CsvDocument, previous: PreviousAudit | undefined): Finding[] {
  const query = previousAuditQuery(doc) as PreviousAuditQuery;
  return checkAgainstPrevious(findingsFor(FILE), doc, query, previous);
}
const messages = (fs: Finding[]) => fs.map((f) => f.message);
const withHarbor = (values: LegacyRow['values']): LegacyRow[] => DEFAULT_ROWS.map((r, i) => (i === 1 ? { ...r, values: { ...r.values, ...values } } : r));

describe('V16 compared with the previous audit', () => {
  it('V16: the same counts as last month: one INFO summary and nothing else', () => {
    const found = v16(detailed(), asPrevious(detailed()));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ check: 'V16', severity: 'INFO' });
    expect(found[0]!.message).toBe(`Compared with the previous audit (${EARLIER}, vlf_Acme-Telecom_VOSS-PRD-1_detailed_legacy_2024-01-21_0553.csv): 0 rows new, 0 rows gone, 0 counts moved by more than 20%.`);
  });

  it('V16: a customer that appeared is reported, one that was there already is not', () => {
    const now = [...DEFAULT_ROWS, { provider: 'Acme-Telecom', customer: 'Nova Clinic', pkid: '65d5f0a1b2c3d4e5f6071a09', values: { 'Site Count': 1 } }];
    const found = messages(v16(detailed(now), asPrevious(detailed())));
    expect(found.filter((m) => m.includes('is new'))).toEqual([`Customer Nova Clinic (PKID 65d5f0a1b2c3d4e5f6071a09) is new: it is not in the previous audit (${EARLIER}, vlf_Acme-Telecom_VOSS-PRD-1_detailed_legacy_2024-01-21_0553.csv).`]);
    expect(found[0]).toContain('1 row new, 0 rows gone');
  });

  it('V16: a customer that vanished is reported with its name from the previous audit', () => {
    const found = messages(v16(detailed(DEFAULT_ROWS.slice(0, 2)), asPrevious(detailed())));
    expect(found.filter((m) => m.includes('is not in this one'))).toEqual([
      `Customer Delta, Logistics (PKID 65d5f0a1b2c3d4e5f6071a03) was in the previous audit (${EARLIER}, vlf_Acme-Telecom_VOSS-PRD-1_detailed_legacy_2024-01-21_0553.csv) but is not in this one.`,
    ]);
    expect(found[0]).toContain('0 rows new, 1 row gone');
  });

  it('V16: a count that moved by more than 20% is reported with its line and column; one that moved by 20% or less is not', () => {
    // Multiple Phones 19 → 23 is +21%; Site Count 4 → 3 is −25%; Users With More Than 10 Phones 2 → 2 stays.
    const moved = v16(detailed(withHarbor({ 'Multiple Phones': 23, 'Site Count': 3 })), asPrevious(detailed()));
    const lines = moved.slice(1).map((f) => `${f.location}: ${f.message}`);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^line \d+, column "Multiple Phones": Multiple Phones for Customer Harbor Bank \(PKID 65d5f0a1b2c3d4e5f6071a01\) moved from 19 to 23 \(\+21%\) since/);
    expect(lines[1]).toContain('Site Count for Customer Harbor Bank (PKID 65d5f0a1b2c3d4e5f6071a01) moved from 4 to 3 (−25%)');
    // 19 → 22 is +15.8%: within the 20%.
    expect(v16(detailed(withHarbor({ 'Multiple Phones': 22 })), asPrevious(detailed()))).toHaveLength(1);
  });

  it('V16: the 20% threshold itself is not "more than 20%"; any change from 0 is reported', () => {
    expect(movedTooMuch(10, 12)).toBe(false);
    expect(movedTooMuch(10, 13)).toBe(true);
    expect(movedTooMuch(10, 8)).toBe(false);
    expect(movedTooMuch(10, 7)).toBe(true);
    expect(movedTooMuch(0, 0)).toBe(false);
    expect(movedTooMuch(0, 1)).toBe(true);
    const fromZero = messages(v16(detailed(withHarbor({ 'One Phone (No VM & No WebEx & No Spark)': 2 })), asPrevious(detailed())));
    expect(fromZero.some((m) => m.includes('moved from 0 to 2 (none before)'))).toBe(true);
  });

  it('V16: flags are not counts: Inactive Billing turning off is not a moved count', () => {
    const now = DEFAULT_ROWS.map((r, i) => (i === 2 ? { ...r, values: { ...r.values, 'Inactive Billing': 'N' } } : r));
    expect(v16(detailed(now), asPrevious(detailed()))).toHaveLength(1);
  });

  it('V16: provider rows compare with the same kind of file, and only customer rows across kinds', () => {
    const providerMoved = DEFAULT_ROWS.map((r, i) => (i === 0 ? { ...r, values: { 'Standalone Phones (No UCM User)': 30 } } : r));
    const sameKind = messages(v16(detailed(providerMoved), asPrevious(detailed())));
    expect(sameKind.some((m) => m.startsWith('Standalone Phones (No UCM User) for The provider row of Acme-Telecom moved from 3 to 30'))).toBe(true);
    // Against an anonymous previous audit the provider row has another key (no provider name): not compared, not "new" either.
    const acrossKinds = v16(detailed(providerMoved), asPrevious(anonymous()));
    expect(acrossKinds).toHaveLength(1);
    expect(acrossKinds[0]!.message).toContain('0 rows new, 0 rows gone, 0 counts moved');
  });

  it('V16: a row with the wrong number of fields (V10) is neither compared nor reported as gone, and does not shift the provider rows', () => {
    // A short provider row before the real one, and Harbor Bank's row one field too long.
    const csv = legacyDetailedCsv(withHarbor({ 'Multiple Phones': 99 }))
      .replace('\nAcme-Telecom,,,,', '\nAcme-Telecom,,,,1,2\nAcme-Telecom,,,,')
      .replace('Harbor Bank,65d5f0a1b2c3d4e5f6071a01,', 'Harbor Bank,65d5f0a1b2c3d4e5f6071a01,7,');
    expect(csv.split('\n').filter((l) => l.startsWith('Acme-Telecom,,,,'))).toHaveLength(2);
    const doc = buildCsvDocument(FILE, '', undefined, utf8(csv));
    const found = v16(doc, asPrevious(detailed()));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('0 rows new, 0 rows gone, 0 counts moved');
  });

  it('V16: no earlier audit in the library is said so, as INFO', () => {
    const found = v16(detailed(), undefined);
    expect(found).toEqual([
      expect.objectContaining({ check: 'V16', severity: 'INFO', message: `The library holds no audit of platform ${PLATFORM} before ${DATE_TIME}; there is nothing to compare this one with.` }),
    ]);
  });

  it('V16: a file without Platform ID or a readable Date Time cannot be placed in a history', () => {
    expect(previousAuditQuery(detailed())).toEqual({ platformId: PLATFORM, dateTime: DATE_TIME, kind: 'detailed' });
    expect(previousAuditQuery(detailed(DEFAULT_ROWS, legacyMetadata({ 'Platform ID': null })))).toEqual({ reason: expect.stringContaining('no #Platform ID') });
    expect(previousAuditQuery(detailed(DEFAULT_ROWS, legacyMetadata({ 'Date Time': 'yesterday' })))).toEqual({ reason: expect.stringContaining('no readable #Date Time') });
  });
});
