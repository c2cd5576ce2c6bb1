import { describe, expect, it } from 'vitest';
import { JSON_TOLERANCE_MESSAGES, lineAndColumn, parseExportJson, type ParsedExportJson } from '../../../src-shared/ingest/export-bundle';

type Ok = Extract<ParsedExportJson, { ok: true }>;
type Err = Extract<ParsedExportJson, { ok: false }>;

function ok(text: string): Ok {
  const r = parseExportJson(text);
  if (!r.ok) throw new Error(`expected a read, got: ${r.error}`);
  return r;
}

function err(text: string): Err {
  const r = parseExportJson(text);
  if (r.ok) throw new Error(`expected an error, read ${JSON.stringify(r.value)}`);
  return r;
}

describe('parseExportJson: strict JSON (guide §3.1.1: "JSON as per RFC 7159"; platform-dump.md §2: a JSON list)', () => {
  it('reads a list of records with no tolerance', () => {
    expect(ok('[{"a": 1}, {"b": [true, null, "x"]}]')).toEqual({ ok: true, value: [{ a: 1 }, { b: [true, null, 'x'] }], tolerated: [], uses: [] });
  });

  it('reads an empty export `[]` (guide §3.2.1)', () => {
    expect(ok('[]\n')).toMatchObject({ value: [], tolerated: [] });
  });

  it('keeps strings exactly, escapes included', () => {
    expect(ok(String.raw`[{"cucm_dn": "\\+155545", "q": "a\"b", "u": "\u00e9"}]`).value).toEqual([{ cucm_dn: '\\+155545', q: 'a"b', u: 'é' }]);
  });

  it.each([
    ['a string', '"x"', 'a string'],
    ['a number', '42', 'a number'],
    ['null', 'null', 'null'],
    ['true', ' true', 'a boolean'],
  ])('refuses a file holding %s, at the value', (_what, text, described) => {
    const e = err(text);
    expect(e.error).toContain(`holds ${described}, not a list of records`);
    expect(e.offset).toBe(text.length - text.trimStart().length);
  });
});

