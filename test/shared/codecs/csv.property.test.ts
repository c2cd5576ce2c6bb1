import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  csvField,
  parseAuditCsv,
  parseAuditCsvText,
  writeAuditCsv,
  type AuditCsvContent,
} from '../../../src-shared/audit/csv';

/**
 * Characters that stress the format, mixed with arbitrary Unicode (valid
 * scalar values only: the byte-level properties go through TextEncoder, which
 * would turn a lone surrogate into U+FFFD).
 */
const special = fc.constantFrom(',', '"', '\r', '\n', '\r\n', ' ', '\t', '#', '=', 'é', 'ß', '☎', '😀', '\u00a0', '\u2028', '\uFEFF');
const unit = fc.oneof({ weight: 2, arbitrary: special }, { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) });
const anyText = fc.string({ unit, maxLength: 12 });

/** A metadata key is what lies between `#` and the first `=` of a line, so it cannot hold `=`, CR or LF. */
const metaKey = anyText.filter((k) => !/[=\r\n]/.test(k));
/** A metadata value runs to the end of its line, so it cannot hold CR or LF (a final CR would read as a CRLF line end). */
const metaValue = anyText.filter((v) => !/[\r\n]/.test(v));

/**
 * A line holding one field that trims to nothing is a blank line (audit-files.md
 * §3 has no one-column file, and the reader reports such lines as blank), so a
 * one-field header or row must not be blank. Empty field lists would write an
 * empty line too, so every header and row has at least one field.
 */
const notBlankLine = (fields: readonly string[]): boolean => !(fields.length === 1 && fields[0]!.trim() === '');
/**
 * The header line is the first line that does not start with `#`, so the
 * header's first field must not start with `#`. Nor may it start with U+FEFF:
 * in a file without metadata those would be the first bytes, which §3 reads
 * as a byte order mark.
 */
const headerOk = (h: readonly string[]): boolean => !h[0]!.startsWith('#') && !h[0]!.startsWith('\uFEFF');

/**
 * The reader tells a file's line ends by counting CRLF and LF, line breaks
 * inside quoted fields included (papaparse splits rows on one kind), so a
 * field round-trips exactly when it holds no line break of the other kind:
 * no CR in an LF file, no line break at all in a CRLF file. Audit files hold
 * counts, PKIDs and names, never such characters; a file that does is read
 * with a mixed-line-endings warning (see csv.test.ts).
 */
function contentOf(field: fc.Arbitrary<string>): fc.Arbitrary<AuditCsvContent> {
  const fieldRow = fc.array(field, { minLength: 1, maxLength: 6 }).filter(notBlankLine);
  return fc.record({
    metadata: fc.array(fc.tuple(metaKey, metaValue), { maxLength: 5 }),
    header: fieldRow.filter(headerOk),
    rows: fc.array(fieldRow, { maxLength: 6 }),
  });
}
const content = contentOf(anyText.filter((v) => !v.includes('\r')));
const contentWithoutLineBreaks = contentOf(anyText.filter((v) => !/[\r\n]/.test(v)));
/** For the writer's own byte rules, any text at all. */
const anyContent = contentOf(anyText);

