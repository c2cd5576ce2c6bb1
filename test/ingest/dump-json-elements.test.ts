import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonElementSplitter, JsonLinesSplitter, type SplitError } from '../../src-shared/ingest/json-elements';

interface Split {
  elements: string[];
  error: SplitError | undefined;
  shape: string | undefined;
}

function split(chunks: readonly string[]): Split {
  const s = new JsonElementSplitter();
  const elements: string[] = [];
  for (const c of chunks) elements.push(...s.push(c));
  elements.push(...s.end());
  return { elements, error: s.failure(), shape: s.shape };
}

/** The text cut at the given positions (any positions: inside strings, escapes, surrogate pairs). */
function chunked(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let at = 0;
  for (const p of points) {
    out.push(text.slice(at, p));
    at = p;
  }
  out.push(text.slice(at));
  return out;
}

/** Strings rich in what a splitter can trip on: quotes, backslashes, brackets, non-ASCII, astral characters. */
const trickyString = fc.string({
  unit: fc.constantFrom('"', '\\', '[', ']', '{', '}', ',', ':', ' ', 'a', 'Z', '0', 'é', '日', '\n', '\t', '\u2028', '😀', '\u0000'),
  maxLength: 12,
});
const jsonLeaf = fc.oneof(trickyString, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
const { value: jsonValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    jsonLeaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(trickyString, tie('value'), { maxKeys: 4 }),
  ),
}));
const instance = fc.dictionary(trickyString, jsonValue, { maxKeys: 6 });
const indent = fc.constantFrom<string | number>(0, 1, 2, '\t');
const cuts = fc.array(fc.nat(), { maxLength: 30 });

const canon = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('JsonElementSplitter: property — any chunking of any array gives back its elements', () => {
  it('arrays of objects', () => {
    fc.assert(
      fc.property(fc.array(instance, { maxLength: 8 }), indent, cuts, (arr, ind, cutAt) => {
        const text = JSON.stringify(arr, null, ind);
        const { elements, error, shape } = split(chunked(text, cutAt));
        expect(error).toBeUndefined();
        expect(shape).toBe('array');
        expect(elements.map((e) => JSON.parse(e))).toEqual(canon(arr));
      }),
      { numRuns: 400 },
    );
  });

  it('arrays of any JSON values (scalars and lists too), with a byte order mark or blanks around', () => {
    fc.assert(
      fc.property(fc.array(jsonValue, { maxLength: 8 }), indent, fc.constantFrom('', '\uFEFF', ' \n', '\r\n\t'), cuts, (arr, ind, pad, cutAt) => {
        const text = `${pad}${JSON.stringify(arr, null, ind)}${pad.replace('\uFEFF', '')}`;
        const { elements, error } = split(chunked(text, cutAt));
        expect(error).toBeUndefined();
        expect(elements.map((e) => JSON.parse(e))).toEqual(canon(arr));
      }),
      { numRuns: 300 },
    );
  });

  it('VOSS API list answers, whatever the key order and other members', () => {
    const decoys = fc.dictionary(
      fc.constantFrom('note', 'meta', 'links', 'resourcesX', 'Resources'),
      fc.oneof(jsonValue, fc.constant('resources'), fc.constant(['resources', { resources: [1, 2] }])),
      { maxKeys: 3 },
    );
    fc.assert(
      fc.property(fc.array(instance, { maxLength: 6 }), decoys, fc.boolean(), indent, cuts, (arr, extra, paginationFirst, ind, cutAt) => {
        const pagination = { skip: 0, limit: arr.length, total: arr.length };
        const answer = paginationFirst ? { pagination, ...extra, resources: arr } : { ...extra, resources: arr, pagination };
        const { elements, error, shape } = split(chunked(JSON.stringify(answer, null, ind), cutAt));
        expect(error).toBeUndefined();
        expect(shape).toBe('api-list');
        expect(elements.map((e) => JSON.parse(e))).toEqual(canon(arr));
      }),
      { numRuns: 300 },
    );
  });
});

