/**
 * `pnpm sandbox --port N --seed S`: the sandbox server from the repository root, with the same
 * flags as the `prakerja-sandbox` bin (`pnpm sandbox --help`).
 */
import { runSandboxCli } from '@prakerja-kit/sandbox';

const args = process.argv.slice(2).filter((arg) => arg !== '--');
const result = await runSandboxCli(args, process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
if (typeof result === 'number') {
  process.exitCode = result;
} else {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void result.close().then(() => process.exit(0)));
  }
}
