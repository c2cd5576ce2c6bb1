import { describe, expect, it } from 'vitest';
import {
  buildAuditFileName,
  isValidTimestamp,
  parseAuditFileName,
  timestampFromDateTime,
  timestampMinutes,
  type AuditFileName,
} from '../../../src-shared/audit/file-names';

function parsed(name: string, hints = {}): AuditFileName {
  const r = parseAuditFileName(name, hints);
  if (!r.ok) throw new Error(`expected ${name} to parse, got: ${r.reason}`);
  return r.value;
}

function reason(name: string, hints = {}): string {
  const r = parseAuditFileName(name, hints);
  if (r.ok) throw new Error(`expected ${name} to be rejected, got ${JSON.stringify(r.value)}`);
  return r.reason;
}

describe('parseAuditFileName: right-to-left parsing (audit-files.md §1)', () => {
  it('reads the guide example vlf_CS-P_VOSS_detailed_legacy_2024-03-05_1958.csv', () => {
    expect(parsed('vlf_CS-P_VOSS_detailed_legacy_2024-03-05_1958.csv')).toEqual({
      provider: 'CS-P',
      host: 'VOSS',
      type: 'detailed',
      legacy: true,
      timestamp: '2024-03-05_1958',
      ext: 'csv',
    });
  });

  it('reads a name without _legacy as legacy false', () => {
    expect(parsed('vlf_Acme-Telecom_VOSS-PRD-1_anonymous_2025-10-01_0300.csv')).toMatchObject({
      provider: 'Acme-Telecom',
      host: 'VOSS-PRD-1',
      type: 'anonymous',
      legacy: false,
      timestamp: '2025-10-01_0300',
    });
  });

  it.each([
    ['vlf_P_H_anonymous_2024-01-01_0000.csv', 'anonymous', 'csv'],
    ['vlf_P_H_detailed_2024-01-01_0000.csv', 'detailed', 'csv'],
    ['vlf_P_H_anonymous_breakdown_2024-01-01_0000.csv', 'anonymous_breakdown', 'csv'],
    ['vlf_P_H_patch_2024-01-01_0000.json', 'patch', 'json'],
    ['vlf_P_H_adaptation_log_2024-01-01_0000.json', 'adaptation_log', 'json'],
    ['vlf_P_H_license_2024-01-01_0000.zip', 'license', 'zip'],
    ['vlf_P_H_license_2024-01-01_0000.json', 'license', 'json'],
    ['vlf_P_H_license_detailed_2024-01-01_0000.zip', 'license_detailed', 'zip'],
  ])('reads %s as type %s with extension %s, provider P and host H', (name, type, ext) => {
    expect(parsed(name)).toMatchObject({ provider: 'P', host: 'H', type, ext });
  });

  it('prefers the longest file type: license_detailed over detailed', () => {
    const v = parsed('vlf_P_H_license_detailed_2025-10-01_0300.zip');
    expect(v.type).toBe('license_detailed');
    expect(v.host).toBe('H');
  });

  it('prefers the longest file type: anonymous_breakdown over anonymous (host is not "anonymous")', () => {
    const v = parsed('vlf_P_H_anonymous_breakdown_legacy_2024-02-21_0553.csv');
    expect(v).toMatchObject({ provider: 'P', host: 'H', type: 'anonymous_breakdown', legacy: true });
  });

  it('reads adaptation_log as one type, not as host "adaptation" with an unknown type', () => {
    expect(parsed('vlf_P_H_adaptation_log_legacy_2024-02-21_0553.json')).toMatchObject({ host: 'H', type: 'adaptation_log', legacy: true });
  });

  it('reads the ZIP members of the legacy layout (audit-files.md §2)', () => {
    expect(parsed('vlf_P_H_license_legacy_2024-02-21_0553.zip')).toMatchObject({ type: 'license', legacy: true, ext: 'zip' });
  });

  it('takes the base name of a path (either slash) before parsing', () => {
    expect(parsed('2024-02-21_0553_license/vlf_P_H_anonymous_2024-02-21_0553.csv').host).toBe('H');
    expect(parsed('C:\\audits\\vlf_P_H_anonymous_2024-02-21_0553.csv').provider).toBe('P');
  });

  it('accepts an upper-case extension and reports it in lower case', () => {
    expect(parsed('vlf_P_H_license_2024-02-21_0553.ZIP').ext).toBe('zip');
  });

  it('keeps a host literally named "legacy" as the host', () => {
    expect(parsed('vlf_P_legacy_detailed_2024-02-21_0553.csv')).toMatchObject({ provider: 'P', host: 'legacy', legacy: false });
  });
});

