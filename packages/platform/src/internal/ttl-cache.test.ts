import { expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.js';

it('drops the oldest entry past maxEntries', async () => {
  const cache = new TtlCache<number>(1000, 2, () => 0);
  for (const key of ['a', 'b', 'c']) await cache.get(key, async () => 1).promise;
  expect(cache.get('a', async () => 2).hit).toBe(false);
  expect(cache.get('c', async () => 3).hit).toBe(true);
});
