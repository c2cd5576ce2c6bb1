/**
 * Checks V1–V7 (audit-files.md §5): the ZIP's name, safety, layout members,
 * hash files and timestamps, exercised through `verifyFile` and, for the
 * zip-bomb limit, through `openZip` + `read` directly.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { MAX_EXPANDED_BYTES, openZip } from '../../../src-shared/audit/zip-archive';
import type { Finding } from '../../../src-shared/verify/findings';
import { verdictOf } from '../../../src-shared/verify/findings';
import { type VerifiedFile, verifyFile } from '../../../src-shared/verify/verify-file';
import {
  HOST,
  LEGACY_FOLDER,
  LEGACY_ZIP_NAME,
  legacyAnonymousCsv,
  legacyMetadata,
  legacyZipEntries,
  memberName,
  PROVIDER,
  patchZipFlags,
  rawZip,
  replaceMember,
  sha256,
  TS,
  utf8,
  verifyOptions,
  zipOf,
} from '../../support/builders';

type Entries = Array<[string, string | Uint8Array | null]>;

const HANDMADE = join(__dirname, '../../fixtures/handmade');
const V5_ZIP = `vlf_${PROVIDER}_${HOST}_license_2025-10-01_0300.zip`;
const V5_DETAILED_ZIP = `vlf_${PROVIDER}_${HOST}_license_detailed_2025-10-01_0300.zip`;
const ZIP_19_3 = `vlf_${PROVIDER}_${HOST}_license_2021-03-01_0300.zip`;
const fixture = (name: string) => new Uint8Array(readFileSync(join(HANDMADE, name)));

const ANON = memberName('anonymous', 'csv');
const ANON_PATH = `${LEGACY_FOLDER}${ANON}`;
const PATCH_PATH = `${LEGACY_FOLDER}${memberName('patch', 'json')}`;
const BREAKDOWN_PATH = `${LEGACY_FOLDER}${memberName('anonymous_breakdown', 'csv')}`;
const ADAPTATION_PATH = `${LEGACY_FOLDER}${memberName('adaptation_log', 'json')}`;

async function verifyEntries(entries: Entries, name = LEGACY_ZIP_NAME): Promise<VerifiedFile> {
  return verifyFile({ name, bytes: await zipOf(entries) }, verifyOptions);
}

const of = (r: VerifiedFile, check: string) => r.findings.filter((f) => f.check === check);
const problems = (r: VerifiedFile) => r.findings.filter((f) => f.severity !== 'INFO');
const describeFindings = (fs: Finding[]) => fs.map((f) => `${f.check} ${f.severity} ${f.location}: ${f.message}`).join('\n');

/** The entries of a stored ZIP, in order, as bytes (folders as null). */
async function entriesOf(bytes: Uint8Array): Promise<Entries> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Entries = [];
  for (const f of Object.values(zip.files)) out.push([f.name, f.dir ? null : await f.async('uint8array')]);
  return out;
}

describe('a valid legacy ZIP', () => {
  it('V1–V7 stay quiet on the builders\' complete legacy ZIP, which passes', async () => {
    const r = await verifyEntries(legacyZipEntries());
    expect(problems(r), describeFindings(r.findings)).toEqual([]);
    expect(verdictOf(r.findings)).toBe('PASS');
    // Every data member was hashed and matched (V5 INFO), and the CSV was read.
    expect(of(r, 'V5').map((f) => f.location).sort()).toEqual([ADAPTATION_PATH, ANON_PATH, BREAKDOWN_PATH, PATCH_PATH].sort());
    expect(r.csvs.map((d) => d.member)).toContain(ANON_PATH);
  });
});

