import { ExitCode } from '../exit-code.js';
import { CliError, usageError } from '../internal/cli-error.js';
import type { Command } from '../internal/command.js';

const usage = `prakerja sandbox takes the same flags and PRAKERJA_SANDBOX_* variables as the
prakerja-sandbox bin of @prakerja-kit/sandbox (e.g. --profile strict-http), plus --json (print
the address, the profile and the fake credentials as one JSON line). Stops on Ctrl-C or SIGTERM.

`;

/** `prakerja sandbox`: the sandbox server, through `@prakerja-kit/sandbox`'s own flag parser. */
export const sandboxCommand: Command = {
  summary: 'run the stateful sandbox of the program API',
  usage,
  ownHelp: true,
  longRunning: true,
  async run(args, { io, out, signal }) {
    // Loaded only here: the other commands never pay for the sandbox (msw, zod).
    let sandbox: typeof import('@prakerja-kit/sandbox');
    try {
      sandbox = await import('@prakerja-kit/sandbox');
    } catch (error) {
      throw new CliError(
        'config',
        `cannot load @prakerja-kit/sandbox (${(error as Error).message.split('\n')[0]}): install it, or in this repository run pnpm --filter @prakerja-kit/sandbox build`,
      );
    }
    const own = args.filter((arg) => arg !== '--json' && arg !== '--no-color');
    let options: ReturnType<typeof sandbox.parseSandboxArgs>;
    try {
      options = sandbox.parseSandboxArgs(own, io.env);
    } catch (error) {
      throw usageError((error as Error).message);
    }
    if (options.help) {
      io.stdout.write(
        usage + sandbox.SANDBOX_CLI_USAGE.replaceAll('prakerja-sandbox', 'prakerja sandbox'),
      );
      return ExitCode.OK;
    }
    const started = await sandbox.startSandboxServer(options);
    const { platforms, providers } = started.sandbox.fixtures;
    out.event({
      ok: true,
      url: started.server.url,
      control: `${started.server.url}/__sandbox`,
      profile: sandbox.describeSandboxProfile(started.sandbox.control.profile.get()),
      clients: [...platforms, ...providers].map((client) => ({
        role: client.role,
        clientCode: client.clientCode,
        signKey: client.signKey,
      })),
    });
    if (!out.json) io.stdout.write(started.banner);
    out.progress('Ctrl-C to stop');
    if (!signal.aborted) {
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    }
    await started.close();
    out.progress('sandbox stopped');
    return ExitCode.OK;
  },
};
