import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EXTENSIONS_BY_TYPE,
  buildAuditFileName,
  isValidTimestamp,
  parseAuditFileName,
  timestampFromDateTime,
  timestampMinutes,
  type AuditFileName,
  type AuditFileType,
} from '../../../src-shared/audit/file-names';

const TYPES = Object.keys(EXTENSIONS_BY_TYPE) as AuditFileType[];

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * Real minutes from 1900 to 2199. Years 0000–0099 are left out: they are no
 * audit's date, and `Date.UTC` maps them to 1900–1999 (see the report).
 */
const instant = fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2199, 11, 31, 23, 59)), noInvalidDate: true });
const nameTimestamp = (d: Date): string =>
  `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}_${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}`;
const timestamp = instant.map(nameTimestamp);

/** Name characters: no path separators (the parser takes the base name). */
const nameUnit = fc.oneof(
  fc.constantFrom('A', 'z', '0', '9', '-', '.', ' ', 'é', '☎'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }).filter((c) => !/[\\/_]/.test(c)),
);
const plainName = fc.string({ unit: nameUnit, minLength: 1, maxLength: 10 });
const underscoredName = fc.string({ unit: fc.oneof(nameUnit, fc.constant('_')), minLength: 1, maxLength: 12 });

const typeAndExt = fc.constantFrom(...TYPES).chain((type) => fc.record({ type: fc.constant(type), ext: fc.constantFrom(...EXTENSIONS_BY_TYPE[type]) }));

/**
 * `<host>_detailed` with a host that is or ends in `license` reads as the longer
 * type `license_detailed` (§1: "the longest known file type"); that name is
 * genuinely ambiguous, so such hosts are left out. No other host/type pair
 * forms a longer known type.
 */
const unambiguous = (n: AuditFileName): boolean => !(n.type === 'detailed' && (n.host === 'license' || n.host.endsWith('_license')));

function fileName(provider: fc.Arbitrary<string>, host: fc.Arbitrary<string>): fc.Arbitrary<AuditFileName> {
  return fc
    .record({ provider, host, te: typeAndExt, legacy: fc.boolean(), timestamp })
    .map(({ te, ...rest }) => ({ ...rest, type: te.type, ext: te.ext }))
    .filter(unambiguous);
}

describe('buildAuditFileName → parseAuditFileName is the identity (audit-files.md §1)', () => {
  it('without hints, for any type/extension/legacy/timestamp, a provider that may hold "_" and a host without "_"', () => {
    fc.assert(
      fc.property(fileName(underscoredName, plainName), (n) => {
        expect(parseAuditFileName(buildAuditFileName(n))).toEqual({ ok: true, value: n });
      }),
      { numRuns: 1000 },
    );
  });

  it('with the #Provider Name hint, when provider and host both may hold "_"', () => {
    fc.assert(
      fc.property(fileName(underscoredName, underscoredName), (n) => {
        expect(parseAuditFileName(buildAuditFileName(n), { provider: n.provider })).toEqual({ ok: true, value: n });
      }),
      { numRuns: 1000 },
    );
  });

  it('with the #hostname hint, when provider and host both may hold "_"', () => {
    fc.assert(
      fc.property(fileName(underscoredName, underscoredName), (n) => {
        expect(parseAuditFileName(buildAuditFileName(n), { host: n.host })).toEqual({ ok: true, value: n });
      }),
      { numRuns: 1000 },
    );
  });

  it('with both hints, and inside a folder path', () => {
    fc.assert(
      fc.property(fileName(underscoredName, underscoredName), fc.constantFrom('', 'dir/', 'a/b/', 'C:\\x\\'), (n, dir) => {
        expect(parseAuditFileName(dir + buildAuditFileName(n), { provider: n.provider, host: n.host })).toEqual({ ok: true, value: n });
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseAuditFileName on arbitrary names', () => {
  const token = fc.constantFrom(
    'vlf', 'P', 'H', 'x_y', '_', '__', 'legacy', 'detailed', 'license', 'anonymous', 'breakdown', 'adaptation', 'log', 'patch',
    '2024-02-29', '2023-02-29', '1200', '2460', '.', '-',
  );
  const name = fc.tuple(fc.constantFrom('vlf_', 'vlf', ''), fc.array(token, { maxLength: 10 }), fc.constantFrom('.csv', '.CSV', '.zip', '.json', '.txt', ''));

  it('never throws; a rejection has a reason, and an accepted name rebuilds to itself (extension in lower case)', () => {
    fc.assert(
      fc.property(name, ([prefix, tokens, ext]) => {
        const s = `${prefix}${tokens.join('_')}${ext}`;
        const r = parseAuditFileName(s);
        if (r.ok) {
          const dot = s.lastIndexOf('.');
          expect(buildAuditFileName(r.value)).toBe(s.slice(0, dot) + s.slice(dot).toLowerCase());
          expect(EXTENSIONS_BY_TYPE[r.value.type]).toContain(r.value.ext);
          expect(isValidTimestamp(r.value.timestamp)).toBe(true);
          expect(r.value.provider).not.toBe('');
          expect(r.value.host).not.toBe('');
        } else {
          expect(r.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isValidTimestamp agrees with the calendar', () => {
  const daysIn = (y: number, m: number): number =>
    m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

  it('accepts exactly the real dates and times (years 1900–2199, fields a little out of range)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2199 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        (y, mo, d, h, mi) => {
          const ts = `${pad(y, 4)}-${pad(mo)}-${pad(d)}_${pad(h)}${pad(mi)}`;
          const real = mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) && h <= 23 && mi <= 59;
          expect(isValidTimestamp(ts)).toBe(real);
          expect(timestampMinutes(ts)).toBe(real ? Date.UTC(y, mo - 1, d, h, mi) / 60_000 : undefined);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('timestampFromDateTime: #Date Time → name timestamp (audit-files.md §1, §3)', () => {
  it('gives the name timestamp of the same minute', () => {
    fc.assert(
      fc.property(instant, (d) => {
        const dateTime = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
        const ts = timestampFromDateTime(dateTime);
        expect(ts).toBe(nameTimestamp(d));
        expect(timestampMinutes(ts!)).toBe(Math.floor(d.getTime() / 60_000));
      }),
    );
  });
});
