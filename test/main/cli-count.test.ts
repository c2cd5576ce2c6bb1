/** The engine's commands (cli.md count, users, explain, diff) end to end on the worked examples. */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAuditCsvText } from '../../src-shared/audit/csv';
import type { CountDiff } from '../../src-shared/engine/types';
import { cli } from '../support/cli';
import { tempDir } from '../support/temp';

const FIXTURES = join(__dirname, '..', '..', '..', 'shared', 'fixtures');
const basic = join(FIXTURES, 'basic');
const multi = join(FIXTURES, 'multi-tenant');

describe('vlf-desk count', () => {
  it('writes the legacy detailed CSV to stdout (R90: the same bytes twice)', async () => {
    const a = await cli('count', join(basic, 'dump'));
    const b = await cli('count', join(basic, 'dump'));
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(readFileSync(join(basic, 'expected-legacy-detailed.csv'), 'utf8'));
    expect(b.stdout).toBe(a.stdout);
  });

  it('--format v5 --view anonymous drops the name columns and keeps the pkids', async () => {
    const run = await cli('count', join(multi, 'dump'), '--format', 'v5', '--view', 'anonymous');
    expect(run.code).toBe(0);
    const csv = parseAuditCsvText(run.stdout);
    expect(csv.header.slice(0, 3)).toEqual(['Provider PKID', 'Customer PKID', 'User Licenses']);
    expect(csv.rows).toHaveLength(5);
    // The anonymous view names no customer (V14); #Provider Name is the platform's own metadata line.
    expect(run.stdout.split('\n').filter((l) => !l.startsWith('#')).join('\n')).not.toMatch(/Pacific|Coastal|Tern|Gull|Puffin|Atlantic/);
    expect(csv.metadata.find((m) => m.key === 'Audit Version')?.value).toBe('5.2.0');
  });

  it('--from-hierarchy keeps a reseller\'s customers but not its provider row (R102)', async () => {
    const run = await cli('count', join(multi, 'dump'), '--from-hierarchy', 'sys.hcs.Pacific.Coastal');
    expect(run.code).toBe(0);
    const rows = parseAuditCsvText(run.stdout).rows.map((r) => r.fields.slice(0, 3).join('|'));
    expect(rows).toEqual(['Pacific|Coastal|Gull']);
  });

  it('--from-hierarchy with an unknown node is an error, not an empty result (R5)', async () => {
    const run = await cli('count', join(multi, 'dump'), '--from-hierarchy', 'sys.hcs.Nowhere');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no hierarchy node has that pkid or path \(R5\)/);
  });

  it('--meta sets a metadata line; --out writes the file', async () => {
    const dir = tempDir();
    const out = join(dir, 'count.csv');
    const run = await cli('count', join(basic, 'dump'), '--meta', 'hostname=OTHER', '--out', out);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('#hostname=OTHER\n');
  });

  it('a source with an unreadable file: counted, the problem on stderr naming the file, exit 1', async () => {
    const dir = tempDir();
    cpSync(join(basic, 'dump'), join(dir, 'dump'), { recursive: true });
    writeFileSync(join(dir, 'dump', 'device.webex.User.json'), '[{"pkid": "x", "hierarchy": ');
    const run = await cli('count', join(dir, 'dump'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('device.webex.User.json');
    expect(run.stderr).toContain('incomplete');
    expect(run.stdout).toContain('#Audit Version=4.1.5');
  });
});

describe('vlf-desk users', () => {
  it('prints the users CSV; --customer and --status filter it', async () => {
    const all = await cli('users', join(basic, 'dump'));
    expect(all.stdout).toBe(readFileSync(join(basic, 'expected-users.csv'), 'utf8'));
    const unlicensed = await cli('users', join(basic, 'dump'), '--customer', 'Maple', '--status', 'unlicensed');
    expect(unlicensed.stdout.trim().split('\n').slice(1)).toEqual(['a1c000000000000000000001,rosa,rosa@maple.example,Unlicensed,0,,,']);
  });

  it('--customer naming no customer is a clear usage error', async () => {
    const run = await cli('users', join(multi, 'dump'), '--customer', 'nobody');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no customer has the PKID or name "nobody"');
  });
});

describe('vlf-desk explain', () => {
  it('lists the records behind a cell with their rules (R91)', async () => {
    const run = await cli('explain', join(basic, 'dump'), '--customer', 'a1c000000000000000000001', '--column', 'user licenses', '--json');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { value: number; records: Array<{ label: string; rule: string; weight: number }> };
    expect(out.value).toBe(5);
    expect(out.records.map((r) => r.label).sort()).toEqual(['liam', 'noah', 'olga', 'paul', 'quinn']);
    expect(out.records.every((r) => r.rule === 'R83')).toBe(true);
  });

  it('a provider row by its provider name', async () => {
    const run = await cli('explain', join(multi, 'dump'), '--customer', 'Pacific', '--column', 'Standalone Phones (No UCM User)');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Model Type,PKID,Name,Rule,Weight\ndevice\/cucm\/Phone,[^,]+,SEPC\w+,R50,1\n$/);
  });
});

