/**
 * R8 key numbering (keys.ts KeyTable): equal keys share one number, different
 * keys never do — also past the table's growth and among keys whose 32-bit
 * hashes collide in a slot.
 */
import { describe, expect, it } from 'vitest';
import { KeyTable } from '../../src-shared/engine/keys';

describe('KeyTable (R8)', () => {
  it('R8: trimmed, lower-cased values share a number; blanks are 0', () => {
    const keys = new KeyTable();
    const a = keys.id('Alice@Example.com');
    expect(a).toBeGreaterThan(0);
    expect(keys.id('  alice@example.COM ')).toBe(a);
    expect(keys.id('bob@example.com')).not.toBe(a);
    expect(keys.id('')).toBe(0);
    expect(keys.id('   ')).toBe(0);
    expect(keys.count).toBe(2);
  });

  it('R8: a value already in key form and its other spellings share a number, ASCII or not', () => {
    const keys = new KeyTable();
    const plain = keys.id('alice@example.com');
    expect(keys.id('ALICE@example.com')).toBe(plain);
    expect(keys.id('\talice@example.com\n')).toBe(plain);
    expect(keys.idOfKey('alice@example.com')).toBe(plain);
    const accented = keys.id('josé');
    expect(keys.id('JOSÉ ')).toBe(accented);
    expect(keys.id('jose')).not.toBe(accented);
    // Inner control characters are part of the key; trim only takes white space off the ends.
    expect(keys.id('a\u0001b')).not.toBe(keys.id('ab'));
    expect(keys.id('\u00a0bob')).toBe(keys.id('bob'));
    expect(keys.count).toBe(6);
  });

  it('R8: 300,000 distinct keys get 300,000 distinct numbers, stable after the table grows', () => {
    const keys = new KeyTable();
    const n = 300_000;
    const ids = new Int32Array(n);
    for (let i = 0; i < n; i++) ids[i] = keys.id(`user${i}@x`);
    expect(keys.count).toBe(n);
    expect(new Set(ids).size).toBe(n);
    for (let i = 0; i < n; i += 997) expect(keys.id(`USER${i}@X`)).toBe(ids[i]);
    // Keys that differ in one character, or only in length, stay apart.
    expect(keys.id('user1@x ')).toBe(ids[1]);
    expect(keys.id('user1@xx')).not.toBe(ids[1]);
  });
});

describe('KeyTable keys kept as UTF-8, compared by their bytes (R8)', () => {
  it('R8: past a sealed block, non-ASCII keys and ASCII keys of the same length are told apart and found again', () => {
    const keys = new KeyTable();
    const n = 20_000;
    const ids = new Int32Array(n);
    // Every third key is not ASCII, so some blocks are compared as bytes and others as text.
    const word = (i: number) => (i % 3 === 0 ? `jösé${i}` : `jose${i}`);
    for (let i = 0; i < n; i++) ids[i] = keys.id(word(i));
    expect(new Set(ids).size).toBe(n);
    const offByOne = new Set<string>();
    for (let i = 0; i < n; i += 7) {
      expect(keys.id(word(i).toUpperCase()), word(i)).toBe(ids[i]);
      // Same length, one character off: the ASCII compare must look at every byte.
      const other = word(i).replace(/.$/, '_');
      offByOne.add(other);
      expect(keys.idOfKey(other)).not.toBe(ids[i]);
    }
    expect(keys.count).toBe(n + offByOne.size);
  });

  it('R8: a table adopting another thread\'s keys finds each by its bytes and numbers new ones after them', () => {
    const reader = new KeyTable();
    const words = Array.from({ length: 10_000 }, (_x, i) => (i % 5 === 0 ? `ünï${i}@x` : `user${i}@x`));
    const ids = words.map((w) => reader.id(w));
    const adopted = KeyTable.adopt(reader.texts, reader.keyHashes());
    expect(adopted.count).toBe(words.length);
    words.forEach((w, i) => expect(adopted.idOfKey(w)).toBe(ids[i]));
    expect(adopted.id('someone-new@x')).toBe(words.length + 1);
    expect(adopted.idOfKey('user1@y')).toBe(words.length + 2);
  });
});

describe('KeyTable: keys whose 32-bit hashes are equal', () => {
  it('R8: two different keys with the same hash get two numbers, and each is found again as itself', () => {
    // Find pairs of keys whose hashes collide, whatever the hash function: number many and compare their hashes.
    const all = new KeyTable();
    // Random letters, all of one length, so a pair is told apart by its bytes, not by its length.
    let seed = 12345;
    const letter = () => String.fromCharCode(97 + ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % 26);
    const words = Array.from({ length: 400_000 }, () => Array.from({ length: 10 }, letter).join(''));
    const n = words.length;
    const ids = Int32Array.from(words, (w) => all.id(w));
    expect(new Set(words).size).toBe(n);
    expect(new Set(ids).size).toBe(n);
    const hashes = all.keyHashes();
    const wordOf = new Map<number, string>(words.map((w, i) => [ids[i]!, w]));
    const firstWithHash = new Map<number, number>();
    const pairs: [string, string][] = [];
    for (let id = 1; id <= n; id++) {
      const other = firstWithHash.get(hashes[id]!);
      if (other === undefined) firstWithHash.set(hashes[id]!, id);
      else pairs.push([wordOf.get(other)!, wordOf.get(id)!]);
    }
    // About n² / 2^33 ≈ 18 pairs are expected; with none this test would test nothing.
    expect(pairs.length).toBeGreaterThan(0);
    for (const [a, b] of pairs) {
      const keys = new KeyTable();
      // Past one sealed block of 4,096 keys, so the pair is compared as bytes, not as pending strings.
      for (let i = 0; i < 5_000; i++) keys.id(`filler-${i}`);
      const idA = keys.id(a);
      for (let i = 5_000; i < 10_000; i++) keys.id(`filler-${i}`);
      const idB = keys.id(b);
      expect(idB, `${a} / ${b}`).not.toBe(idA);
      expect(keys.id(a)).toBe(idA);
      expect(keys.id(b)).toBe(idB);
      const adopted = KeyTable.adopt(keys.texts, keys.keyHashes());
      expect(adopted.idOfKey(a)).toBe(idA);
      expect(adopted.idOfKey(b)).toBe(idB);
    }
  });
});