/** The same content with CRLF line ends (what a Windows tool would save). */
function writeCrlf(c: AuditCsvContent): string {
  const lines = [
    ...c.metadata.map(([k, v]) => `#${k}=${v}`),
    c.header.map(csvField).join(','),
    ...c.rows.map((r) => r.map(csvField).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

function expectSameContent(parsed: ReturnType<typeof parseAuditCsvText>, c: AuditCsvContent): void {
  expect(parsed.problems).toEqual([]);
  expect(parsed.metadata.map((m) => [m.key, m.value])).toEqual(c.metadata.map(([k, v]) => [k, v]));
  expect(parsed.header).toEqual(c.header);
  expect(parsed.rows.map((r) => r.fields)).toEqual(c.rows);
}

/** 1-based line on which each written line starts, counting LFs inside quoted fields. */
function expectedLines(c: AuditCsvContent): { metadata: number[]; header: number; rows: number[] } {
  let line = 1;
  const metadata = c.metadata.map(() => line++);
  const headerLine = line;
  line += 1 + c.header.join('').split('\n').length - 1;
  const rows = c.rows.map((r) => {
    const at = line;
    line += 1 + r.join('').split('\n').length - 1;
    return at;
  });
  return { metadata, header: headerLine, rows };
}

describe('writeAuditCsv → parseAuditCsv is the identity (audit-files.md §3, §6)', () => {
  it('reads back the metadata pairs, header and rows the writer was given', () => {
    fc.assert(
      fc.property(content, (c) => {
        const parsed = parseAuditCsvText(writeAuditCsv(c));
        expectSameContent(parsed, c);
        expect(parsed.lineEnding).toBe('LF');
      }),
      { numRuns: 500 },
    );
  });

  it('reads back the same content from the UTF-8 bytes, with and without a BOM', () => {
    fc.assert(
      fc.property(content, fc.boolean(), (c, withBom) => {
        const body = new TextEncoder().encode(writeAuditCsv(c));
        const bytes = withBom ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body;
        const parsed = parseAuditCsv(bytes);
        expectSameContent(parsed, c);
        expect(parsed.bom).toBe(withBom);
      }),
      { numRuns: 300 },
    );
  });

  it('gives every metadata line, the header and every row the line it starts on', () => {
    fc.assert(
      fc.property(content, (c) => {
        const parsed = parseAuditCsvText(writeAuditCsv(c));
        const want = expectedLines(c);
        expect(parsed.metadata.map((m) => m.line)).toEqual(want.metadata);
        expect(parsed.headerLine).toBe(want.header);
        expect(parsed.rows.map((r) => r.line)).toEqual(want.rows);
      }),
      { numRuns: 300 },
    );
  });

  it('reads the same content from a CRLF file and says its line ends are CRLF', () => {
    fc.assert(
      fc.property(contentWithoutLineBreaks, (c) => {
        const parsed = parseAuditCsvText(writeCrlf(c));
        expectSameContent(parsed, c);
        expect(parsed.lineEnding).toBe('CRLF');
      }),
      { numRuns: 500 },
    );
  });

  it('finds mixed line ends whichever line differs, and still reads the content', () => {
    fc.assert(
      fc.property(
        contentWithoutLineBreaks.filter((c) => c.metadata.length + 1 + c.rows.length >= 2),
        fc.nat(),
        fc.boolean(),
        (c, pick, crlfFile) => {
          const lines = [
            ...c.metadata.map(([k, v]) => `#${k}=${v}`),
            c.header.map(csvField).join(','),
            ...c.rows.map((r) => r.map(csvField).join(',')),
          ];
          const odd = pick % lines.length;
          const [usual, other] = crlfFile ? ['\r\n', '\n'] : ['\n', '\r\n'];
          const text = lines.map((l, i) => l + (i === odd ? other : usual)).join('');
          const parsed = parseAuditCsvText(text);
          expect(parsed.problems.map((p) => p.kind)).toEqual(['mixed-line-endings']);
          expect(parsed.lineEnding).toBe(odd === 0 ? (crlfFile ? 'LF' : 'CRLF') : crlfFile ? 'CRLF' : 'LF');
          expect(parsed.metadata.map((m) => [m.key, m.value])).toEqual(c.metadata.map(([k, v]) => [k, v]));
          expect(parsed.header).toEqual(c.header);
          expect(parsed.rows.map((r) => r.fields)).toEqual(c.rows);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('writeAuditCsv output bytes (audit-files.md §6)', () => {
  it('ends with exactly one LF and has one LF per line plus those inside quoted fields', () => {
    fc.assert(
      fc.property(anyContent, (c) => {
        const text = writeAuditCsv(c);
        expect(text.endsWith('\n')).toBe(true);
        expect(text.endsWith('\n\n')).toBe(false);
        const lfInside = [...c.header, ...c.rows.flat()].join('').split('\n').length - 1;
        expect(text.split('\n').length - 1).toBe(c.metadata.length + 1 + c.rows.length + lfInside);
      }),
    );
  });

  it('uses LF only: a CR appears only where a value held one, and there is no BOM', () => {
    fc.assert(
      fc.property(anyContent, (c) => {
        const text = writeAuditCsv(c);
        const crInValues = [...c.metadata.flat(), ...c.header, ...c.rows.flat()].join('').split('\r').length - 1;
        expect(text.split('\r').length - 1).toBe(crInValues);
        expect(text.startsWith('\uFEFF')).toBe(false);
      }),
    );
  });

  it('quotes a field only when it holds a comma, a quote, CR or LF, and doubles its quotes', () => {
    fc.assert(
      fc.property(anyText, (v) => {
        const written = csvField(v);
        if (/[,"\r\n]/.test(v)) {
          expect(written).toBe(`"${v.split('"').join('""')}"`);
        } else {
          expect(written).toBe(v);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('does not quote fields with leading or trailing spaces (unlike Papa.unparse)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '#', '=') }), (core) => {
        expect(csvField(` ${core} `)).toBe(` ${core} `);
      }),
    );
  });

  it('is deterministic: the same content gives the same text', () => {
    fc.assert(
      fc.property(anyContent, (c) => {
        expect(writeAuditCsv(structuredClone(c))).toBe(writeAuditCsv(c));
      }),
    );
  });
});

describe('parseAuditCsv never throws (audit-files.md §5: problems, not crashes)', () => {
  it('returns problems with line numbers within the file for arbitrary bytes', () => {
    const csvish = fc.array(
      fc.oneof(
        fc.constantFrom(...[',', '"', '\r', '\n', '#', '=', 'a', ' '].map((s) => s.charCodeAt(0))),
        fc.integer({ min: 0, max: 255 }),
      ),
      { maxLength: 80 },
    );
    fc.assert(
      fc.property(csvish, (arr) => {
        const bytes = new Uint8Array(arr);
        const parsed = parseAuditCsv(bytes);
        const lines = arr.filter((b) => b === 0x0a).length + 1;
        for (const p of parsed.problems) {
          expect(p.line).toBeGreaterThanOrEqual(0);
          // 'no-header' names the line after the metadata, which may be one past a file without a final LF.
          expect(p.line).toBeLessThanOrEqual(p.kind === 'no-header' ? lines + 1 : lines);
          expect(p.message.length).toBeGreaterThan(0);
        }
        for (const r of parsed.rows) {
          expect(r.line).toBeGreaterThan(parsed.headerLine);
          expect(r.line).toBeLessThanOrEqual(lines);
        }
      }),
      { numRuns: 500 },
    );
  });
});
