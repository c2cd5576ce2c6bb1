import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidUtf8Offset, lineOfByte } from '../../../src-shared/util/utf8';

const enc = (s: string): number[] => [...new TextEncoder().encode(s)];
const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? enc(p) : p)));
const strictlyDecodes = (b: Uint8Array): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
};

describe('firstInvalidUtf8Offset: valid UTF-8 (RFC 3629; check V17, audit-files.md §5)', () => {
  it.each([
    ['ASCII', 'Customer PKID,Site Count'],
    ['two-byte', 'Zürich, Ærø, ß'],
    ['three-byte', '☎ € 日本'],
    ['four-byte', '😀 𝄞'],
    ['the edges of the ranges', '\u0080\u07FF\u0800\uD7FF\uE000\uFFFF\u{10000}\u{10FFFF}'],
    ['empty', ''],
  ])('finds nothing wrong in %s text', (_, text) => {
    expect(firstInvalidUtf8Offset(bytes(text))).toBeUndefined();
  });

  it('finds nothing wrong in the BOM itself', () => {
    expect(firstInvalidUtf8Offset(bytes([0xef, 0xbb, 0xbf], 'a'))).toBeUndefined();
  });
});

describe('firstInvalidUtf8Offset: the offset of the first bad sequence', () => {
  it.each([
    ['overlong 2-byte "/" (C0 AF)', [0xc0, 0xaf]],
    ['overlong 2-byte (C1 BF)', [0xc1, 0xbf]],
    ['overlong 3-byte (E0 80 AF)', [0xe0, 0x80, 0xaf]],
    ['overlong 3-byte (E0 9F BF)', [0xe0, 0x9f, 0xbf]],
    ['overlong 4-byte (F0 80 80 AF)', [0xf0, 0x80, 0x80, 0xaf]],
    ['overlong 4-byte (F0 8F BF BF)', [0xf0, 0x8f, 0xbf, 0xbf]],
    ['high surrogate U+D800 (ED A0 80)', [0xed, 0xa0, 0x80]],
    ['low surrogate U+DFFF (ED BF BF)', [0xed, 0xbf, 0xbf]],
    ['beyond U+10FFFF (F4 90 80 80)', [0xf4, 0x90, 0x80, 0x80]],
    ['lead byte F5', [0xf5, 0x80, 0x80, 0x80]],
    ['byte FF', [0xff]],
    ['byte FE', [0xfe]],
    ['lone continuation byte 80', [0x80]],
    ['lone continuation byte BF', [0xbf]],
    ['two-byte lead followed by ASCII', [0xc3, 0x41]],
    ['three-byte lead cut short by ASCII', [0xe2, 0x82, 0x41]],
  ])('points at the start of %s', (_, bad) => {
    expect(firstInvalidUtf8Offset(bytes('ab,é', bad, 'z\n'))).toBe(5);
    expect(firstInvalidUtf8Offset(bytes(bad))).toBe(0);
  });

  it.each([
    ['a two-byte sequence', [0xc3]],
    ['a three-byte sequence after one byte', [0xe2, 0x82]],
    ['a four-byte sequence after three bytes', [0xf0, 0x9f, 0x98]],
    ['a four-byte sequence after one byte', [0xf0]],
  ])('points at the lead byte of %s truncated at the end of the data', (_, cut) => {
    expect(firstInvalidUtf8Offset(bytes('line1\nx', cut))).toBe(7);
  });

  it('reports only the first of several bad sequences', () => {
    expect(firstInvalidUtf8Offset(bytes('ok', [0x80], 'ok', [0xff]))).toBe(2);
  });

  it('counts the BOM bytes in the offset', () => {
    expect(firstInvalidUtf8Offset(bytes([0xef, 0xbb, 0xbf], 'ab', [0xff]))).toBe(5);
  });

  it('agrees with a strict TextDecoder: undefined exactly when the bytes decode, else the longest decodable prefix', () => {
    const byte = fc.oneof(
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom(0x41, 0x0a, 0x80, 0xbf, 0xc2, 0xc0, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xa0, 0x9f, 0x90, 0x8f),
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 24 }), (arr) => {
        const b = new Uint8Array(arr);
        const at = firstInvalidUtf8Offset(b);
        if (at === undefined) {
          expect(strictlyDecodes(b)).toBe(true);
        } else {
          expect(strictlyDecodes(b)).toBe(false);
          // Everything before the offset is valid…
          expect(strictlyDecodes(b.subarray(0, at))).toBe(true);
          // …and no valid sequence starts at the offset.
          for (let n = 1; n <= 4 && at + n <= b.length; n++) expect(strictlyDecodes(b.subarray(at, at + n))).toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('finds nothing wrong in the UTF-8 encoding of any Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(firstInvalidUtf8Offset(bytes(s))).toBeUndefined();
      }),
    );
  });
});

