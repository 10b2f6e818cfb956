/**
 * Maps `items` through `task` with at most `concurrency` tasks in flight; results keep input
 * order. A rejected task rejects the whole map (catch inside `task` to collect failures).
 *
 * @example
 * const seats = await mapConcurrent(schedules, 8, (schedule) => client.quotas.retrieve(schedule));
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  const workers = Math.max(1, Math.min(concurrency, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