describe('V1 file name', () => {
  it('V1 warns when the ZIP name does not follow vlf_<provider>_<host>_<type>_<TS>, quoting it', async () => {
    const r = await verifyEntries(legacyZipEntries(), 'license-feb.zip');
    const v1 = of(r, 'V1');
    expect(v1).toHaveLength(1);
    expect(v1[0]).toMatchObject({ check: 'V1', severity: 'WARN', location: '', file: 'license-feb.zip' });
    expect(v1[0]!.message).toContain('"license-feb.zip"');
    expect(v1[0]!.message).toContain('does not start with "vlf_"');
    // The layout is still recognised from the members: nothing else is wrong.
    expect(problems(r).filter((f) => f.check !== 'V1')).toEqual([]);
    expect(verdictOf(r.findings)).toBe('WARN');
  });

  it('V1 warns when the name\'s timestamp is not a real date and time', async () => {
    const name = `vlf_${PROVIDER}_${HOST}_license_legacy_2024-02-30_0553.zip`;
    const r = await verifyEntries(legacyZipEntries(), name);
    expect(of(r, 'V1')).toEqual([expect.objectContaining({ severity: 'WARN', message: expect.stringContaining('2024-02-30_0553 is not a real date') })]);
  });

  it('V1 warns when a standalone CSV is named without a file type', async () => {
    const r = await verifyFile({ name: `vlf_${PROVIDER}_${HOST}_counts_${TS}.csv`, bytes: utf8(legacyAnonymousCsv()) }, verifyOptions);
    expect(of(r, 'V1')).toEqual([expect.objectContaining({ severity: 'WARN', message: expect.stringContaining('file type') })]);
  });

  it('V1 is quiet for a well-formed name', async () => {
    const r = await verifyEntries(legacyZipEntries());
    expect(of(r, 'V1')).toEqual([]);
  });
});

