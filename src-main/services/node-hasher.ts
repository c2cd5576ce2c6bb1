import { createHash } from 'node:crypto';
import type { HasherFactory } from '../../src-shared/audit/hash-files';

/** Node's streaming crypto behind the shared `HasherFactory` interface. */
export const createNodeHasher: HasherFactory = (algorithm) => {
  const hash = createHash(algorithm);
  return {
    update: (chunk) => {
      hash.update(chunk);
    },
    digestHex: () => hash.digest('hex'),
  };
};
