import { describe, expect, it } from 'vitest';
import { verdictOf } from '../../src-shared/verify/findings';

describe('verdictOf', () => {
  it('is FAIL when any finding fails', () => {
    expect(verdictOf([{ check: 'V5', severity: 'FAIL', file: 'a', location: '', message: '' }])).toBe('FAIL');
    expect(verdictOf([])).toBe('PASS');
  });
});
