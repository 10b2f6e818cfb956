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
  // Run by a package script (`pnpm sandbox`, `npm run …`): stop when the package manager is gone,
  // so killing it never leaves the server holding the port. A sandbox started by hand, or in the
  // background on purpose, keeps running after its shell exits.
  if (process.env['npm_lifecycle_event'] !== undefined) {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) stop();
    }, 250).unref();
  }
}