describe('V2 ZIP safety', () => {
  it('V2 fails on a zip-slip entry "../evil", naming it', async () => {
    const r = await verifyEntries([...legacyZipEntries(), ['../evil', 'x']]);
    const v2 = of(r, 'V2');
    expect(v2).toEqual([
      expect.objectContaining({ severity: 'FAIL', location: '../evil', message: expect.stringContaining('".."') }),
    ]);
    expect(v2[0]!.message).toContain('"../evil"');
    expect(verdictOf(r.findings)).toBe('FAIL');
  });

  it('V2 fails on an entry with an absolute path "/etc/x", naming it', async () => {
    const r = await verifyEntries([...legacyZipEntries(), ['/etc/x', 'x']]);
    expect(of(r, 'V2')).toEqual([
      expect.objectContaining({ severity: 'FAIL', location: '/etc/x', message: expect.stringContaining('absolute path') }),
    ]);
  });

  it('V2 fails on a Windows-style "..\\evil" and a drive path "C:\\x"', async () => {
    const r = await verifyEntries([...legacyZipEntries(), ['..\\evil', 'x'], ['C:\\x', 'y']]);
    expect(of(r, 'V2').map((f) => [f.severity, f.location])).toEqual([
      ['FAIL', '..\\evil'],
      ['FAIL', 'C:\\x'],
    ]);
  });

  it('V2 fails on a folder entry "../evil/" (jszip keeps no original name for folders)', async () => {
    const bytes = rawZip([{ name: '../evil/' }, { name: `${LEGACY_FOLDER}${ANON}`, data: legacyAnonymousCsv() }]);
    const r = await verifyFile({ name: LEGACY_ZIP_NAME, bytes }, verifyOptions);
    expect(of(r, 'V2')).toEqual([expect.objectContaining({ severity: 'FAIL', location: '../evil/' })]);
  });

  it('V2 fails on "../evil.txt" even when a later "evil.txt" would replace it in jszip', async () => {
    const bytes = rawZip([
      { name: '../evil.txt', data: 'bad' },
      { name: 'evil.txt', data: 'harmless' },
    ]);
    const r = await verifyFile({ name: LEGACY_ZIP_NAME, bytes }, verifyOptions);
    expect(of(r, 'V2')).toEqual([expect.objectContaining({ severity: 'FAIL', location: '../evil.txt' })]);
  });

  it('V2 fails, without throwing, on a truncated ZIP', async () => {
    const whole = await zipOf(legacyZipEntries());
    for (const cut of [whole.length - 10, Math.floor(whole.length / 2), 4]) {
      const r = await verifyFile({ name: LEGACY_ZIP_NAME, bytes: whole.subarray(0, cut) }, verifyOptions);
      const v2 = of(r, 'V2');
      expect(v2, `cut at ${cut}`).toHaveLength(1);
      expect(v2[0]).toMatchObject({ severity: 'FAIL', location: '' });
      expect(v2[0]!.message).toContain('truncated or damaged');
      expect(r.csvs).toEqual([]);
    }
  });

  it('V2 fails on a ZIP with an encrypted entry (general-purpose bit 0 set)', async () => {
    const plain = await zipOf(legacyZipEntries());
    const encrypted = patchZipFlags(plain, ANON_PATH, 0x0001);
    const r = await verifyFile({ name: LEGACY_ZIP_NAME, bytes: encrypted }, verifyOptions);
    expect(of(r, 'V2')).toEqual([expect.objectContaining({ severity: 'FAIL', message: expect.stringContaining('encrypted') })]);
    expect(verdictOf(r.findings)).toBe('FAIL');
    // Control: the same ZIP unpatched opens.
    expect(of(await verifyFile({ name: LEGACY_ZIP_NAME, bytes: plain }, verifyOptions), 'V2')).toEqual([]);
  });

  describe('zip bombs (entries beyond 100:1 and 100 MB)', () => {
    const zeros = new Uint8Array(110 * 1024 * 1024);

    it('V2 read refuses an entry whose declared size is over 100 MB at over 100:1, before inflating any of it', async () => {
      const bytes = rawZip([{ name: 'bomb.bin', data: zeros, deflate: true }]);
      expect(bytes.length).toBeLessThan(zeros.length / 100);
      const opened = await openZip(bytes);
      if (!opened.ok) throw new Error(opened.reason);
      let seen = 0;
      const read = await opened.archive.read('bomb.bin', (c) => (seen += c.length));
      expect(read.ok).toBe(false);
      expect(!read.ok && read.reason).toContain('zip bomb');
      expect(seen).toBe(0);
    });

    it('V2 read stops an entry that lies about its size once it inflates past the limit', async () => {
      const bytes = rawZip([{ name: 'bomb.bin', data: zeros, deflate: true, declaredUncompressedSize: 1000 }]);
      const opened = await openZip(bytes);
      if (!opened.ok) throw new Error(opened.reason);
      expect(opened.archive.entries[0]!.uncompressedSize).toBe(1000);
      let seen = 0;
      const read = await opened.archive.read('bomb.bin', (c) => (seen += c.length));
      expect(read.ok).toBe(false);
      expect(!read.ok && read.reason).toContain('zip bomb');
      expect(seen).toBeLessThanOrEqual(MAX_EXPANDED_BYTES);
      expect(seen).toBeLessThan(zeros.length);
    });

    it('V2 fails in verifyFile, naming the member, when the anonymous CSV is such an entry', async () => {
      const bytes = rawZip([{ name: ANON_PATH, data: zeros, deflate: true }]);
      const r = await verifyFile({ name: LEGACY_ZIP_NAME, bytes }, verifyOptions);
      expect(of(r, 'V2')).toEqual([
        expect.objectContaining({ severity: 'FAIL', location: ANON_PATH, message: expect.stringContaining('zip bomb') }),
      ]);
      expect(r.csvs).toEqual([]);
    });

    it('V2 fails on a bomb-sized entry the verifier never reads (an extra file, or one in FILES/), naming it', async () => {
      const legacy = legacyZipEntries()
        .filter(([, c]) => c !== null)
        .map(([name, data]) => ({ name, data: data as string }));
      for (const where of [`${LEGACY_FOLDER}bomb.bin`, 'FILES/bomb.bin']) {
        const bytes = rawZip([...legacy, { name: where, data: zeros, deflate: true }]);
        const r = await verifyFile({ name: LEGACY_ZIP_NAME, bytes }, verifyOptions);
        expect(of(r, 'V2'), where).toEqual([
          expect.objectContaining({ severity: 'FAIL', location: where, message: expect.stringContaining('zip bomb') }),
        ]);
        expect(verdictOf(r.findings)).toBe('FAIL');
      }
    });

    it('V2 read accepts a highly compressible entry under 100 MB (both limits must be exceeded)', async () => {
      const small = new Uint8Array(2 * 1024 * 1024);
      const opened = await openZip(rawZip([{ name: 'zeros.bin', data: small, deflate: true }]));
      if (!opened.ok) throw new Error(opened.reason);
      expect(opened.archive.entries[0]!.uncompressedSize / opened.archive.entries[0]!.compressedSize).toBeGreaterThan(100);
      const read = await opened.archive.read('zeros.bin');
      expect(read.ok && read.bytes.length).toBe(small.length);
    });
  });

  it('V2 is quiet for a ZIP with only safe relative paths', async () => {
    const r = await verifyEntries(legacyZipEntries());
    expect(of(r, 'V2')).toEqual([]);
  });
});

