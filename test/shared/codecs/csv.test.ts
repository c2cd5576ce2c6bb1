import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  csvField,
  metadataMap,
  parseAuditCsv,
  parseAuditCsvText,
  writeAuditCsv,
  type AuditCsv,
  type CsvProblemKind,
} from '../../../src-shared/audit/csv';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const BOM = [0xef, 0xbb, 0xbf];

function kinds(csv: { problems: { kind: CsvProblemKind }[] }): CsvProblemKind[] {
  return csv.problems.map((p) => p.kind);
}

/** Every string the parser returned: metadata keys and values, header and row fields. */
function allStrings(csv: Omit<AuditCsv, 'bom'>): string[] {
  return [
    ...csv.metadata.flatMap((m) => [m.key, m.value]),
    ...csv.header,
    ...csv.rows.flatMap((r) => r.fields),
  ];
}

describe('parseAuditCsv: layout of audit-files.md §3 (metadata, header, rows)', () => {
  it('separates #Key=Value metadata, the header and the count rows, with their line numbers', () => {
    const csv = parseAuditCsvText('#OrgID=0010000001kPTUpQA0\n#Audit Version=4.1.5\nCustomer PKID,Site Count\nabc,2\ndef,3\n');
    expect(csv.metadata).toEqual([
      { key: 'OrgID', value: '0010000001kPTUpQA0', line: 1 },
      { key: 'Audit Version', value: '4.1.5', line: 2 },
    ]);
    expect(csv.header).toEqual(['Customer PKID', 'Site Count']);
    expect(csv.headerLine).toBe(3);
    expect(csv.rows).toEqual([
      { line: 4, fields: ['abc', '2'] },
      { line: 5, fields: ['def', '3'] },
    ]);
    expect(csv.problems).toEqual([]);
    expect(csv.lineEnding).toBe('LF');
  });

  it('keeps everything after the first "=" as the value (#Key=Value=More → "Value=More")', () => {
    const csv = parseAuditCsvText('#Key=Value=More\n#Empty=\nh\n');
    expect(csv.metadata).toEqual([
      { key: 'Key', value: 'Value=More', line: 1 },
      { key: 'Empty', value: '', line: 2 },
    ]);
    expect(csv.problems).toEqual([]);
  });

  it('keeps placeholder values such as <license-token-not-found> verbatim', () => {
    const csv = parseAuditCsvText('#License Token=<license-token-not-found>\n#License Expiry=<license-expiry-not-found>\nh\n');
    expect(metadataMap(csv.metadata).get('License Token')).toBe('<license-token-not-found>');
    expect(metadataMap(csv.metadata).get('License Expiry')).toBe('<license-expiry-not-found>');
  });

  it('reads a file with no metadata lines: the header is line 1', () => {
    const csv = parseAuditCsvText('a,b\n1,2\n');
    expect(csv.metadata).toEqual([]);
    expect(csv.headerLine).toBe(1);
    expect(csv.rows).toEqual([{ line: 2, fields: ['1', '2'] }]);
  });

  it('reads the last row when the file has no final line end', () => {
    const csv = parseAuditCsvText('#K=V\na,b\n1,2');
    expect(csv.rows).toEqual([{ line: 3, fields: ['1', '2'] }]);
    expect(csv.problems).toEqual([]);
  });

  it('treats a "#" line after the header as a data row, not metadata', () => {
    const csv = parseAuditCsvText('#K=V\nh1,h2\n#x=y,z\n');
    expect(csv.metadata).toHaveLength(1);
    expect(csv.rows).toEqual([{ line: 3, fields: ['#x=y', 'z'] }]);
  });

  it('unquotes RFC 4180 fields: embedded commas, doubled quotes and line ends', () => {
    const csv = parseAuditCsvText('h1,h2,h3\n"Delta, Logistics","say ""hi""","two\nlines"\n');
    expect(csv.rows).toEqual([{ line: 2, fields: ['Delta, Logistics', 'say "hi"', 'two\nlines'] }]);
    expect(csv.problems).toEqual([]);
  });

  it('keeps leading and trailing spaces in fields (no trimming)', () => {
    const csv = parseAuditCsvText(' h1 ,h2 \n  x, y \n');
    expect(csv.header).toEqual([' h1 ', 'h2 ']);
    expect(csv.rows[0]!.fields).toEqual(['  x', ' y ']);
  });

  it('keeps rows whose field count differs from the header, without a problem (V10 judges them)', () => {
    const csv = parseAuditCsvText('a,b,c\n1,2\n1,2,3,4\n');
    expect(csv.rows.map((r) => r.fields.length)).toEqual([2, 4]);
    expect(csv.problems).toEqual([]);
  });
});

