/**
 * `pnpm test:chaos [--seed 42] [--duration 45]`: many simulated partners run the program journey
 * concurrently against the sandbox server under injected faults, then the end state is checked.
 * Exits 1 when an invariant is violated.
 */
import { parseArgs } from 'node:util';
import { runChaos } from './run-chaos.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    seed: { type: 'string', default: process.env['CHAOS_SEED'] ?? '42' },
    duration: { type: 'string', default: process.env['CHAOS_DURATION'] ?? '45' },
  },
});
const seed = Number(values.seed);
const durationSeconds = Number(values.duration);
if (!Number.isSafeInteger(seed) || !(durationSeconds > 0 && durationSeconds <= 600)) {
  console.error('usage: pnpm test:chaos [--seed <integer>] [--duration <seconds, 1-600>]');
  process.exit(2);
}
// A hung run fails instead of holding CI: journeys started before the deadline get two minutes.
const watchdog = setTimeout(
  () => {
    console.error(`chaos: still running ${durationSeconds + 120} s after start; giving up`);
    process.exit(1);
  },
  (durationSeconds + 120) * 1000,
);
watchdog.unref();

const report = await runChaos({
  seed,
  durationSeconds,
  write: (line) => process.stdout.write(`${line}\n`),
});
process.exit(report.held ? 0 : 1);