describe('V3 layout members', () => {
  it('V3 fails when the legacy ZIP has no anonymous CSV', async () => {
    const r = await verifyEntries(replaceMember(legacyZipEntries(), 'anonymous', 'csv', null));
    expect(of(r, 'V3')).toEqual([
      expect.objectContaining({
        severity: 'FAIL',
        location: LEGACY_FOLDER,
        message: expect.stringContaining('anonymous CSV required by the legacy layout'),
      }),
    ]);
    expect(verdictOf(r.findings)).toBe('FAIL');
  });

  it('V3 reports a missing patch JSON as INFO only, and the ZIP still passes', async () => {
    const r = await verifyEntries(replaceMember(legacyZipEntries(), 'patch', 'json', null));
    expect(of(r, 'V3')).toEqual([
      expect.objectContaining({ severity: 'INFO', location: LEGACY_FOLDER, message: expect.stringContaining('patch JSON') }),
    ]);
    expect(verdictOf(r.findings)).toBe('PASS');
  });

  it('V3 reports each missing support file (breakdown, patch, adaptation_log) as INFO', async () => {
    let entries = legacyZipEntries();
    for (const [type, ext] of [['anonymous_breakdown', 'csv'], ['patch', 'json'], ['adaptation_log', 'json']] as const) {
      entries = replaceMember(entries, type, ext, null);
    }
    const r = await verifyEntries(entries);
    const v3 = of(r, 'V3');
    expect(v3.map((f) => f.severity)).toEqual(['INFO', 'INFO', 'INFO']);
    expect(v3.map((f) => f.message).join(' ')).toMatch(/anonymous_breakdown.*patch.*adaptation_log/);
  });

  it('V3 is quiet for the 19.3 fixture (license JSON + anonymous CSV, no patch needed)', async () => {
    const r = await verifyFile({ name: ZIP_19_3, bytes: fixture(ZIP_19_3) }, verifyOptions);
    expect(of(r, 'V3')).toEqual([]);
    expect(problems(r), describeFindings(r.findings)).toEqual([]);
  });

  it('V3 fails when a 19.3 ZIP (recognised by its license JSON) lacks the anonymous CSV', async () => {
    const entries = (await entriesOf(fixture(ZIP_19_3))).filter(([p]) => !p.includes('_anonymous_'));
    const r = await verifyEntries(entries, ZIP_19_3);
    expect(of(r, 'V3')).toEqual([
      expect.objectContaining({ severity: 'FAIL', message: expect.stringContaining('anonymous CSV required by the 19.3 layout') }),
    ]);
  });

  it('V3 fails when the 19.3 license JSON is not JSON', async () => {
    const entries = (await entriesOf(fixture(ZIP_19_3))).map(([p, c]): [string, string | Uint8Array | null] => {
      if (p.endsWith('_license_2021-03-01_0300.json')) return [p, '{not json'];
      if (p.endsWith('_license_2021-03-01_0300.json.hash')) return [p, sha256('{not json')];
      return [p, c];
    });
    const r = await verifyEntries(entries, ZIP_19_3);
    expect(of(r, 'V3')).toEqual([
      expect.objectContaining({ severity: 'FAIL', location: expect.stringContaining('_license_2021-03-01_0300.json'), message: expect.stringContaining('JSON file cannot be read') }),
    ]);
  });

  it('V3 is quiet for both v5 fixtures, the license ZIP and the license_detailed ZIP', async () => {
    for (const name of [V5_ZIP, V5_DETAILED_ZIP]) {
      const r = await verifyFile({ name, bytes: fixture(name) }, verifyOptions);
      expect(of(r, 'V3'), name).toEqual([]);
      expect(problems(r), describeFindings(r.findings)).toEqual([]);
    }
  });

  it('V3 fails when a v5 license_detailed ZIP holds no detailed CSV (an anonymous one is not a substitute)', async () => {
    const anon = await entriesOf(fixture(V5_ZIP));
    const r = await verifyEntries(anon, V5_DETAILED_ZIP);
    expect(of(r, 'V3')).toEqual([
      expect.objectContaining({ severity: 'FAIL', location: '', message: expect.stringContaining('detailed CSV required by the v5 layout') }),
    ]);
    expect(of(r, 'V6')).toEqual([expect.objectContaining({ severity: 'WARN', location: expect.stringContaining('_anonymous_2025-10-01_0300.csv') })]);
  });
});

