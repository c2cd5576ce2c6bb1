import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';
import { COMMANDS } from '../../src-main/cli/main';
import { cli } from '../support/cli';

const handmade = join(__dirname, '../fixtures/handmade');
const guide = join(__dirname, '../fixtures/guide');
const LEGACY_ZIP = 'vlf_Acme-Telecom_VOSS-PRD-1_license_legacy_2024-02-21_0553.zip';
const DETAILED = 'vlf_Acme-Telecom_VOSS-PRD-1_detailed_legacy_2024-02-21_0553.csv';

describe('vlf-desk (cli.md)', () => {
  it('--help lists every command of cli.md', async () => {
    const run = await cli('--help');
    expect(run.code).toBe(0);
    for (const name of ['count', 'users', 'explain', 'verify', 'diff', 'anonymize', 'import', 'library']) {
      expect(run.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });

  it.each(COMMANDS.map((c) => c.name))('%s --help prints its usage and exits 0', async (name) => {
    const run = await cli(name, '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: vlf-desk ${name}`);
  });

  it.each([
    ['count', '/no/such/dump'],
    ['users', '/no/such/dump'],
    ['explain', '/no/such/dump', '--customer', 'x', '--column', 'Site Count'],
    ['diff', '/no/such/dump', 'reported.csv'],
  ])('%s on a missing source: one clear line on stderr naming it, exit 2', async (...argv) => {
    const run = await cli(...argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('/no/such/dump');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an unknown command or option is bad usage (exit 2)', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
    const run = await cli('verify', '--frob', handmade);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown option --frob');
  });
});

describe('vlf-desk verify', () => {
  it('a folder of good files: one line per file, a summary, exit 0', async () => {
    const run = await cli('verify', handmade);
    expect(run.code).toBe(0);
    const verdictLines = run.stdout.split('\n').filter((l) => /^(PASS|WARN|FAIL) /.test(l));
    expect(verdictLines).toHaveLength(5);
    expect(run.stdout).toContain('5 files: 5 PASS, 0 WARN, 0 FAIL');
    expect(run.stdout).not.toContain('INFO V16');
    // Progress goes to stderr, never stdout.
    expect(run.stderr).toMatch(/\d+\/5 /);
  });

  it('--json prints exactly one document of the documented shape; a failing file exits 1', async () => {
    const run = await cli('verify', '--json', guide);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as { files: Array<Record<string, unknown>>; summary: Record<string, number> };
    expect(Object.keys(doc)).toEqual(['files', 'summary']);
    expect(doc.summary).toEqual({ PASS: 0, WARN: 1, FAIL: 1 });
    const failed = doc.files.find((f) => f.verdict === 'FAIL')!;
    expect(Object.keys(failed)).toEqual(['file', 'verdict', 'findings']);
    expect((failed.findings as unknown[])[0]).toEqual({
      check: 'V10',
      severity: 'FAIL',
      file: 'vlf_CS-P_VOSS-UN-1_detailed_legacy_2022-11-19_1311.csv',
      location: 'line 13',
      message: expect.any(String),
    });
  });

  it('a tampered ZIP fails with V5 naming the member', async () => {
    const dir = tempDir();
    const zip = await JSZip.loadAsync(readFileSync(join(handmade, LEGACY_ZIP)));
    const member = '2024-02-21_0553_license/vlf_Acme-Telecom_VOSS-PRD-1_anonymous_legacy_2024-02-21_0553.csv';
    const text = await zip.file(member)!.async('string');
    zip.file(member, text.replace('65d5f0a1b2c3d4e5f6071a04,0,9', '65d5f0a1b2c3d4e5f6071a04,0,8'));
    writeFileSync(join(dir, LEGACY_ZIP), await zip.generateAsync({ type: 'uint8array' }));
    const run = await cli('verify', join(dir, LEGACY_ZIP));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^FAIL  ${LEGACY_ZIP}$`, 'm'));
    expect(run.stdout).toMatch(/FAIL V5  2024-02-21_0553_license\/vlf_Acme-Telecom_VOSS-PRD-1_anonymous_legacy_2024-02-21_0553\.csv: .*does not match its SHA-256 hash/);
  });

  it('--expect-provider fails files from another provider', async () => {
    const run = await cli('verify', '--expect-provider', 'Other', join(handmade, DETAILED));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('but "Other" was expected');
  });

  it('a path that does not exist is unreadable input: exit 2, one line naming it', async () => {
    const run = await cli('verify', '/no/such/file.zip');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('vlf-desk: verify: /no/such/file.zip: no such file or folder\n');
  });

  it('a folder with no vlf_ files is exit 2', async () => {
    const run = await cli('verify', tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/holds no vlf_/);
  });

  it('500 ZIPs in a folder verify in one command, one verdict line each', async () => {
    const dir = tempDir();
    const source = join(handmade, LEGACY_ZIP);
    for (let i = 0; i < 500; i++) {
      // Same content under 500 audit dates; the members' names keep their own date, so V7 warns.
      const day = String(1 + (i % 28)).padStart(2, '0');
      const hhmm = `${String(Math.floor(i / 60) % 24).padStart(2, '0')}${String(i % 60).padStart(2, '0')}`;
      copyFileSync(source, join(dir, `vlf_Acme-Telecom_VOSS-PRD-1_license_legacy_2024-03-${day}_${hhmm}.zip`));
    }
    const names = new Set(readdirSync(dir));
    const run = await cli('verify', dir);
    const verdictLines = run.stdout.split('\n').filter((l) => /^(PASS|WARN|FAIL) /.test(l));
    expect(verdictLines).toHaveLength(names.size);
    expect(run.stdout).toContain(`${names.size} files: 0 PASS, ${names.size} WARN, 0 FAIL`);
    expect(run.code).toBe(0);
  });
});

describe('vlf-desk anonymize', () => {
  it('writes the legacy ZIP beside nothing else, copies support files from the license ZIP beside the input, verifies it', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    copyFileSync(join(handmade, DETAILED), join(dir, DETAILED));
    copyFileSync(join(handmade, LEGACY_ZIP), join(dir, LEGACY_ZIP));
    const run = await cli('anonymize', join(dir, DETAILED), '--out-dir', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readdirSync(out)).toEqual([LEGACY_ZIP]);
    expect(run.stdout).toContain('copied anonymous_breakdown, patch, adaptation_log');
    expect(run.stdout).toContain('1 file: 1 PASS, 0 WARN, 0 FAIL');
    // The ZIP holds the same anonymous CSV the platform wrote.
    const ours = await JSZip.loadAsync(readFileSync(join(out, LEGACY_ZIP)));
    const theirs = await JSZip.loadAsync(readFileSync(join(handmade, LEGACY_ZIP)));
    const member = '2024-02-21_0553_license/vlf_Acme-Telecom_VOSS-PRD-1_anonymous_legacy_2024-02-21_0553.csv';
    expect(await ours.file(member)!.async('string')).toBe(await theirs.file(member)!.async('string'));
  });

  it('the same input gives a byte-identical ZIP', async () => {
    const a = tempDir();
    const b = tempDir();
    await cli('anonymize', join(handmade, DETAILED), '--out-dir', a);
    await cli('anonymize', join(handmade, DETAILED), '--out-dir', b);
    expect(readFileSync(join(a, LEGACY_ZIP)).equals(readFileSync(join(b, LEGACY_ZIP)))).toBe(true);
  });

  it('never replaces the input or a different file already in --out-dir; writing the same bytes again is fine', async () => {
    const dir = tempDir();
    expect((await cli('anonymize', join(handmade, DETAILED), '--out-dir', dir)).code).toBe(0);
    expect((await cli('anonymize', join(handmade, DETAILED), '--out-dir', dir)).code).toBe(0);
    writeFileSync(join(dir, LEGACY_ZIP), 'the platform’s own ZIP');
    const run = await cli('anonymize', join(handmade, DETAILED), '--out-dir', dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('already exists with other content');
    expect(readFileSync(join(dir, LEGACY_ZIP), 'utf8')).toBe('the platform’s own ZIP');
    const same = tempDir();
    const input = join(same, 'vlf_Acme-Telecom_VOSS-PRD-1_license_detailed_2025-10-01_0300.zip');
    copyFileSync(join(handmade, 'vlf_Acme-Telecom_VOSS-PRD-1_license_detailed_2025-10-01_0300.zip'), input);
    const over = await cli('anonymize', input, '--out-dir', same);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain('would replace the input');
  });

  it('refuses a detailed CSV whose rows would not verify, naming the line (exit 2)', async () => {
    const run = await cli('anonymize', join(guide, 'vlf_CS-P_VOSS-UN-1_detailed_legacy_2022-11-19_1311.csv'), '--out-dir', tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('would make the ZIP fail verification');
    expect(run.stderr).toContain('V10 line 13');
  });

  it('requires --out-dir and a valid --layout', async () => {
    expect((await cli('anonymize', join(handmade, DETAILED))).stderr).toContain('--out-dir DIR is required');
    const run = await cli('anonymize', join(handmade, DETAILED), '--out-dir', tempDir(), '--layout', 'v9');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--layout must be one of legacy, v5, 19.3');
  });

  it('a v5 license_detailed ZIP anonymizes to the v5 pair, which verifies together (V15)', async () => {
    const out = tempDir();
    const run = await cli('anonymize', join(handmade, 'vlf_Acme-Telecom_VOSS-PRD-1_license_detailed_2025-10-01_0300.zip'), '--out-dir', out, '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { layout: string; written: string[]; verification: { summary: unknown } };
    expect(result.layout).toBe('v5');
    expect(result.written.map((w) => w.replace(/^.*\//, ''))).toEqual([
      'vlf_Acme-Telecom_VOSS-PRD-1_license_2025-10-01_0300.zip',
      'vlf_Acme-Telecom_VOSS-PRD-1_license_detailed_2025-10-01_0300.zip',
    ]);
    expect(result.verification.summary).toEqual({ PASS: 2, WARN: 0, FAIL: 0 });
  });
});

describe('the installed command', () => {
  const bin = join(__dirname, '../../dist/src-main/cli/main.js');

  it('the built vlf-desk runs as a program and exits with the documented codes', () => {
    expect(existsSync(bin)).toBe(true); // `npm test` builds first
    // npx runs the bin file itself, so it must be executable where modes exist.
    if (process.platform !== 'win32') expect(statSync(bin).mode & 0o111).not.toBe(0);
    const help = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help).toContain('Usage: vlf-desk COMMAND');
    const failed = spawnSync(process.execPath, [bin, 'verify', guide], { encoding: 'utf8' });
    expect(failed.status).toBe(1);
    const usage = spawnSync(process.execPath, [bin, 'count', 'x'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });
});
