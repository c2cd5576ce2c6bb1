/**
 * V16 end to end: `vlf-desk verify` compares each audit with the previous
 * audit of its Platform ID in the library — the latest one before it, of
 * that platform, not archived — and says when it could not.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLibrary } from '../../src-main/library/library';
import { previousReportedAudit } from '../../src-main/library/reported-audits';
import { DEFAULT_ROWS, legacyDetailedCsv, legacyMetadata, type LegacyRow } from '../support/builders';
import { cli } from '../support/cli';
import { tempDir } from '../support/temp';

const PLATFORM = '65d5f0a1b2c3d4e5f6071829';
const OTHER_PLATFORM = '65d5f0a1b2c3d4e5f60718ff';

/** A detailed legacy CSV of `dateTime` ('YYYY-MM-DD HH:MM') written into `dir`, named as the platform names it. */
function auditFile(dir: string, dateTime: string, rows: LegacyRow[], platformId = PLATFORM): string {
  const stamp = dateTime.replace(' ', '_').replace(':', '');
  const name = `vlf_Acme-Telecom_${platformId === PLATFORM ? 'VOSS-PRD-1' : 'VOSS-PRD-2'}_detailed_legacy_${stamp}.csv`;
  const path = join(dir, name);
  const hostname = platformId === PLATFORM ? 'VOSS-PRD-1' : 'VOSS-PRD-2';
  writeFileSync(path, legacyDetailedCsv(rows, legacyMetadata({ 'Date Time': dateTime, 'Platform ID': platformId, hostname })));
  return path;
}

const harbor = (multiplePhones: number): LegacyRow[] => DEFAULT_ROWS.map((r, i) => (i === 1 ? { ...r, values: { ...r.values, 'Multiple Phones': multiplePhones } } : r));

async function libraryWith(...files: string[]): Promise<string> {
  const library = join(tempDir('vlf-v16-'), 'library.sqlite');
  const run = await cli('import', '--library', library, ...files);
  expect(run.stderr).not.toContain('internal error');
  expect(run.code).toBe(0);
  return library;
}

const v16Lines = (stdout: string) => stdout.split('\n').filter((l) => /^\s+INFO V16 /.test(l));

describe('vlf-desk verify: V16 against the library', () => {
  it('V16: compares with the latest earlier audit of the same platform — not a later one, not another platform', async () => {
    const dir = tempDir('vlf-v16-files-');
    const january = auditFile(dir, '2024-01-21 05:53', harbor(10));
    const december = auditFile(dir, '2023-12-21 05:53', harbor(19));
    const march = auditFile(dir, '2024-03-21 05:53', harbor(40));
    const otherPlatform = auditFile(dir, '2024-02-01 05:53', harbor(1), OTHER_PLATFORM);
    const library = await libraryWith(december, january, march, otherPlatform);
    const february = auditFile(tempDir('vlf-v16-feb-'), '2024-02-21 05:53', harbor(19));

    const run = await cli('verify', '--verbose', '--library', library, february);
    expect(run.code).toBe(0);
    const lines = v16Lines(run.stdout);
    expect(lines[0]).toContain(`Compared with the previous audit (2024-01-21 05:53, ${january.split('/').pop()}): 0 rows new, 0 rows gone, 1 count moved by more than 20%.`);
    expect(lines[1]).toContain('Multiple Phones for Customer Harbor Bank (PKID 65d5f0a1b2c3d4e5f6071a01) moved from 10 to 19 (+90%)');
    expect(lines).toHaveLength(2);
    expect(run.stdout).not.toContain('Not checked');
  });

  it('V16: an archived audit is no longer the previous one; with none left the report says so', async () => {
    const dir = tempDir('vlf-v16-files-');
    const library = await libraryWith(auditFile(dir, '2024-01-21 05:53', harbor(10)));
    const lib = await AuditLibrary.open(library);
    const query = { platformId: PLATFORM, dateTime: '2024-02-21 05:53', kind: 'detailed' as const };
    expect(previousReportedAudit(lib.database, query)?.dateTime).toBe('2024-01-21 05:53');
    // The same snapshot is not its own previous audit.
    expect(previousReportedAudit(lib.database, { ...query, dateTime: '2024-01-21 05:53' })).toBeUndefined();
    lib.archive(lib.listSources({ includeArchived: false })[0]!.id);
    await lib.save();
    expect(previousReportedAudit(lib.database, query)).toBeUndefined();
    lib.close();

    const run = await cli('verify', '--verbose', '--library', library, auditFile(tempDir('vlf-v16-feb-'), '2024-02-21 05:53', harbor(19)));
    expect(v16Lines(run.stdout)).toEqual([expect.stringContaining(`The library holds no audit of platform ${PLATFORM} before 2024-02-21 05:53`)]);
  });

  it('V16: without a library verify says V16 was not checked, and creates no library', async () => {
    const missing = join(tempDir('vlf-v16-'), 'none.sqlite');
    const file = auditFile(tempDir('vlf-v16-files-'), '2024-02-21 05:53', harbor(19));
    const run = await cli('verify', '--library', missing, file);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Not checked: V16 (comparison with the previous audit): there is no audit library at ${missing}`);
    expect(v16Lines(run.stdout)).toEqual([]);
    expect(existsSync(missing)).toBe(false);
    // --json keeps stdout to the one documented document; the note goes to stderr.
    const json = await cli('verify', '--json', '--library', missing, file);
    expect(Object.keys(JSON.parse(json.stdout) as object)).toEqual(['files', 'summary']);
    expect(json.stderr).toContain('Not checked: V16');
  });

  it('V16: a library that cannot be opened costs V16 only: the files are still verified, and the reason is given', async () => {
    const broken = join(tempDir('vlf-v16-'), 'library.sqlite');
    writeFileSync(broken, 'this is not a database');
    const run = await cli('verify', '--library', broken, auditFile(tempDir('vlf-v16-files-'), '2024-02-21 05:53', harbor(19)));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 file: 1 PASS, 0 WARN, 0 FAIL');
    expect(run.stdout).toContain(`Not checked: V16 (comparison with the previous audit): the library ${broken} cannot be opened`);
  });
});