describe('V4 hash presence', () => {
  it('V4 fails when a data member has no .hash, naming the member', async () => {
    const entries = legacyZipEntries().filter(([p]) => p !== `${ANON_PATH}.hash`);
    const r = await verifyEntries(entries);
    expect(of(r, 'V4')).toEqual([
      expect.objectContaining({ severity: 'FAIL', location: ANON_PATH, message: expect.stringContaining(`"${ANON}.hash"`) }),
    ]);
    // Nothing to compare against: no V5 for that member.
    expect(of(r, 'V5').filter((f) => f.location === ANON_PATH)).toEqual([]);
  });

  it('V4 fails for a JSON member without .hash too', async () => {
    const r = await verifyEntries(legacyZipEntries().filter(([p]) => p !== `${PATCH_PATH}.hash`));
    expect(of(r, 'V4')).toEqual([expect.objectContaining({ severity: 'FAIL', location: PATCH_PATH })]);
  });

  it('V4 warns about an orphan .hash whose member is missing', async () => {
    const r = await verifyEntries(replaceMember(legacyZipEntries(), 'patch', 'json', null, { keepOldHash: true }));
    expect(of(r, 'V4')).toEqual([
      expect.objectContaining({ severity: 'WARN', location: `${PATCH_PATH}.hash`, message: expect.stringContaining('not in the ZIP') }),
    ]);
    expect(verdictOf(r.findings)).toBe('WARN');
  });

  it('V4 is quiet when every data member has its .hash and every .hash its member', async () => {
    expect(of(await verifyEntries(legacyZipEntries()), 'V4')).toEqual([]);
  });
});

