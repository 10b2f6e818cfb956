/** Counts named things (faults injected, operations done), printed at the end of a run. */
export interface FaultCounter {
  count(name: string, by?: number): void;
  entries(): Array<[string, number]>;
  total(): number;
}

/** Creates a {@link FaultCounter}. */
export function createCounter(): FaultCounter {
  const counts = new Map<string, number>();
  return {
    count: (name, by = 1) => counts.set(name, (counts.get(name) ?? 0) + by),
    entries: () => [...counts].sort(([a], [b]) => a.localeCompare(b)),
    total: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
  };
}
