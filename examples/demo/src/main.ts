/**
 * `pnpm demo` (or `pnpm demo -- --faults`): the whole journey against an in-process sandbox.
 * Exits 0 when the end state is consistent.
 */
import { runDemo } from './run-demo.js';

try {
  process.loadEnvFile();
} catch {}

// `pnpm demo -- --faults` passes the `--` through: ignore it.
const args = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = args.filter((arg) => arg !== '--faults' && !arg.startsWith('--seed='));
if (unknown.length > 0) {
  console.error(
    `unknown argument ${unknown.join(' ')}; usage: pnpm demo [-- --faults] [--seed=42]`,
  );
  process.exit(2);
}
const seedArg = args.find((arg) => arg.startsWith('--seed='))?.slice('--seed='.length);
const seed = Number(seedArg ?? process.env['PRAKERJA_DEMO_SEED'] ?? 42);
if (!Number.isSafeInteger(seed)) {
  console.error('--seed must be an integer');
  process.exit(2);
}

const result = await runDemo({
  faults: args.includes('--faults'),
  seed,
  write: (line) => console.log(line),
});
process.exit(result.consistent ? 0 : 1);
