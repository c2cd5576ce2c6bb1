import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEGACY_COUNT_COLUMNS } from '../../src-shared/audit/columns';
import { verifyBatch } from '../../src-shared/verify/verify-batch';
import { verifyFile } from '../../src-shared/verify/verify-file';
import { fileBatchItem } from '../../src-main/services/input-files';
import { verifyOptions } from '../support/builders';

const guide = join(__dirname, '../fixtures/guide');
const handmade = join(__dirname, '../fixtures/handmade');
const read = (dir: string, name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) });

describe("the guide's example files (seed 001 §2.5.1)", () => {
  it('the anonymous example reads: 36 columns, two rows, the legacy 4.x anonymous set, no FAIL', async () => {
    const result = await verifyFile(read(guide, 'vlf_CS-P_VOSS-UN-1_anonymous_legacy_2022-11-19_1311.csv'), verifyOptions);
    const doc = result.csvs[0]!;
    expect(doc.csv.header).toEqual(['Customer PKID', ...LEGACY_COUNT_COLUMNS]);
    expect(doc.columns.id).toBe('legacy-4x');
    expect(doc.csv.rows.map((r) => r.fields.length)).toEqual([36, 36]);
    expect(doc.csv.rows[1]!.fields[0]).toBe('6197a2572f7ab2c5dbb8f2fc');
    expect(result.findings.filter((f) => f.severity === 'FAIL')).toEqual([]);
    // The guide prints template text where the token and expiry go: reported, not fatal.
    expect(result.findings.filter((f) => f.severity === 'WARN').map((f) => f.location)).toEqual(['line 9', 'line 10']);
  });

  it('the detailed example is reported line by line (37 and 36 fields under 39 columns), not a crash', async () => {
    const result = await verifyFile(read(guide, 'vlf_CS-P_VOSS-UN-1_detailed_legacy_2022-11-19_1311.csv'), verifyOptions);
    const v10 = result.findings.filter((f) => f.check === 'V10');
    expect(v10).toEqual([
      expect.objectContaining({ severity: 'FAIL', location: 'line 13', message: expect.stringContaining('37 fields, but the header has 39') }),
      expect.objectContaining({ severity: 'FAIL', location: 'line 14', message: expect.stringContaining('36 fields, but the header has 39') }),
    ]);
    expect(result.findings.filter((f) => f.check === 'V9')).toEqual([]);
  });
});

describe('hand-made audit files (made with zip and sha256sum/md5sum, test/fixtures/handmade/make.sh)', () => {
  const files = readdirSync(handmade).filter((n) => n.startsWith('vlf_')).sort();

  it('there are the legacy, 19.3 and v5 layouts plus a detailed CSV', () => {
    expect(files).toHaveLength(5);
  });

  it('every file passes, with the hash algorithm of each member reported', async () => {
    const report = await verifyBatch(files.map((n) => fileBatchItem(join(handmade, n))), verifyOptions);
    expect(report.files.map((f) => [f.file, f.verdict, f.findings.filter((x) => x.severity !== 'INFO')])).toEqual(
      files.map((n) => [n, 'PASS', []]),
    );
    const legacy = report.files.find((f) => f.file.includes('license_legacy'))!;
    const matched = legacy.findings.filter((f) => f.check === 'V5').map((f) => f.message);
    expect(matched.sort()).toEqual(['MD5 hash matches.', 'SHA-1 hash matches.', 'SHA-256 hash matches.', 'SHA-512 hash matches.']);
  });

  it('V15 compares the detailed CSV with the anonymous CSV in the legacy ZIP and finds them equal', async () => {
    const pair = files.filter((n) => n.includes('2024-02-21_0553'));
    const report = await verifyBatch(pair.map((n) => fileBatchItem(join(handmade, n))), verifyOptions);
    expect(report.files.flatMap((f) => f.findings.filter((x) => x.check === 'V15'))).toEqual([]);
    // …and the comparison really ran: change one count in the detailed CSV and V15 fires.
    const detailedName = pair.find((n) => n.includes('detailed'))!;
    const text = readFileSync(join(handmade, detailedName), 'utf8').replace('Harbor Bank,65d5f0a1b2c3d4e5f6071a01,4,', 'Harbor Bank,65d5f0a1b2c3d4e5f6071a01,5,');
    const tampered = await verifyBatch(
      [
        { name: detailedName, load: async () => ({ bytes: new TextEncoder().encode(text) }) },
        fileBatchItem(join(handmade, pair.find((n) => n.endsWith('.zip'))!)),
      ],
      verifyOptions,
    );
    const v15 = tampered.files.flatMap((f) => f.findings.filter((x) => x.check === 'V15'));
    expect(v15.length).toBe(2); // once on each file's report
    expect(v15[0]!.message).toContain('65d5f0a1b2c3d4e5f6071a01');
  });
});
