import { parseArgs } from 'node:util';
import {
  createSandbox,
  type Sandbox,
  type SandboxOptions,
  type SandboxServer,
} from './create-sandbox.js';
import { SandboxControlError } from './sandbox-control-error.js';
import {
  describeSandboxProfile,
  SANDBOX_PROFILE_NAMES,
  type SandboxProfileName,
} from './sandbox-profiles.js';

/** Parsed `prakerja-sandbox` options. */
export interface SandboxCliOptions {
  port: number;
  host: string;
  sandbox: SandboxOptions;
  help: boolean;
}

/** Usage text of the `prakerja-sandbox` bin. */
export const SANDBOX_CLI_USAGE = `Usage: prakerja-sandbox [options]

Runs the prakerja-kit sandbox of the Kartu Prakerja program API on 127.0.0.1.

Options (environment variable in brackets):
  --port <n>                  port, 0 for a free one [PRAKERJA_SANDBOX_PORT] (default 4010)
  --host <host>               interface [PRAKERJA_SANDBOX_HOST] (default 127.0.0.1)
  --seed <n>                  seed of every generated code [PRAKERJA_SANDBOX_SEED] (default 42)
  --state-file <path>         load state from and save it to this JSON file [PRAKERJA_SANDBOX_STATE_FILE]
  --start-at <iso>            sandbox time at start [PRAKERJA_SANDBOX_START_AT] (default now)
  --dp-client-code <code>     first DP's client_code [PRAKERJA_SANDBOX_DP_CLIENT_CODE]
  --dp-sign-key <key>         first DP's sign_key [PRAKERJA_SANDBOX_DP_SIGN_KEY]
  --lp-client-code <code>     first LP's client_code [PRAKERJA_SANDBOX_LP_CLIENT_CODE]
  --lp-sign-key <key>         first LP's sign_key [PRAKERJA_SANDBOX_LP_SIGN_KEY]
  --redeem-window-minutes <n> redeem window either side of the start [PRAKERJA_SANDBOX_REDEEM_WINDOW_MINUTES] (default 60)
  --profile <name>            how the sandbox answers where the program's docs are uncertain:
                              ${SANDBOX_PROFILE_NAMES.join(', ')} [PRAKERJA_SANDBOX_PROFILE] (default default)
  --help                      this text
`;

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d+$/.test(value)) throw new TypeError(`${name} must be an integer, got "${value}"`);
  return Number(value);
}

/**
 * Parses `prakerja-sandbox` flags, falling back to `PRAKERJA_SANDBOX_*` environment variables.
 * Throws a `TypeError` naming the bad flag.
 */
export function parseSandboxArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): SandboxCliOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      'state-file': { type: 'string' },
      'start-at': { type: 'string' },
      'dp-client-code': { type: 'string' },
      'dp-sign-key': { type: 'string' },
      'lp-client-code': { type: 'string' },
      'lp-sign-key': { type: 'string' },
      'redeem-window-minutes': { type: 'string' },
      profile: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const pick = (flag: keyof typeof values, variable: string) => {
    const value = values[flag] ?? env[variable];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const port = integer(pick('port', 'PRAKERJA_SANDBOX_PORT'), '--port') ?? 4010;
  if (port < 0 || port > 65_535) throw new TypeError('--port must be between 0 and 65535');
  const startAt = pick('start-at', 'PRAKERJA_SANDBOX_START_AT');
  if (startAt !== undefined && Number.isNaN(Date.parse(startAt))) {
    throw new TypeError(`--start-at must be an ISO-8601 date, got "${startAt}"`);
  }
  const profile = pick('profile', 'PRAKERJA_SANDBOX_PROFILE');
  if (profile !== undefined && !(SANDBOX_PROFILE_NAMES as string[]).includes(profile)) {
    throw new TypeError(
      `--profile must be one of ${SANDBOX_PROFILE_NAMES.join(', ')}, got "${profile}"`,
    );
  }
  return {
    port,
    host: pick('host', 'PRAKERJA_SANDBOX_HOST') ?? '127.0.0.1',
    help: values.help === true,
    sandbox: {
      seed: integer(pick('seed', 'PRAKERJA_SANDBOX_SEED'), '--seed'),
      stateFile: pick('state-file', 'PRAKERJA_SANDBOX_STATE_FILE'),
      clock: { startAt },
      platform: {
        clientCode: pick('dp-client-code', 'PRAKERJA_SANDBOX_DP_CLIENT_CODE'),
        signKey: pick('dp-sign-key', 'PRAKERJA_SANDBOX_DP_SIGN_KEY'),
      },
      provider: {
        clientCode: pick('lp-client-code', 'PRAKERJA_SANDBOX_LP_CLIENT_CODE'),
        signKey: pick('lp-sign-key', 'PRAKERJA_SANDBOX_LP_SIGN_KEY'),
      },
      redeemWindowMinutes: integer(
        pick('redeem-window-minutes', 'PRAKERJA_SANDBOX_REDEEM_WINDOW_MINUTES'),
        '--redeem-window-minutes',
      ),
      profile: profile as SandboxProfileName | undefined,
    },
  };
}