describe('vlf-desk diff', () => {
  it('no differences against the expected file: exit 0', async () => {
    const run = await cli('diff', join(basic, 'dump'), join(basic, 'expected-legacy-detailed.csv'));
    expect(run.stdout).toBe('no differences\n');
    expect(run.code).toBe(0);
  });

  it('a changed reported cell: reported vs recounted and the records behind it, exit 1', async () => {
    const dir = tempDir();
    const reported = join(dir, 'reported.csv');
    const text = readFileSync(join(multi, 'expected-v5-detailed.csv'), 'utf8');
    // Gull: User Licenses 1 → 3.
    writeFileSync(reported, text.replace('Pacific,Coastal,Gull,c30000000000000000000002,c3c000000000000000000002,1,', 'Pacific,Coastal,Gull,c30000000000000000000002,c3c000000000000000000002,3,'));
    const run = await cli('diff', join(multi, 'dump'), reported, '--json');
    expect(run.code).toBe(1);
    const diff = JSON.parse(run.stdout) as CountDiff;
    expect(diff.differences).toHaveLength(1);
    expect(diff.differences[0]).toMatchObject({ customerPkid: 'c3c000000000000000000002', column: 'User Licenses', reported: '3', recounted: 1 });
    expect(diff.differences[0]!.records.map((r) => r.label)).toEqual(['kai']);
    expect(diff.rowsOnlyInRecount).toEqual([]);
  });
});

describe('count output verifies (V1–V17, no FAIL)', () => {
  it.each(['basic', 'edge-cases', 'multi-tenant'])('%s: legacy and v5, detailed and anonymous, all pass verify together', async (name) => {
    const dir = tempDir();
    const dump = join(FIXTURES, name, 'dump');
    const meta = JSON.parse(readFileSync(join(dump, 'meta.json'), 'utf8')) as Record<string, string>;
    const stamp = meta['Date Time']!.replace(' ', '_').replace(':', '');
    const stem = `vlf_${meta['Provider Name']}_${meta.hostname}`;
    const files = [
      ['legacy', 'detailed', `${stem}_detailed_legacy_${stamp}.csv`],
      ['legacy', 'anonymous', `${stem}_anonymous_legacy_${stamp}.csv`],
    ] as const;
    for (const [format, view, file] of files) {
      const run = await cli('count', dump, '--format', format, '--view', view, '--out', join(dir, file));
      expect(run.code).toBe(0);
    }
    // A v5 count is another audit: its own folder, so V15 does not pair it with the legacy files.
    const v5 = tempDir();
    const runV5 = await cli('count', dump, '--format', 'v5', '--out', join(v5, `${stem}_detailed_${stamp}.csv`));
    expect(runV5.code).toBe(0);
    for (const [folder, files] of [[dir, 2], [v5, 1]] as const) {
      const verify = await cli('verify', '--json', folder);
      const report = JSON.parse(verify.stdout) as { files: Array<{ file: string; verdict: string; findings: Array<{ check: string; severity: string; message: string }> }> };
      expect(report.files).toHaveLength(files);
      for (const f of report.files) expect({ file: f.file, fails: f.findings.filter((x) => x.severity === 'FAIL') }).toEqual({ file: f.file, fails: [] });
      expect(verify.code).toBe(0);
    }
  });
});

describe('count on an export bundle (platform-dump.md §3)', () => {
  it('columns the bundle cannot support are blank and listed in #Unavailable, never 0; the result still verifies', async () => {
    const bundle = join(__dirname, '..', 'fixtures', 'exports', 'bundle-2024-05-07');
    const run = await cli('count', bundle, '--format', 'v5');
    expect(run.code).toBe(0);
    const csv = parseAuditCsvText(run.stdout);
    const unavailable = csv.metadata.find((m) => m.key === 'Unavailable')?.value.split(';') ?? [];
    expect(unavailable).toEqual(expect.arrayContaining(['User Licenses', 'Cisco and MS Integrated Services', 'Standalone Devices']));
    const at = csv.header.indexOf('User Licenses');
    expect(csv.rows.length).toBeGreaterThan(0);
    for (const row of csv.rows) expect(row.fields[at]).toBe('');
    expect(run.stderr).toContain('not available from this source');
    const sites = csv.header.indexOf('Sites');
    expect(csv.rows.some((r) => Number(r.fields[sites]) > 0)).toBe(true);
  });
});
