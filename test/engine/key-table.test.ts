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