describe('decodeUtf8 (audit-files.md §3: UTF-8, a BOM is allowed)', () => {
  it('decodes valid multi-byte text with no invalidAt and bom false', () => {
    const d = decodeUtf8(bytes('#Provider Name=Zürich ☎ 😀\n'));
    expect(d).toEqual({ text: '#Provider Name=Zürich ☎ 😀\n', bom: false });
    expect('invalidAt' in d).toBe(false);
  });

  it('detects the BOM and leaves it out of the text', () => {
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], '#OrgID=1\n'))).toEqual({ text: '#OrgID=1\n', bom: true });
  });

  it('reads a file that is only a BOM as empty text with bom true', () => {
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf]))).toEqual({ text: '', bom: true });
  });

  it('does not take a BOM in the middle, or a partial BOM, for the file’s BOM', () => {
    expect(decodeUtf8(bytes('a', [0xef, 0xbb, 0xbf]))).toEqual({ text: 'a\uFEFF', bom: false });
    const partial = decodeUtf8(bytes([0xef, 0xbb], 'a'));
    expect(partial.bom).toBe(false);
    expect(partial.invalidAt).toBe(0);
  });

  it('keeps only the first BOM out of the text', () => {
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], 'x')).text).toBe('\uFEFFx');
  });

  it('still decodes invalid text (bad bytes become U+FFFD) and says where it broke', () => {
    expect(decodeUtf8(bytes('ab', [0xc0, 0xaf], 'c'))).toEqual({ text: 'ab\uFFFD\uFFFDc', bom: false, invalidAt: 2 });
  });

  it('gives the offset in the file’s bytes, counting the BOM, when a BOM file is invalid', () => {
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], 'x\n', [0xed, 0xa0, 0x80]))).toMatchObject({ bom: true, invalidAt: 5 });
  });
});

describe('lineOfByte', () => {
  const text = bytes('one\ntwo\r\nthree');

  it('numbers lines from 1 by the LFs before the offset', () => {
    expect(lineOfByte(text, 0)).toBe(1);
    expect(lineOfByte(text, 2)).toBe(1);
    expect(lineOfByte(text, 4)).toBe(2);
    expect(lineOfByte(text, 9)).toBe(3);
  });

  it('keeps an LF (and the CR before it) on the line it ends', () => {
    expect(lineOfByte(text, 3)).toBe(1);
    expect(lineOfByte(text, 7)).toBe(2);
    expect(lineOfByte(text, 8)).toBe(2);
  });

  it('stops counting at the end of the data for an offset beyond it', () => {
    expect(lineOfByte(text, 1000)).toBe(3);
    expect(lineOfByte(new Uint8Array(), 0)).toBe(1);
  });

  it('counts multi-byte characters as bytes, not characters', () => {
    const b = bytes('☎\n😀\n', [0xff]);
    expect(firstInvalidUtf8Offset(b)).toBe(9);
    expect(lineOfByte(b, 9)).toBe(3);
  });
});