describe('V5 hash match', () => {
  it('V5 fails when a member\'s byte is flipped, naming that member and the algorithm', async () => {
    const csv = utf8(legacyAnonymousCsv());
    const flipped = csv.slice();
    const at = new TextDecoder().decode(csv).lastIndexOf(',4\n') + 1; // the last Site Count cell
    flipped[at] = flipped[at]! ^ 0x01; // '4' -> '5'
    expect(flipped[at]).toBe('5'.charCodeAt(0));
    const r = await verifyEntries(replaceMember(legacyZipEntries(), 'anonymous', 'csv', flipped, { keepOldHash: true }));
    const fails = of(r, 'V5').filter((f) => f.severity === 'FAIL');
    expect(fails).toEqual([expect.objectContaining({ location: ANON_PATH })]);
    expect(fails[0]!.message).toContain(`"${ANON}" does not match its SHA-256 hash`);
    expect(fails[0]!.message).toContain(sha256(csv));
    expect(fails[0]!.message).toContain(sha256(flipped));
    expect(of(r, 'V5').filter((f) => f.location === ANON_PATH && f.severity === 'INFO')).toEqual([]);
  });

  it('V5 accepts MD5, SHA-1 (upper case, bare) and SHA-512 digests, reporting the algorithm as INFO', async () => {
    const entries = legacyZipEntries().map(([p, c]): [string, string | Uint8Array | null] => {
      if (!p.endsWith('.hash')) return [p, c];
      const member = p.slice(0, -'.hash'.length);
      const content = legacyZipEntries().find(([q]) => q === member)![1] as string;
      const name = member.slice(LEGACY_FOLDER.length);
      if (member === BREAKDOWN_PATH) return [p, `${createHash('md5').update(content).digest('hex')}\n`];
      if (member === PATCH_PATH) return [p, createHash('sha1').update(content).digest('hex').toUpperCase()];
      if (member === ADAPTATION_PATH) return [p, `${createHash('sha512').update(content).digest('hex')} *${name}\n`];
      return [p, c];
    });
    const r = await verifyEntries(entries);
    const byLocation = Object.fromEntries(of(r, 'V5').map((f) => [f.location, `${f.severity} ${f.message}`]));
    expect(byLocation).toEqual({
      [ANON_PATH]: 'INFO SHA-256 hash matches.',
      [BREAKDOWN_PATH]: 'INFO MD5 hash matches.',
      [PATCH_PATH]: 'INFO SHA-1 hash matches.',
      [ADAPTATION_PATH]: 'INFO SHA-512 hash matches.',
    });
    expect(verdictOf(r.findings)).toBe('PASS');
  });

  it('V5 reports the algorithms of the legacy fixture made with md5sum, sha1sum and sha512sum', async () => {
    const name = `vlf_${PROVIDER}_${HOST}_license_legacy_${TS}.zip`;
    const r = await verifyFile({ name, bytes: fixture(name) }, verifyOptions);
    expect(of(r, 'V5').map((f) => f.message).sort()).toEqual(
      ['MD5 hash matches.', 'SHA-1 hash matches.', 'SHA-256 hash matches.', 'SHA-512 hash matches.'],
    );
  });

  it('V5 fails when a .hash file holds no digest, naming the hash file', async () => {
    const entries = legacyZipEntries().map(([p, c]): [string, string | Uint8Array | null] =>
      p === `${ANON_PATH}.hash` ? [p, 'checksum pending\n'] : [p, c],
    );
    const r = await verifyEntries(entries);
    expect(of(r, 'V5').filter((f) => f.severity !== 'INFO')).toEqual([
      expect.objectContaining({ severity: 'FAIL', location: `${ANON_PATH}.hash`, message: expect.stringContaining('does not start with a hexadecimal digest') }),
    ]);
  });

  it('V5 fails on a digest of an unknown length and on an empty hash file', async () => {
    const entries = legacyZipEntries().map(([p, c]): [string, string | Uint8Array | null] => {
      if (p === `${ANON_PATH}.hash`) return [p, 'abc123\n'];
      if (p === `${PATCH_PATH}.hash`) return [p, '\n'];
      return [p, c];
    });
    const r = await verifyEntries(entries);
    const fails = of(r, 'V5').filter((f) => f.severity === 'FAIL');
    expect(fails.map((f) => f.location).sort()).toEqual([`${ANON_PATH}.hash`, `${PATCH_PATH}.hash`]);
    expect(fails.find((f) => f.location === `${ANON_PATH}.hash`)!.message).toContain('6 hex digits');
    expect(fails.find((f) => f.location === `${PATCH_PATH}.hash`)!.message).toContain('empty');
  });

  it('V5 warns when a sha256sum-style hash names another file', async () => {
    const csv = legacyAnonymousCsv();
    const entries = legacyZipEntries().map(([p, c]): [string, string | Uint8Array | null] =>
      p === `${ANON_PATH}.hash` ? [p, `${sha256(csv)}  other.csv\n`] : [p, c],
    );
    const r = await verifyEntries(entries);
    expect(of(r, 'V5').filter((f) => f.location.endsWith('.hash'))).toEqual([
      expect.objectContaining({ severity: 'WARN', location: `${ANON_PATH}.hash`, message: expect.stringContaining('"other.csv"') }),
    ]);
  });

  it('V5 checks a standalone CSV against the .hash given beside it', async () => {
    const csv = legacyAnonymousCsv();
    const good = await verifyFile({ name: ANON, bytes: utf8(csv), siblingHash: utf8(`${sha256(csv)}  ${ANON}\n`) }, verifyOptions);
    expect(of(good, 'V5')).toEqual([expect.objectContaining({ severity: 'INFO', location: '', message: 'SHA-256 hash matches.' })]);
    const bad = await verifyFile({ name: ANON, bytes: utf8(csv.replace('19', '18')), siblingHash: utf8(`${sha256(csv)}  ${ANON}\n`) }, verifyOptions);
    expect(of(bad, 'V5')).toEqual([expect.objectContaining({ severity: 'FAIL', message: expect.stringContaining(`"${ANON}" does not match`) })]);
  });
});