describe('JsonElementSplitter: examples', () => {
  it('returns each element exactly as written', () => {
    const text = '[ {"a": 1} ,\n  {"b": "x]}\\"y"},{"c":[1,{"d":2}]} ]';
    expect(split([text]).elements).toEqual(['{"a": 1}', '{"b": "x]}\\"y"}', '{"c":[1,{"d":2}]}']);
  });

  it('handles an escape split across chunks (a backslash at the end of a chunk)', () => {
    expect(split(['[{"a": "x\\', '"y"}]']).elements).toEqual(['{"a": "x\\"y"}']);
    expect(split(['[{"a": "x\\\\', '"}]']).elements).toEqual(['{"a": "x\\\\"}']);
    expect(split(['[{"a": "x\\', '\\', '"}]']).elements).toEqual(['{"a": "x\\\\"}']);
  });

  it('an empty array and an empty API answer give nothing and no error', () => {
    expect(split(['[]'])).toEqual({ elements: [], error: undefined, shape: 'array' });
    expect(split(['{"pagination": {}, "resources": []}'])).toEqual({ elements: [], error: undefined, shape: 'api-list' });
  });

  it('gives no element twice and nothing after an error', () => {
    const s = new JsonElementSplitter();
    expect(s.push('[{"a":1},')).toEqual(['{"a":1}']);
    expect(s.push('{"b":2}}, {"c":3}]')).toEqual(['{"b":2}']);
    expect(s.failure()).toBeDefined();
    expect(s.push('{"d": 4}]')).toEqual([]);
    expect(s.end()).toEqual([]);
  });
});

describe('JsonElementSplitter: structure errors, with the character offset', () => {
  it.each<[string, string[], string, number]>([
    ['empty text', [''], 'no JSON value', 0],
    ['blank text', ['  \n '], 'no JSON value', 4],
    ['a scalar at the top', ['"just text"'], 'not a JSON array or object', 0],
    ['a number at the top', ['  42'], 'not a JSON array or object', 2],
    ['a truncated array', ['[{"a": 1}, {"b": ', '2'], 'ends early', 18],
    ['a truncated string', ['[{"a": "tex'], 'a string and 2 bracket(s)', 11],
    ['unbalanced: } for ]', ['[{"a": 1}}'], '"}" where "]" was expected', 9],
    ['unbalanced: ] inside an element', ['[{"a": 1]'], '"]" where "}" was expected', 8],
    ['text after the end', ['[{"a": 1}] x'], 'more text after the end', 11],
    ['a second array after the first', ['[1]', '[2]'], 'more text after the end', 3],
    ['JSON lines in a .json file', ['{"a": 1}\n{"b": 2}\n'], 'name the file .jsonl', 9],
    ['an object without resources', ['{"pagination": {}, "items": [1]}'], 'without a "resources" list', 32],
    ['resources that are not a list', ['{"resources": {"a": [1]}}'], 'without a "resources" list', 25],
    ['a trailing comma', ['[{"a": 1},]'], 'trailing comma', 10],
    ['two commas', ['[{"a": 1},,{"b": 2}]'], 'missing before ","', 10],
    ['a leading comma', ['[,{"a": 1}]'], 'missing before ","', 1],
  ])('%s', (_what, chunks, message, offset) => {
    const { error } = split(chunks);
    expect(error?.message).toContain(message);
    expect(error?.offset).toBe(offset);
  });

  it('reports the offset in the whole text, not in the chunk', () => {
    const { error, elements } = split(['[{"a": 1},', ' {"b": 2}', '}]']);
    expect(elements).toEqual(['{"a": 1}', '{"b": 2}']);
    expect(error?.offset).toBe('[{"a": 1}, {"b": 2}'.length);
  });

  it('leaves invalid insides of an element to JSON.parse', () => {
    const { elements, error } = split(['[{"a": }, {"b": tru}]']);
    expect(error).toBeUndefined();
    expect(elements).toEqual(['{"a": }', '{"b": tru}']);
  });
});

describe('JsonLinesSplitter', () => {
  function lines(chunks: readonly string[]) {
    const s = new JsonLinesSplitter();
    const out = chunks.flatMap((c) => s.push(c));
    return [...out, ...s.end()];
  }

  it('gives each non-blank line with its 1-based number; CRLF, blank lines, a BOM and a missing last newline are fine', () => {
    expect(lines(['\uFEFF{"a":1}\r\n\r\n  \n{"b"', ':2}\n{"c":3}'])).toEqual([
      { text: '{"a":1}', line: 1 },
      { text: '{"b":2}', line: 4 },
      { text: '{"c":3}', line: 5 },
    ]);
  });

  it('property: any chunking gives the same lines', () => {
    fc.assert(
      fc.property(fc.array(instance, { maxLength: 8 }), cuts, (arr, cutAt) => {
        const text = arr.map((o) => JSON.stringify(o)).join('\n');
        const got = lines(chunked(text, cutAt));
        expect(got.map((l) => JSON.parse(l.text))).toEqual(canon(arr));
        expect(got.map((l) => l.line)).toEqual(arr.map((_o, k) => k + 1));
      }),
      { numRuns: 200 },
    );
  });
});