describe('parseAuditFileName: provider and host split (audit-files.md §1 Decision)', () => {
  it('splits at the last "_" without hints, so the provider keeps its "_"', () => {
    expect(parsed('vlf_Blue_Sky_Telecom_VOSS-1_anonymous_2024-02-21_0553.csv')).toMatchObject({
      provider: 'Blue_Sky_Telecom',
      host: 'VOSS-1',
    });
  });

  it('splits a host with "_" wrongly without hints (the reason hints exist)', () => {
    expect(parsed('vlf_CS-P_voss_un_1_anonymous_2024-02-21_0553.csv')).toMatchObject({ provider: 'CS-P_voss_un', host: '1' });
  });

  it('uses the #hostname hint to keep "_" in the host', () => {
    expect(parsed('vlf_CS-P_voss_un_1_anonymous_2024-02-21_0553.csv', { host: 'voss_un_1' })).toMatchObject({
      provider: 'CS-P',
      host: 'voss_un_1',
    });
  });

  it('uses the #Provider Name hint to keep "_" in both provider and host', () => {
    expect(parsed('vlf_Blue_Sky_voss_un_1_detailed_2024-02-21_0553.csv', { provider: 'Blue_Sky' })).toMatchObject({
      provider: 'Blue_Sky',
      host: 'voss_un_1',
    });
  });

  it('uses the host hint when both provider and host have "_"', () => {
    expect(parsed('vlf_Blue_Sky_voss_un_1_detailed_2024-02-21_0553.csv', { host: 'voss_un_1' })).toMatchObject({
      provider: 'Blue_Sky',
      host: 'voss_un_1',
    });
  });

  it('falls back to the last "_" when the hints do not fit the name', () => {
    expect(parsed('vlf_A_B_C_anonymous_2024-02-21_0553.csv', { provider: 'Other', host: 'Nope' })).toMatchObject({
      provider: 'A_B',
      host: 'C',
    });
  });

  it('ignores a provider hint that would leave the host empty', () => {
    expect(parsed('vlf_A_B_anonymous_2024-02-21_0553.csv', { provider: 'A_B' })).toMatchObject({ provider: 'A', host: 'B' });
  });

  it('rejects a name with no "_" between provider and host', () => {
    expect(reason('vlf_OnlyOne_anonymous_2024-02-21_0553.csv')).toMatch(/provider and host/);
  });

  it('rejects an empty provider or host', () => {
    expect(reason('vlf__H_anonymous_2024-02-21_0553.csv')).toMatch(/provider and host/);
    expect(reason('vlf_P__anonymous_2024-02-21_0553.csv')).toMatch(/provider and host/);
  });
});

