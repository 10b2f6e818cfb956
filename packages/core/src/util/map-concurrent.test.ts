import { expect, it } from 'vitest';
import { mapConcurrent } from './map-concurrent.js';

it('keeps input order and never runs more than `concurrency` tasks at once', async () => {
  let running = 0;
  let peak = 0;
  const results = await mapConcurrent([5, 1, 4, 2, 3], 2, async (value, index) => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((resolve) => setTimeout(resolve, value));
    running--;
    return `${index}:${value}`;
  });
  expect(results).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3']);
  expect(peak).toBe(2);
});

it('maps an empty list, and rejects when a task rejects', async () => {
  expect(await mapConcurrent([], 4, async () => 1)).toEqual([]);
  await expect(
    mapConcurrent([1, 2], 0, async (value) => {
      if (value === 2) throw new Error('task 2 failed');
      return value;
    }),
  ).rejects.toThrow('task 2 failed');
});
