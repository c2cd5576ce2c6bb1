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