describe('parseExportJson: the tolerated cases, each reported (decisions in export-bundle.ts)', () => {
  it('trailing commas before ] and } (guide §3.3.15 second example), counted with the first line', () => {
    const r = ok('[\n{"a": [1, 2,], "b": 3,},\n{"c": 4},\n]');
    expect(r.value).toEqual([{ a: [1, 2], b: 3 }, { c: 4 }]);
    expect(r.tolerated).toEqual(['trailing-comma']);
    expect(r.uses).toEqual([{ tolerance: 'trailing-comma', count: 3, line: 2 }]);
  });

  it('Python True/False/None outside strings (guide §3.3.14, §3.3.20)', () => {
    const r = ok('[{"a": True, "b": False, "c": None, "d": "True"}]');
    expect(r.value).toEqual([{ a: true, b: false, c: null, d: 'True' }]);
    expect(r.uses).toEqual([{ tolerance: 'python-literal', count: 3, line: 1 }]);
  });

  it('a single object instead of a list (guide §3.3.16, §3.3.17), strict or tolerant', () => {
    expect(ok('{"id": "x"}')).toMatchObject({ value: [{ id: 'x' }], tolerated: ['single-object'] });
    expect(ok('{"id": True,}')).toMatchObject({ value: [{ id: true }], tolerated: ['python-literal', 'trailing-comma', 'single-object'] });
  });

  it('a blank file as an empty export (guide §3.3.8: the FMC file "will be blank")', () => {
    expect(ok('')).toMatchObject({ value: [], tolerated: ['blank-file'] });
    expect(ok(' \n\t\n')).toMatchObject({ value: [], tolerated: ['blank-file'] });
  });

  it('a byte order mark, keeping offsets relative to the text as given', () => {
    expect(ok('\uFEFF[{"a": 1}]')).toMatchObject({ value: [{ a: 1 }], tolerated: ['byte-order-mark'] });
    const e = err('\uFEFF[{"a" 1}]');
    expect(e).toMatchObject({ offset: 7, line: 1, column: 8 });
  });

  it('has a message for every tolerance', () => {
    for (const t of ['byte-order-mark', 'blank-file', 'trailing-comma', 'python-literal', 'single-object'] as const) {
      expect(JSON_TOLERANCE_MESSAGES[t].length).toBeGreaterThan(20);
    }
  });

  it('never tolerates inside strings: a Python word or a comma in a string stays as written', () => {
    expect(ok('[{"a": "x,]", "b": "None"}, ]').value).toEqual([{ a: 'x,]', b: 'None' }]);
  });

  it('keeps a "__proto__" member as an ordinary field, as JSON.parse does', () => {
    const r = ok('[{"__proto__": {"polluted": true}, "a": True}]');
    const record = r.value[0] as Record<string, unknown>;
    expect(Object.keys(record)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
  });
});

describe('parseExportJson: errors with an offset, never guessed structure (platform-dump.md §4)', () => {
  it('a missing comma between members (guide §3.3.8, §3.3.18) is an error, not inserted', () => {
    const text = '[{\n  "a": "x"\n  "b": "y"\n}]';
    const e = err(text);
    expect(e.offset).toBe(text.indexOf('"b"'));
    expect([e.line, e.column]).toEqual([3, 3]);
    expect(e.error).toMatch(/expected ',' or '}'.*missing, and is not guessed \(line 3, column 3\)/);
  });

  it('a missing comma between list elements is an error', () => {
    const text = '[{"a": 1}\n{"b": 2}]';
    expect(err(text)).toMatchObject({ offset: text.indexOf('{"b"'), line: 2, column: 1 });
  });

  it('a missing closing bracket is an error at the end, naming where the list opened', () => {
    const text = '[\n  {"a": 1},\n  {"b": 2}\n';
    const e = err(text);
    expect(e.offset).toBe(text.length);
    expect(e.error).toContain("the text ends inside the list opened at line 1, column 1: a closing ']' is missing");
  });

  it('a missing closing brace is an error at the end, naming where the object opened', () => {
    const text = '[\n  {"a": 1,\n   "b": [2]\n]';
    const e = err(text);
    expect(e.offset).toBe(text.lastIndexOf(']'));
    expect(e.error).toContain("found ']' where '}' or ',' was expected inside the object opened at line 2, column 3: the brackets do not match");
  });

  it('a missing opening brace shows as text after the end (guide §3.3.10)', () => {
    const text = '[{"a": 1}]\n  "b": 2\n}\n]';
    const e = err(text);
    expect(e.offset).toBe(text.indexOf('"b"'));
    expect(e.error).toContain('after the end of the top-level value');
  });

  it('the guide\'s `*` version marks are an error with a hint (guide §3.3.13, §3.3.14)', () => {
    const text = '[\n  {\n    * "provider_name": "CS-P"\n  }\n]';
    const e = err(text);
    expect(e).toMatchObject({ offset: text.indexOf('*'), line: 3, column: 5 });
    expect(e.error).toContain('the guide marks fields new in a version with `*`');
  });

  it('a line break inside a string (guide §3.3.17) is an error at the break', () => {
    const text = '[{"hierarchy": "sys.a.b\n    "}]';
    expect(err(text)).toMatchObject({ offset: text.indexOf('\n'), line: 1, column: 24 });
  });

  it('an unterminated string says where it opened', () => {
    const text = '[{"a": "xyz}]';
    const e = err(text);
    expect(e.offset).toBe(text.length);
    expect(e.error).toContain('inside the string opened at line 1, column 8');
  });

  it.each([
    ['a single-quoted name', "[{'a': 1}]", 2, 'single-quoted'],
    ['an unquoted name', '[{a: 1}]', 2, 'quoted member name'],
    ['a missing colon', '[{"a" 1}]', 6, "expected ':'"],
    ['an unknown word', '[NaN]', 1, "unexpected word 'NaN'"],
    ['undefined', '[{"a": undefined}]', 7, "unexpected word 'undefined'"],
    ['a bad escape', '[{"a": "\\x"}]', 8, 'invalid escape'],
    ['a lone minus', '[-]', 1, 'invalid number'],
    ['a leading plus', '[+1]', 1, "unexpected '+'"],
    ['a comma only', '[,]', 1, "unexpected ','"],
    ['a double comma', '[1,,2]', 3, "unexpected ','"],
    ['a comment', '[1] // done', 4, 'after the end'],
  ])('%s is an error at its offset', (_what, text, offset, message) => {
    const e = err(text);
    expect(e.offset).toBe(offset);
    expect(e.error).toContain(message);
  });

  it('refuses nesting deeper than any export record without exhausting the stack', () => {
    const text = `${'['.repeat(100_000)}${']'.repeat(99_999)}`;
    const e = err(text);
    expect(e.error).toContain('nested deeper than');
  });

  it('reports the first error even when tolerable defects come after it', () => {
    const text = '[{"a": 1 "b": True},]';
    expect(err(text).offset).toBe(9);
  });
});

describe('lineAndColumn', () => {
  it('counts 1-based lines and columns, CRLF as one line end', () => {
    expect(lineAndColumn('ab\r\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\r\ncd\nef', 4)).toEqual({ line: 2, column: 1 });
    expect(lineAndColumn('ab\r\ncd\nef', 8)).toEqual({ line: 3, column: 2 });
  });
});
