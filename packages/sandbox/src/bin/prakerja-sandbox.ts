import { runSandboxCli } from '../run-sandbox-cli.js';

// `pnpm sandbox -- --port 4010` passes a literal "--" through: drop it.
const args = process.argv.slice(2).filter((arg) => arg !== '--');
const result = await runSandboxCli(args, process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
if (typeof result === 'number') {
  process.exitCode = result;
} else {
  const stop = () => {
    void result.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