describe('parseAuditCsv: encoding and line ends (audit-files.md §3 "UTF-8, a BOM is allowed, LF or CRLF")', () => {
  it('reads a file with a UTF-8 BOM and CRLF line ends: bom true, lineEnding CRLF, no stray CR anywhere', () => {
    const text = '#OrgID=0010000001kPTUpQA0\r\n#hostname=VOSS-UN-1\r\nCustomer PKID,Site Count\r\n6197a2522f7ab2c5dbb8f2aa,2\r\n"Delta, Logistics",3\r\n';
    const csv = parseAuditCsv(new Uint8Array([...BOM, ...utf8(text)]));
    expect(csv.bom).toBe(true);
    expect(csv.lineEnding).toBe('CRLF');
    expect(csv.problems).toEqual([]);
    // The BOM does not end up in the first key.
    expect(csv.metadata).toEqual([
      { key: 'OrgID', value: '0010000001kPTUpQA0', line: 1 },
      { key: 'hostname', value: 'VOSS-UN-1', line: 2 },
    ]);
    expect(csv.header).toEqual(['Customer PKID', 'Site Count']);
    expect(csv.headerLine).toBe(3);
    expect(csv.rows).toEqual([
      { line: 4, fields: ['6197a2522f7ab2c5dbb8f2aa', '2'] },
      { line: 5, fields: ['Delta, Logistics', '3'] },
    ]);
    for (const s of allStrings(csv)) expect(s).not.toMatch(/[\r\uFEFF]/);
  });

  it('reports bom false and lineEnding LF for a plain LF file', () => {
    const csv = parseAuditCsv(utf8('#K=V\nh\nx\n'));
    expect(csv.bom).toBe(false);
    expect(csv.lineEnding).toBe('LF');
    expect(csv.problems).toEqual([]);
  });

  it('reads a BOM file without metadata: the BOM does not stick to the first header field', () => {
    const csv = parseAuditCsv(new Uint8Array([...BOM, ...utf8('Customer PKID,Site Count\nabc,1\n')]));
    expect(csv.bom).toBe(true);
    expect(csv.header).toEqual(['Customer PKID', 'Site Count']);
  });

  it('reports mixed line ends (LF file with some CRLF lines) and leaves no CR in the fields', () => {
    const csv = parseAuditCsvText('#K=V\nh1,h2\na,b\r\nc,d\n');
    expect(kinds(csv)).toEqual(['mixed-line-endings']);
    expect(csv.header).toEqual(['h1', 'h2']);
    expect(csv.rows).toEqual([
      { line: 3, fields: ['a', 'b'] },
      { line: 4, fields: ['c', 'd'] },
    ]);
  });

  it('reports mixed line ends (CRLF file with some LF lines) and still splits the rows cleanly', () => {
    const csv = parseAuditCsvText('#K=V\r\nh1,h2\r\na,b\nc,d\r\n');
    expect(kinds(csv)).toEqual(['mixed-line-endings']);
    expect(csv.header).toEqual(['h1', 'h2']);
    expect(csv.rows).toEqual([
      { line: 3, fields: ['a', 'b'] },
      { line: 4, fields: ['c', 'd'] },
    ]);
    for (const s of allStrings(csv)) expect(s).not.toMatch(/[\r\n]/);
  });

  it('reports mixed line ends when only the metadata lines differ from the rest', () => {
    const csv = parseAuditCsvText('#K=V\r\n#L=W\r\nh1,h2\na,b\n');
    expect(kinds(csv)).toEqual(['mixed-line-endings']);
    expect(csv.metadata.map((m) => m.value)).toEqual(['V', 'W']);
    expect(csv.header).toEqual(['h1', 'h2']);
    expect(csv.rows).toEqual([{ line: 4, fields: ['a', 'b'] }]);
  });

  it('a quoted CRLF inside an LF file is reported as mixed line ends, and no row is merged or lost', () => {
    // The reader decides line ends by counting them (papaparse splits on one kind); the
    // CRLF inside the quotes counts, so the file is called mixed and read with LF.
    const csv = parseAuditCsvText('"two\r\nlines",h2\na,b\n');
    expect(csv.problems.map((p) => p.kind)).toEqual(['mixed-line-endings']);
    expect(csv.header).toEqual(['two\nlines', 'h2']);
    expect(csv.rows).toEqual([{ line: 3, fields: ['a', 'b'] }]);
  });

  it('keeps a CR that is inside the quotes of a last field, and does not call it mixed line ends', () => {
    const lf = parseAuditCsvText('h1,h2\na,"b\r"\n');
    expect(lf.rows).toEqual([{ line: 2, fields: ['a', 'b\r'] }]);
    expect(lf.problems).toEqual([]);
    const crlf = parseAuditCsvText('h1,h2\r\na,"b\r"\r\n');
    expect(crlf.rows).toEqual([{ line: 2, fields: ['a', 'b\r'] }]);
    expect(crlf.problems).toEqual([]);
    expect(crlf.lineEnding).toBe('CRLF');
  });

  it('reports invalid UTF-8 as an "encoding" problem on the line that holds the bad byte', () => {
    const bytes = new Uint8Array([...utf8('#K=V\nh1,h2\nab'), 0xff, ...utf8(',1\n')]);
    const csv = parseAuditCsv(bytes);
    const encoding = csv.problems.filter((p) => p.kind === 'encoding');
    expect(encoding).toHaveLength(1);
    expect(encoding[0]!.line).toBe(3);
    expect(encoding[0]!.message).toContain('byte 13');
    // The rest of the file is still read (the bad byte becomes U+FFFD).
    expect(csv.header).toEqual(['h1', 'h2']);
    expect(csv.rows).toEqual([{ line: 3, fields: ['ab\uFFFD', '1'] }]);
  });

  it('counts the line of an invalid byte from the file start even with a BOM and CRLF', () => {
    const bytes = new Uint8Array([...BOM, ...utf8('#K=V\r\n#L=W\r\nh\r\nx\r\n'), 0xc0, 0xaf, 0x0d, 0x0a]);
    const csv = parseAuditCsv(bytes);
    expect(csv.problems.find((p) => p.kind === 'encoding')?.line).toBe(5);
  });
});