describe('V6 extra members', () => {
  it('V6 warns about a member beyond the layout, naming it', async () => {
    const r = await verifyEntries([...legacyZipEntries(), [`${LEGACY_FOLDER}notes.txt`, 'remember to send']]);
    expect(of(r, 'V6')).toEqual([
      expect.objectContaining({ severity: 'WARN', location: `${LEGACY_FOLDER}notes.txt`, message: expect.stringContaining('not part of the legacy license ZIP layout') }),
    ]);
    expect(verdictOf(r.findings)).toBe('WARN');
  });

  it('V6 warns about a second anonymous CSV (only one is expected)', async () => {
    const copy = `${LEGACY_FOLDER}copy_${ANON}`;
    const csv = legacyAnonymousCsv();
    const r = await verifyEntries([...legacyZipEntries(), [copy, csv], [`${copy}.hash`, sha256(csv)]]);
    expect(of(r, 'V6')).toEqual([expect.objectContaining({ severity: 'WARN', location: copy })]);
  });

  it('V6 accepts a FILES/ folder from the portal\'s Export', async () => {
    const r = await verifyEntries([...legacyZipEntries(), ['FILES/', null], ['FILES/export-manifest.txt', 'exported by the portal'], ['FILES/data.json', '{}']]);
    expect(of(r, 'V6')).toEqual([]);
    expect(problems(r), describeFindings(r.findings)).toEqual([]);
  });

  it('V6 accepts the members at the ZIP root (no folder)', async () => {
    const atRoot = legacyZipEntries()
      .filter(([p]) => p !== LEGACY_FOLDER)
      .map(([p, c]): [string, string | Uint8Array | null] => [p.slice(LEGACY_FOLDER.length), c]);
    const r = await verifyEntries(atRoot);
    expect(problems(r), describeFindings(r.findings)).toEqual([]);
    expect(of(r, 'V5')).toHaveLength(4);
  });

  it('V6 warns about members spread over two folders', async () => {
    const entries = legacyZipEntries().map(([p, c]): [string, string | Uint8Array | null] =>
      p.startsWith(PATCH_PATH) ? [p.replace(LEGACY_FOLDER, 'other/'), c] : [p, c],
    );
    const r = await verifyEntries(entries);
    // Only the stray member is asserted: §2 does not settle how the others are judged when no single folder holds them all.
    expect(of(r, 'V6')).toEqual(
      expect.arrayContaining([expect.objectContaining({ severity: 'WARN', location: PATCH_PATH.replace(LEGACY_FOLDER, 'other/') })]),
    );
    expect(verdictOf(r.findings)).not.toBe('PASS');
  });
});