describe('parseAuditFileName: rejections with a reason (check V1, audit-files.md §5)', () => {
  it('rejects a name without the vlf_ prefix', () => {
    expect(reason('CS-P_VOSS_detailed_legacy_2024-03-05_1958.csv')).toMatch(/vlf_/);
    expect(reason('VLF_CS-P_VOSS_detailed_2024-03-05_1958.csv')).toMatch(/vlf_/);
  });

  it('rejects a name without an extension', () => {
    expect(reason('vlf_P_H_detailed_2024-03-05_1958')).toMatch(/extension/);
  });

  it.each([
    ['vlf_P_H_detailed_2024-03-05_1958.zip', 'detailed', 'zip'],
    ['vlf_P_H_anonymous_2024-03-05_1958.json', 'anonymous', 'json'],
    ['vlf_P_H_patch_2024-03-05_1958.csv', 'patch', 'csv'],
    ['vlf_P_H_license_detailed_2024-03-05_1958.json', 'license_detailed', 'json'],
    ['vlf_P_H_license_2024-03-05_1958.csv', 'license', 'csv'],
  ])('rejects %s: a %s file cannot be .%s', (name, type, ext) => {
    const r = reason(name);
    expect(r).toContain(type);
    expect(r).toContain(`.${ext}`);
  });

  it.each(['2024-02-30_1200', '2023-02-29_0000', '2024-01-01_2460', '2024-01-01_2400', '2024-13-01_0000', '2024-00-10_0000', '2024-04-31_0000'])(
    'rejects the impossible timestamp %s',
    (ts) => {
      expect(reason(`vlf_P_H_detailed_${ts}.csv`)).toContain(ts);
    },
  );

  it.each(['2024-3-05_1958', '2024-03-05-1958', '2024-03-05_19:58', '2024-03-05', '24-03-05_1958'])(
    'rejects the malformed timestamp %s',
    (ts) => {
      expect(reason(`vlf_P_H_detailed_${ts}.csv`)).toMatch(/timestamp/);
    },
  );

  it('rejects an unknown file type, listing the known ones', () => {
    const r = reason('vlf_P_H_summary_2024-03-05_1958.csv');
    expect(r).toContain('anonymous_breakdown');
    expect(r).toContain('license_detailed');
  });
});

describe('buildAuditFileName (audit-files.md §1)', () => {
  it('builds the guide example', () => {
    expect(
      buildAuditFileName({ provider: 'CS-P', host: 'VOSS', type: 'detailed', legacy: true, timestamp: '2024-03-05_1958', ext: 'csv' }),
    ).toBe('vlf_CS-P_VOSS_detailed_legacy_2024-03-05_1958.csv');
  });

  it('builds a v5 license_detailed ZIP name without _legacy', () => {
    expect(
      buildAuditFileName({ provider: 'Acme-Telecom', host: 'VOSS-PRD-1', type: 'license_detailed', legacy: false, timestamp: '2025-10-01_0300', ext: 'zip' }),
    ).toBe('vlf_Acme-Telecom_VOSS-PRD-1_license_detailed_2025-10-01_0300.zip');
  });
});

describe('isValidTimestamp / timestampMinutes', () => {
  it.each(['2024-02-29_0000', '2024-12-31_2359', '2000-02-29_1200', '2022-11-19_1311'])('accepts the real date and time %s', (ts) => {
    expect(isValidTimestamp(ts)).toBe(true);
  });

  it.each(['1900-02-29_0000', '2100-02-29_0000', '2024-06-31_0000', '2024-01-01_0060', '2024-01-01 1200', ' 2024-01-01_1200', ''])(
    'rejects %j',
    (ts) => {
      expect(isValidTimestamp(ts)).toBe(false);
    },
  );

  it('turns a timestamp into UTC epoch minutes', () => {
    expect(timestampMinutes('1970-01-01_0001')).toBe(1);
    expect(timestampMinutes('2022-11-19_1311')).toBe(Date.UTC(2022, 10, 19, 13, 11) / 60_000);
    expect(timestampMinutes('2024-02-30_0000')).toBeUndefined();
  });
});

describe('timestampFromDateTime: #Date Time (audit-files.md §3) to the name timestamp (§1)', () => {
  it('turns "YYYY-MM-DD HH:MM" into "YYYY-MM-DD_HHMM"', () => {
    expect(timestampFromDateTime('2022-11-19 13:11')).toBe('2022-11-19_1311');
  });

  it('ignores surrounding white space', () => {
    expect(timestampFromDateTime('  2024-03-05 19:58 \r')).toBe('2024-03-05_1958');
  });

  it.each(['2024-03-05T19:58', '2024-03-05 19:58:00', '2024-3-5 19:58', '2024-03-05  19:58', '', '<date-not-found>'])(
    'returns undefined for %j',
    (dt) => {
      expect(timestampFromDateTime(dt)).toBeUndefined();
    },
  );
});
