/** Tiny benchmark harness shared by every package's `bench/*.bench.ts`. */

export interface Measurement {
  name: string;
  /** Nanoseconds per operation (median of the samples). */
  nsPerOp: number;
  /** Operations per second derived from the median. */
  opsPerSec: number;
}

/**
 * Runs `fn` in batches for about `timeMs`, after a warm-up, and reports the median batch.
 * Synchronous and asynchronous functions are both supported.
 */
export async function measure(
  name: string,
  fn: () => unknown,
  { timeMs = 400, batch = 1000 }: { timeMs?: number; batch?: number } = {},
): Promise<Measurement> {
  for (let i = 0; i < batch; i++) await fn();
  const samples: number[] = [];
  const end = performance.now() + timeMs;
  while (performance.now() < end || samples.length < 5) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) {
      const result = fn();
      if (result instanceof Promise) await result;
    }
    samples.push(Number(process.hrtime.bigint() - start) / batch);
  }
  samples.sort((a, b) => a - b);
  const nsPerOp = samples[Math.floor(samples.length / 2)]!;
  return { name, nsPerOp, opsPerSec: 1e9 / nsPerOp };
}

/** Prints measurements side by side, each relative to `baseline` (the first row by default). */
export function printTable(title: string, rows: readonly Measurement[], baseline = rows[0]): void {
  console.log(`\n${title}`);
  const width = Math.max(...rows.map((row) => row.name.length), 10);
  console.log(
    `  ${'implementation'.padEnd(width)}  ${'ns/op'.padStart(10)}  ${'ops/s'.padStart(12)}  vs ${baseline?.name ?? ''}`,
  );
  for (const row of rows) {
    const ratio = baseline ? row.nsPerOp / baseline.nsPerOp : 1;
    console.log(
      `  ${row.name.padEnd(width)}  ${row.nsPerOp.toFixed(0).padStart(10)}  ${Math.round(row.opsPerSec).toLocaleString('en-US').padStart(12)}  ${ratio.toFixed(2)}x`,
    );
  }
}

/** Prints a goal line: `PASS`/`MISS` with the measured and wanted values. */
export function printGoal(label: string, met: boolean, detail: string): void {
  console.log(`  goal ${met ? 'PASS' : 'MISS'}: ${label} (${detail})`);
}