describe('V7 timestamps', () => {
  it('V7 warns when the folder\'s timestamp differs from the ZIP name\'s', async () => {
    const folder = '2024-02-22_0553_license/';
    const entries = legacyZipEntries().map(([p, c]): [string, string | Uint8Array | null] => [p.replace(LEGACY_FOLDER, folder), c]);
    const r = await verifyEntries(entries);
    expect(of(r, 'V7')).toEqual([
      expect.objectContaining({ severity: 'WARN', location: folder, message: expect.stringMatching(/2024-02-22_0553.*2024-02-21_0553/) }),
    ]);
  });

  it('V7 warns when a member (and its hash) carries another timestamp', async () => {
    const other = '2024-02-21_0600';
    const entries = legacyZipEntries().map(([p, c]): [string, string | Uint8Array | null] => {
      if (!p.startsWith(PATCH_PATH)) return [p, c];
      const renamed = LEGACY_FOLDER + p.slice(LEGACY_FOLDER.length).replace(TS, other);
      return [renamed, typeof c === 'string' ? c.replace(TS, other) : c];
    });
    const renamedPatch = PATCH_PATH.replace(`patch_legacy_${TS}`, `patch_legacy_${other}`);
    const r = await verifyEntries(entries);
    const v7 = of(r, 'V7');
    expect(v7.map((f) => [f.severity, f.location])).toEqual([
      ['WARN', renamedPatch],
      ['WARN', `${renamedPatch}.hash`],
    ]);
    expect(v7[0]!.message).toContain(`timestamp ${other}, but the ZIP is from ${TS}`);
  });

  it('V7 warns about a folder without a timestamp', async () => {
    const entries = legacyZipEntries().map(([p, c]): [string, string | Uint8Array | null] => [p.replace(LEGACY_FOLDER, 'license/'), c]);
    const r = await verifyEntries(entries);
    expect(of(r, 'V7')).toEqual([expect.objectContaining({ severity: 'WARN', location: 'license/' })]);
  });

  it('V7 is quiet when folder, ZIP name and members agree', async () => {
    expect(of(await verifyEntries(legacyZipEntries()), 'V7')).toEqual([]);
  });
});

describe('layout recognition when names alone do not settle it (audit-files.md §2)', () => {
  const TS19 = '2021-03-01_0300';
  const name19 = (type: string, ext: string) => `vlf_Acme-Telecom_VOSS-PRD-1_${type}_${TS19}.${ext}`;
  const anonymous40 = legacyAnonymousCsv(undefined, legacyMetadata({ 'Date Time': '2021-03-01 03:00', 'Audit Version': '4.0.2', OrgID: null, 'License Token': null, 'License Expiry': null }));

  it('V3 fails a 19.3 ZIP (a 4.0 audit inside) whose license JSON is missing, instead of taking it for v5', async () => {
    const folder = `${TS19}_license/`;
    const bytes = await zipOf([
      [folder, null],
      [`${folder}${name19('anonymous', 'csv')}`, anonymous40],
      [`${folder}${name19('anonymous', 'csv')}.hash`, sha256(anonymous40)],
    ]);
    const result = await verifyFile({ name: name19('license', 'zip'), bytes }, verifyOptions);
    expect(result.findings).toContainEqual(
      expect.objectContaining({ check: 'V3', severity: 'FAIL', message: expect.stringContaining('license JSON required by the 19.3 layout') }),
    );
  });

  it('with a stray second top-level folder, the <TS>_license folder still holds the members (only the stray one is V6)', async () => {
    const entries = legacyZipEntries();
    entries.push(['notes/readme.txt', 'hello']);
    const result = await verifyFile({ name: LEGACY_ZIP_NAME, bytes: await zipOf(entries) }, verifyOptions);
    expect(result.findings.filter((f) => f.severity !== 'INFO')).toEqual([
      expect.objectContaining({ check: 'V6', severity: 'WARN', location: 'notes/readme.txt' }),
    ]);
  });
});
