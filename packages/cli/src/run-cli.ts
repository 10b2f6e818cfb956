import { type CliIo, processIo } from './cli-io.js';
import { doctorCommand } from './commands/doctor.js';
import { sandboxCommand } from './commands/sandbox.js';
import { signCommand } from './commands/sign.js';
import { vectorsCommand } from './commands/vectors.js';
import { webhooksCommand } from './commands/webhooks.js';
import { ExitCode } from './exit-code.js';
import { CliError } from './internal/cli-error.js';
import type { Command } from './internal/command.js';
import { Output } from './internal/output.js';
import { didYouMean } from './internal/suggest.js';
import { VERSION } from './internal/version.js';

const commands: Record<string, Command> = {
  sandbox: sandboxCommand,
  sign: signCommand,
  doctor: doctorCommand,
  webhooks: webhooksCommand,
  vectors: vectorsCommand,
};

function mainUsage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const list = Object.entries(commands)
    .map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`)
    .join('\n');
  return `Usage: prakerja <command> [flags]

Commands:
${list}

Every command takes --json (machine-readable output) and --help.
Exit codes: 0 ok, 1 check failed, 2 usage, 3 missing configuration, 4 unreachable, 70 internal.`;
}

/**
 * Runs the `prakerja` command line and resolves to its exit code; it never calls `process.exit`.
 *
 * `argv` excludes the node binary and script (`process.argv.slice(2)`). Output goes to `io`
 * (the process by default). Long-running commands stop when `io.signal` aborts, or on
 * SIGINT/SIGTERM when no signal is given.
 *
 * @example
 * const code = await runCli(['vectors', '--json']);
 * process.exitCode = code;
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> {
  const out = new Output(io, {
    json: argv.includes('--json'),
    noColor: argv.includes('--no-color'),
  });
  const [name, ...afterName] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${mainUsage()}\n`);
    return name === undefined ? ExitCode.USAGE : ExitCode.OK;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return ExitCode.OK;
  }
  let command = commands[name];
  let rest = afterName;
  let label = name;
  while (command?.subcommands) {
    const [subname, ...subrest] = rest;
    const sub = subname === undefined ? undefined : command.subcommands[subname];
    if (sub === undefined) {
      if (subname === undefined || subname === '--help' || subname === '-h') {
        io.stdout.write(`${command.usage}\n`);
        return subname === undefined ? ExitCode.USAGE : ExitCode.OK;
      }
      const names = Object.keys(command.subcommands);
      const hint = didYouMean(subname, names).replace('"', `"${label} `);
      out.fail(
        new CliError(
          'usage',
          `unknown subcommand "${label} ${subname}" (${names.join(', ')}).${hint}`,
        ),
      );
      return ExitCode.USAGE;
    }
    command = sub;
    rest = subrest;
    label = `${label} ${subname}`;
  }
  if (command?.run === undefined) {
    const hint = didYouMean(name, Object.keys(commands));
    out.fail(new CliError('usage', `unknown command "${name}".${hint} (see prakerja --help)`));
    return ExitCode.USAGE;
  }
  if (!command.ownHelp && (rest.includes('--help') || rest.includes('-h'))) {
    io.stdout.write(`${command.usage}\n`);
    return ExitCode.OK;
  }
  const { signal, dispose } = stopSignal(io.signal, command.longRunning === true);
  try {
    return await command.run(rest, { io, out, signal });
  } catch (error) {
    if (error instanceof CliError) {
      out.fail(error);
      return error.exitCode;
    }
    out.fail(
      new CliError('internal', `internal error: ${(error as Error)?.stack ?? String(error)}`),
    );
    return ExitCode.INTERNAL;
  } finally {
    dispose();
  }
}

function stopSignal(
  given: AbortSignal | undefined,
  handleSignals: boolean,
): { signal: AbortSignal; dispose(): void } {
  if (given) return { signal: given, dispose: () => {} };
  // Short commands keep Node's default: Ctrl-C ends the process at once.
  if (!handleSignals) return { signal: new AbortController().signal, dispose: () => {} };
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  // Run by a package script (`pnpm prakerja sandbox`): stop when the package manager is gone, so
  // killing it never leaves a server holding its port.
  const parent = process.ppid;
  const orphaned =
    process.env['npm_lifecycle_event'] === undefined
      ? undefined
      : setInterval(() => {
          if (process.ppid !== parent) abort();
        }, 250);
  orphaned?.unref();
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', abort);
      process.off('SIGTERM', abort);
      if (orphaned) clearInterval(orphaned);
    },
  };
}