describe('parseAuditCsv: problems name their line (audit-files.md §5, V8/V9/V10)', () => {
  it('reports a metadata line without "=" as "metadata-syntax" with its line, and still reads the others', () => {
    const csv = parseAuditCsvText('#OrgID=1\n#Platform ID 5e54\n#hostname=H\nh\n');
    expect(csv.problems).toEqual([expect.objectContaining({ kind: 'metadata-syntax', line: 2 })]);
    expect(csv.problems[0]!.message).toContain('line 2');
    expect(csv.metadata.map((m) => [m.key, m.line])).toEqual([
      ['OrgID', 1],
      ['hostname', 3],
    ]);
    expect(csv.headerLine).toBe(4);
  });

  it('reports an unterminated quote as a "quotes" problem naming the line where the field opens', () => {
    const csv = parseAuditCsvText('#K=V\nh1,h2\na,b\n"c,d\ne,f\n');
    const quotes = csv.problems.filter((p) => p.kind === 'quotes');
    expect(quotes).toHaveLength(1);
    expect(quotes[0]!.line).toBe(4);
    expect(quotes[0]!.message).toMatch(/^line 4: /);
    expect(csv.rows[0]).toEqual({ line: 3, fields: ['a', 'b'] });
  });

  it('reports a malformed closing quote ("a"b) as "quotes" problems on its line only', () => {
    const csv = parseAuditCsvText('h1,h2\nx,y\n"a"b,c\n');
    expect(csv.problems.length).toBeGreaterThan(0);
    for (const p of csv.problems) expect(p).toMatchObject({ kind: 'quotes', line: 3 });
    expect(csv.rows[0]).toEqual({ line: 2, fields: ['x', 'y'] });
  });

  it('reports a blank line between rows as "blank-line" with its line and drops it from the rows', () => {
    const csv = parseAuditCsvText('#K=V\nh1,h2\na,b\n\nc,d\n');
    expect(csv.problems).toEqual([expect.objectContaining({ kind: 'blank-line', line: 4 })]);
    expect(csv.rows).toEqual([
      { line: 3, fields: ['a', 'b'] },
      { line: 5, fields: ['c', 'd'] },
    ]);
  });

  it('treats a whitespace-only line as blank', () => {
    const csv = parseAuditCsvText('h1\na\n   \nb\n');
    expect(csv.problems).toEqual([expect.objectContaining({ kind: 'blank-line', line: 3 })]);
    expect(csv.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('reports a blank line inside the metadata block with its line', () => {
    const csv = parseAuditCsvText('#A=1\n\n#B=2\nh\n');
    expect(csv.problems).toEqual([expect.objectContaining({ kind: 'blank-line', line: 2 })]);
    expect(csv.metadata.map((m) => m.key)).toEqual(['A', 'B']);
    expect(csv.headerLine).toBe(4);
  });

  it('reports a blank line at the end (two final line ends) but not the single final line end', () => {
    expect(parseAuditCsvText('h\na\n').problems).toEqual([]);
    const csv = parseAuditCsvText('h\na\n\n');
    expect(csv.problems).toEqual([expect.objectContaining({ kind: 'blank-line', line: 3 })]);
    expect(csv.rows).toEqual([{ line: 2, fields: ['a'] }]);
  });

  it('reports an empty input as "no-header" with no header and headerLine 0', () => {
    for (const csv of [parseAuditCsv(new Uint8Array()), parseAuditCsv(new Uint8Array(BOM))]) {
      expect(kinds(csv)).toEqual(['no-header']);
      expect(csv.header).toEqual([]);
      expect(csv.headerLine).toBe(0);
      expect(csv.rows).toEqual([]);
    }
  });

  it('reports "no-header" on the line after the metadata when only metadata is present', () => {
    const csv = parseAuditCsvText('#A=1\n#B=2\n');
    expect(csv.problems).toEqual([expect.objectContaining({ kind: 'no-header', line: 3 })]);
    expect(csv.metadata).toHaveLength(2);
    expect(csv.headerLine).toBe(0);
  });

  it('gives rows the line they start on when a quoted field spans lines', () => {
    const csv = parseAuditCsvText('#K=V\nh1,h2\n"one\ntwo\nthree",x\ny,"a\nb"\nz,w\n');
    expect(csv.rows).toEqual([
      { line: 3, fields: ['one\ntwo\nthree', 'x'] },
      { line: 6, fields: ['y', 'a\nb'] },
      { line: 8, fields: ['z', 'w'] },
    ]);
    expect(csv.problems).toEqual([]);
  });

  it('gives rows the right lines in a CRLF file with a multi-line quoted field', () => {
    const csv = parseAuditCsv(utf8('#K=V\r\nh1,"h\r\n2"\r\n"a\r\nb",c\r\nd,e\r\n'));
    expect(csv.headerLine).toBe(2);
    expect(csv.header).toEqual(['h1', 'h\r\n2']);
    expect(csv.rows).toEqual([
      { line: 4, fields: ['a\r\nb', 'c'] },
      { line: 6, fields: ['d', 'e'] },
    ]);
    expect(csv.problems).toEqual([]);
  });

  it('gives the blank line after a multi-line field the right number', () => {
    const csv = parseAuditCsvText('h\n"a\nb"\n\nc\n');
    expect(csv.problems).toEqual([expect.objectContaining({ kind: 'blank-line', line: 4 })]);
    expect(csv.rows.map((r) => r.line)).toEqual([2, 5]);
  });
});

describe('parseAuditCsv on the guide example files (test/fixtures/guide)', () => {
  const dir = join(__dirname, '../../fixtures/guide');

  it('reads the anonymous example: 11 metadata lines, 36 columns, rows of 36 fields, no problems', () => {
    const csv = parseAuditCsv(readFileSync(join(dir, 'vlf_CS-P_VOSS-UN-1_anonymous_legacy_2022-11-19_1311.csv')));
    expect(csv.problems).toEqual([]);
    expect(csv.metadata.map((m) => m.key)).toEqual([
      'OrgID', 'Platform ID', 'hostname', 'Provider Name', 'Software Version', 'Platform Version',
      'Deployment Mode', 'Date Time', 'License Token', 'License Expiry', 'Audit Version',
    ]);
    expect(csv.headerLine).toBe(12);
    expect(csv.header).toHaveLength(36);
    expect(csv.header[0]).toBe('Customer PKID');
    expect(csv.header[35]).toBe('Site Count');
    expect(csv.rows.length).toBeGreaterThan(0);
    for (const r of csv.rows) expect(r.fields).toHaveLength(36);
    expect(csv.rows.map((r) => r.line)).toEqual(csv.rows.map((_, i) => 13 + i));
  });

  it('reads the defective detailed example without problems from the parser (ragged rows are V10’s job)', () => {
    const csv = parseAuditCsv(readFileSync(join(dir, 'vlf_CS-P_VOSS-UN-1_detailed_legacy_2022-11-19_1311.csv')));
    expect(csv.problems).toEqual([]);
    expect(csv.header).toHaveLength(39);
    expect(csv.rows.map((r) => r.fields.length).some((n) => n !== 39)).toBe(true);
  });
});

describe('metadataMap', () => {
  it('maps keys to values with the first occurrence winning', () => {
    const map = metadataMap([
      { key: 'A', value: '1', line: 1 },
      { key: 'B', value: '2', line: 2 },
      { key: 'A', value: '3', line: 3 },
    ]);
    expect([...map]).toEqual([
      ['A', '1'],
      ['B', '2'],
    ]);
  });
});

describe('csvField: quoting of audit-files.md §6', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    [' leading space', ' leading space'],
    ['trailing space ', 'trailing space '],
    ['#hash', '#hash'],
    ["it's", "it's"],
    ['Zürich ☎', 'Zürich ☎'],
  ])('leaves %j unquoted', (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it.each([
    ['Delta, Logistics', '"Delta, Logistics"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['a\nb', '"a\nb"'],
    ['a\rb', '"a\rb"'],
    ['a\r\nb', '"a\r\nb"'],
  ])('quotes %j', (value, written) => {
    expect(csvField(value)).toBe(written);
  });
});

describe('writeAuditCsv: bytes the app writes (audit-files.md §6)', () => {
  it('writes metadata, header and rows with LF line ends, including after the last line', () => {
    const text = writeAuditCsv({
      metadata: [
        ['Provider Name', 'Acme, Inc'],
        ['Audit Version', '5.2.0'],
      ],
      header: ['Customer PKID', 'User Licenses'],
      rows: [
        ['65d5f0a1b2c3d4e5f6071a01', '19'],
        [' spaced ', 'say "x"'],
      ],
    });
    expect(text).toBe(
      '#Provider Name=Acme, Inc\n#Audit Version=5.2.0\nCustomer PKID,User Licenses\n65d5f0a1b2c3d4e5f6071a01,19\n spaced ,"say ""x"""\n',
    );
  });

  it('writes no BOM, no CR and exactly one final LF', () => {
    const text = writeAuditCsv({ metadata: [['K', 'V']], header: ['h'], rows: [['a'], ['b']] });
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).not.toContain('\r');
    expect(text.endsWith('b\n')).toBe(true);
  });

  it('writes a header-only file when there are no rows, and it reads back', () => {
    const text = writeAuditCsv({ metadata: [], header: ['a', 'b'], rows: [] });
    expect(text).toBe('a,b\n');
    const csv = parseAuditCsvText(text);
    expect(csv.header).toEqual(['a', 'b']);
    expect(csv.rows).toEqual([]);
    expect(csv.problems).toEqual([]);
  });
});
