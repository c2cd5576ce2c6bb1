import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectSourceKind, looksLikeAuditCsv } from '../../src-main/ingest/detect-source';
import { InputError } from '../../src-main/services/input-files';
import { rawZip } from '../support/builders';
import { FIXTURES, tempDir, writeTemp, zipFolder } from './dump-support';

const GUIDE_CSV = join(__dirname, '..', 'fixtures', 'guide', 'vlf_CS-P_VOSS-UN-1_anonymous_legacy_2022-11-19_1311.csv');
const LICENSE_ZIP = join(__dirname, '..', 'fixtures', 'handmade', 'vlf_Acme-Telecom_VOSS-PRD-1_license_2025-10-01_0300.zip');

function exportFolder(): string {
  const dir = join(tempDir(), '2024-05-07');
  mkdirSync(dir);
  for (const type of ['customer', 'site', 'subscriber', 'phones', 'ms_teams']) writeFileSync(join(dir, `2024-05-07_1200_${type}.json.gz`), '');
  return dir;
}

describe('detectSourceKind: by what is inside', () => {
  it('a folder of model-type files is a dump; so is its ZIP, whatever the ZIP is called', async () => {
    expect(await detectSourceKind(join(FIXTURES, 'basic'))).toBe('dump');
    expect(await detectSourceKind(writeTemp('backup.bin', zipFolder(join(FIXTURES, 'basic'), { top: 'x' })))).toBe('dump');
  });

  it('a folder holding only meta.json and unknown files is a dump', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'meta.json'), '{}');
    writeFileSync(join(dir, 'device.cucm.Line.json'), '[]');
    expect(await detectSourceKind(dir)).toBe('dump');
  });

  it('a folder of <YYYY-MM-DD_HHMM>_<type>.json.gz files is an export bundle; so is its ZIP', async () => {
    const dir = exportFolder();
    expect(await detectSourceKind(dir)).toBe('export');
    expect(await detectSourceKind(join(dir, '..'))).toBe('export');
    expect(await detectSourceKind(writeTemp('subscribers.zip', zipFolder(join(dir, '..'))))).toBe('export');
  });

  it('an audit ZIP (vlf_* members) is an audit, even renamed', async () => {
    expect(await detectSourceKind(LICENSE_ZIP)).toBe('audit');
    const renamed = join(tempDir(), 'from-customer.zip');
    copyFileSync(LICENSE_ZIP, renamed);
    expect(await detectSourceKind(renamed)).toBe('audit');
  });

  it('an audit CSV is an audit by its name, and by its content when renamed', async () => {
    expect(await detectSourceKind(GUIDE_CSV)).toBe('audit');
    expect(await detectSourceKind(writeTemp('report.csv', readFileSync(GUIDE_CSV)))).toBe('audit');
    expect(await detectSourceKind(writeTemp('headerless.txt', '"Customer Name","Customer PKID","Users"\n"A","1","2"\n'))).toBe('audit');
  });

  it('a vlf_* file is an audit by name (verify reports what is wrong with it)', async () => {
    expect(await detectSourceKind(writeTemp('vlf_CS-P_HOST_license_2025-01-01_0000.zip', 'broken'))).toBe('audit');
  });

  it('a single model-type file is a dump', async () => {
    expect(await detectSourceKind(join(FIXTURES, 'basic', 'data.User.json'))).toBe('dump');
  });

  it('anything else is undefined', async () => {
    expect(await detectSourceKind(writeTemp('notes.txt', 'hello'))).toBeUndefined();
    expect(await detectSourceKind(tempDir())).toBeUndefined();
    expect(await detectSourceKind(writeTemp('empty.zip', rawZip([])))).toBeUndefined();
    expect(await detectSourceKind(writeTemp('damaged.zip', 'PK\u0003\u0004 nothing else'))).toBeUndefined();
    expect(await detectSourceKind(writeTemp('list.json', '[1, 2, 3]'))).toBeUndefined();
  });

  it('a path that does not exist throws an InputError', async () => {
    await expect(detectSourceKind(join(tempDir(), 'missing'))).rejects.toBeInstanceOf(InputError);
  });
});

describe('looksLikeAuditCsv', () => {
  it.each<[string, boolean]>([
    ['#OrgID=0010000001kPTUpQA0\n#hostname=x\n', true],
    ['\uFEFF#Provider Name=CS-P\n', true],
    ['\n\n#Audit Version=5\n', true],
    ['Customer PKID,Customer Name\n', true],
    ['# just a comment\n', false],
    ['[{"pkid": "1"}]', false],
    ['name,value\n', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeAuditCsv(new TextEncoder().encode(text))).toBe(expected);
  });
});
