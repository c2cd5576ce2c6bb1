import { randomBytes } from 'node:crypto';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { MAX_FINDINGS_PER_CHECK } from '../../src-shared/verify/capped';
import { verifyFile } from '../../src-shared/verify/verify-file';
import { legacyAnonymousCsv, legacyZipEntries, LEGACY_ZIP_NAME, memberName, utf8, verifyOptions, zipOf } from '../support/builders';

/** Bad input gives findings, never an exception out of verify. */
describe('verify on bad input', () => {
  const anonymousName = memberName('anonymous', 'csv');

  it('an empty file fails with V9 (no header), no exception', async () => {
    const result = await verifyFile({ name: anonymousName, bytes: new Uint8Array() }, verifyOptions);
    expect(result.findings).toContainEqual(expect.objectContaining({ check: 'V9', severity: 'FAIL' }));
  });

  it('binary garbage fails with V17 (not UTF-8) and V8, no exception', async () => {
    // Deterministic "garbage": bytes 0x80–0xFF repeated, never valid UTF-8 at the start.
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => 0x80 + (i % 128));
    const result = await verifyFile({ name: 'vlf_A_B_anonymous_2024-01-01_0000.csv', bytes }, verifyOptions);
    expect(result.findings).toContainEqual(expect.objectContaining({ check: 'V17', severity: 'FAIL', location: 'line 1' }));
    expect(result.findings).toContainEqual(expect.objectContaining({ check: 'V8', severity: 'FAIL' }));
  });

  it('random bytes of any kind never throw', async () => {
    for (let i = 0; i < 20; i++) {
      const bytes = new Uint8Array(randomBytes(1 + i * 97));
      await expect(verifyFile({ name: `garbage-${i}.csv`, bytes }, verifyOptions)).resolves.toBeDefined();
    }
  });

  it('a CSV with a BOM and CRLF line ends is accepted as it is', async () => {
    const text = `\uFEFF${legacyAnonymousCsv().replace(/\n/g, '\r\n')}`;
    const result = await verifyFile({ name: anonymousName, bytes: utf8(text) }, verifyOptions);
    expect(result.findings.filter((f) => f.severity !== 'INFO')).toEqual([]);
    expect(result.csvs[0]!.csv.bom).toBe(true);
    expect(result.csvs[0]!.csv.rows).toHaveLength(3);
  });

  it('a truncated ZIP fails with V2 saying it may be truncated', async () => {
    const whole = await zipOf(legacyZipEntries());
    const bytes = whole.subarray(0, Math.floor(whole.length / 2));
    const result = await verifyFile({ name: LEGACY_ZIP_NAME, bytes }, verifyOptions);
    expect(result.findings).toEqual([
      expect.objectContaining({ check: 'V2', severity: 'FAIL', message: expect.stringMatching(/truncated or damaged/) }),
    ]);
  });

  it('a ZIP of 10,000 entries gives a readable list of findings (V6, capped), no exception', async () => {
    const zip = new JSZip();
    for (const [path, content] of legacyZipEntries()) {
      if (content === null) zip.file(path, null, { dir: true });
      else zip.file(path, content, { createFolders: false });
    }
    for (let i = 0; i < 10_000 - 9; i++) zip.file(`2024-02-21_0553_license/extra-${i}.txt`, '', { createFolders: false });
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    const result = await verifyFile({ name: LEGACY_ZIP_NAME, bytes }, verifyOptions);
    const v6 = result.findings.filter((f) => f.check === 'V6');
    expect(v6).toHaveLength(MAX_FINDINGS_PER_CHECK + 1);
    expect(v6[MAX_FINDINGS_PER_CHECK]!.message).toMatch(new RegExp(`^${10_000 - 9 - MAX_FINDINGS_PER_CHECK} more V6 finding`));
    expect(result.findings.filter((f) => f.severity === 'FAIL')).toEqual([]);
  });

  it('a file that only looks like a ZIP (PK header, nothing else) fails with V2', async () => {
    const result = await verifyFile({ name: LEGACY_ZIP_NAME, bytes: utf8('PK\u0003\u0004 not really') }, verifyOptions);
    expect(result.findings).toContainEqual(expect.objectContaining({ check: 'V2', severity: 'FAIL' }));
  });
});
