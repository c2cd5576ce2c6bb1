/**
 * The worked examples of ../shared/fixtures: each dump counted, byte for byte
 * against the expected legacy, v5 and users CSVs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countSource } from '../../src-main/services/count-service';

const FIXTURES = join(__dirname, '..', '..', '..', 'shared', 'fixtures');
const EXAMPLES = ['basic', 'edge-cases', 'multi-tenant'];

describe.each(EXAMPLES)('worked example %s', (name) => {
  const dir = join(FIXTURES, name);
  const expected = (file: string) => readFileSync(join(dir, file), 'utf8');
  const counted = countSource({ kind: 'path', path: join(dir, 'dump') });

  it('legacy detailed CSV matches expected-legacy-detailed.csv byte for byte', async () => {
    expect((await counted).csv('legacy', 'detailed')).toBe(expected('expected-legacy-detailed.csv'));
  });

  it('v5 detailed CSV matches expected-v5-detailed.csv byte for byte', async () => {
    expect((await counted).csv('v5', 'detailed')).toBe(expected('expected-v5-detailed.csv'));
  });

  it('users CSV matches expected-users.csv byte for byte', async () => {
    expect((await counted).usersCsv()).toBe(expected('expected-users.csv'));
  });
});