/** A sandbox started by {@link startSandboxServer}. */
export interface StartedSandbox {
  sandbox: Sandbox;
  server: SandboxServer;
  /** The start banner: base URL, credentials, fixtures and control-plane addresses. */
  banner: string;
  close(): Promise<void>;
}

/** The start banner of a running sandbox (internal to the CLI: `StartedSandbox.banner` carries it). */
export function formatBanner(sandbox: Sandbox, server: SandboxServer): string {
  const { platforms, providers } = sandbox.fixtures;
  const lines = [
    `prakerja-kit sandbox listening on ${server.url}`,
    `  dashboard:     ${server.dashboardUrl}  (open it in a browser)`,
    `  base URL (integration and SSO): ${server.url}`,
    `  profile:       ${describeSandboxProfile(sandbox.control.profile.get())} (${server.url}/__sandbox/profile)`,
    `  fixtures:      ${server.url}/__sandbox/fixtures`,
    `  control plane: ${server.url}/__sandbox`,
    '  credentials (fake, sandbox only):',
    ...[...platforms, ...providers].map(
      (client) =>
        `    ${client.role.toUpperCase()} ${client.clientCode}  sign_key ${client.signKey}`,
    ),
    `  e.g. PRAKERJA_BASE_URL=${server.url} PRAKERJA_CLIENT_CODE=${platforms[0]!.clientCode} PRAKERJA_SIGN_KEY=${platforms[0]!.signKey}`,
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Creates a sandbox and serves it over HTTP; what the bin and the root `pnpm sandbox` run.
 *
 * @example
 * const { server, banner, close } = await startSandboxServer(parseSandboxArgs(process.argv.slice(2), process.env));
 */
export async function startSandboxServer(options: SandboxCliOptions): Promise<StartedSandbox> {
  const sandbox = createSandbox(options.sandbox);
  const server = await sandbox.listen({ port: options.port, host: options.host });
  return {
    sandbox,
    server,
    banner: formatBanner(sandbox, server),
    close: () => sandbox.close(),
  };
}

/**
 * Runs the `prakerja-sandbox` command: parses flags, starts the server, prints the banner and
 * stops on SIGINT/SIGTERM. Returns the exit code for bad flags or a state file that is not a
 * valid sandbox state (2) or `--help` (0), otherwise the running sandbox.
 */
export async function runSandboxCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: { stdout(text: string): void; stderr(text: string): void },
): Promise<number | StartedSandbox> {
  let options: SandboxCliOptions;
  try {
    options = parseSandboxArgs(argv, env);
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${SANDBOX_CLI_USAGE}`);
    return 2;
  }
  if (options.help) {
    io.stdout(SANDBOX_CLI_USAGE);
    return 0;
  }
  let started: StartedSandbox;
  try {
    started = await startSandboxServer(options);
  } catch (error) {
    // A state file that is not a sandbox state (or another bad option): a message, not a trace.
    if (!(error instanceof SandboxControlError)) throw error;
    io.stderr(`prakerja-sandbox: ${error.message}\n`);
    return 2;
  }
  io.stdout(started.banner);
  return started;
}
