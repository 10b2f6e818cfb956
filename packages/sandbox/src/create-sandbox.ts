import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { HttpHandler } from 'msw';
import { type CredentialOverride, createFixtures } from './create-fixtures.js';
import { type AssignmentVerdictPolicy, setVerdictPolicy } from './internal/assignments.js';
import { createControlHandler } from './internal/control-routes.js';
import { createControl } from './internal/create-control.js';
import { createDashboard } from './internal/dashboard/dashboard.js';
import { DEFAULT_RETRY_DELAYS_MS, Deliverer } from './internal/deliveries.js';
import { createDispatcher, DROP } from './internal/dispatch.js';
import { Engine, type EngineOptions, type SandboxProgramExchange } from './internal/engine.js';
import { createHandlers } from './internal/msw-front.js';
import { startNodeFront } from './internal/node-front.js';
import { createInitialState } from './internal/state.js';
import type { SandboxControl } from './sandbox-control.js';
import { SandboxControlError } from './sandbox-control-error.js';
import type { SandboxFixtures } from './sandbox-fixtures.js';
import {
  resolveSandboxProfile,
  type SandboxProfile,
  type SandboxProfileInput,
} from './sandbox-profiles.js';

/** Default base URLs the msw handlers answer on (the program's hosts and a sandbox host). */
export const DEFAULT_SANDBOX_BASE_URLS = [
  'https://api.prakerja.go.id',
  'https://api-proxy.prakerja.go.id',
  'https://oauth.prakerja.go.id',
  'https://sandbox.prakerja-kit.test',
] as const;

/** Options of {@link createSandbox}. Every option has a default. */
export interface SandboxOptions {
  /** Seed of every generated code, secret and fault decision. @default 42 */
  seed?: number | undefined;
  clock?:
    | {
        /** Sandbox time at start (and after reset). @default the current time */
        startAt?: Date | string | number | undefined;
        /** Wall clock in ms (for tests with fake timers). @default Date.now */
        now?: (() => number) | undefined;
      }
    | undefined;
  /** Credentials of the first DP instead of the seeded ones. */
  platform?: CredentialOverride | undefined;
  /** Credentials of the first LP instead of the seeded ones. */
  provider?: CredentialOverride | undefined;
  /**
   * Accepted `timestamp` distance from the sandbox's wall clock, either way. Overrides the
   * profile's `timestampTolerance` switch. @default the profile's (300 s `wide`, 30 s `narrow`)
   */
  timestampToleranceSeconds?: number | undefined;
  /**
   * How the sandbox answers where the program's docs leave a choice: a named profile
   * (`default`, `strict-http`, `terse`, `lenient`) or `{ base, ...switches }`. Kept across
   * `reset()`; changed at run time with `control.profile.set()` or `PUT /__sandbox/profile`.
   * Throws a {@link SandboxControlError} for an unknown profile, switch or variant.
   * @default 'default'
   */
  profile?: SandboxProfileInput | undefined;
  /** Redeem window either side of the schedule start. @default 60 */
  redeemWindowMinutes?: number | undefined;
  /** Lifetime of a send-otp payment token. @default 300 */
  paymentTokenTtlSeconds?: number | undefined;
  /** Lifetime of an SSO access token. @default 3600 */
  ssoTokenTtlSeconds?: number | undefined;
  /** Largest accepted request body; larger ones get 413 `SBX_GEN41301`. @default 65536 */
  maxBodyBytes?: number | undefined;
  /**
   * Called with every program answer the sandbox sends (method, path, request body, status,
   * response body, and whether a fault produced it). For contract tests against the OpenAPI
   * description (`/__sandbox/openapi.json`); must not throw.
   */
  onProgramResponse?: ((exchange: SandboxProgramExchange) => void) | undefined;
  webhooks?:
    | {
        /** Delay before each retry, on the sandbox clock. @default 5 s, 5 min, 30 min, 2 h, 5 h, 10 h */
        retryDelaysMs?: number[] | undefined;
        /** Per-attempt timeout. @default 10000 */
        timeoutMs?: number | undefined;
        /** fetch used for deliveries. @default globalThis.fetch */
        fetch?: typeof fetch | undefined;
      }
    | undefined;
  /** Incentive amount in `incentive.disbursement_requested` (IDR). @default 600000 */
  incentiveAmount?: number | undefined;
  /** Origins the msw handlers answer on. @default {@link DEFAULT_SANDBOX_BASE_URLS} */
  baseUrls?: readonly string[] | undefined;
  assignments?:
    | {
        /**
         * The program's verdict once the LP's feedback (`tpm/feedback/submission`, grading notes)
         * arrives: `manual` keeps the submission pending (status 1) until
         * `control.assignments.accept`/`reject` (`POST /__sandbox/assignments/accept`/`reject`);
         * `accept` or `reject` decides at once. Completion counts only accepted assignments.
         * @default 'accept' (so a demo run completes without a control call)
         */
        verdict?: AssignmentVerdictPolicy | undefined;
      }
    | undefined;
  /**
   * JSON file the state is loaded from (when it exists) and saved to after every change. A file
   * that is not valid JSON or not a valid sandbox state makes `createSandbox` throw a
   * {@link SandboxControlError} naming the file and the first problem (the file is left as is).
   */
  stateFile?: string | undefined;
}

/** Options of {@link Sandbox.listen}. */
export interface ListenOptions {
  /** @default 0 (a free port) */
  port?: number | undefined;
  /** @default '127.0.0.1' */
  host?: string | undefined;
}

/** A running sandbox HTTP server. */
export interface SandboxServer {
  /** Base URL, e.g. `http://127.0.0.1:4010`; use it as both `baseUrl` and `ssoBaseUrl`. */
  url: string;
  /** The dashboard in a browser: `${url}/__sandbox/ui` (also served at `/` to browsers). */
  dashboardUrl: string;
  port: number;
  close(): Promise<void>;
}

/** A sandbox: one state machine with an msw front, a node HTTP front and a control plane. */
export interface Sandbox {
  /** The seeded fixtures (same JSON as `GET /__sandbox/fixtures`). */
  readonly fixtures: SandboxFixtures;
  /** msw 2 request handlers: `setupServer(...sandbox.handlers)`. */
  readonly handlers: HttpHandler[];
  /** The control plane, in process. */
  readonly control: SandboxControl;
  /** Handles one fetch `Request` (a dropped connection rejects with a `TypeError`). */
  fetch(request: Request): Promise<Response>;
  /** Starts the node HTTP front on 127.0.0.1. */
  listen(options?: ListenOptions): Promise<SandboxServer>;
  /** Stops delivery timers and closes every server started by `listen`. */
  close(): Promise<void>;
}

function startTime(option: Date | string | number | undefined, wall: () => number): number {
  if (option === undefined) return wall();
  const ms = new Date(option).getTime();
  if (!Number.isFinite(ms)) throw new SandboxControlError('clock.startAt is not a valid date');
  return ms;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0)
    throw new SandboxControlError(`${name} must be a non-negative number`);
  return value;
}

/** The JSON of a state file; a {@link SandboxControlError} naming the file when it is unreadable. */
function readStateFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SandboxControlError(`state file ${file} cannot be read: ${reason}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SandboxControlError(`state file ${file} is not valid JSON: ${reason}`);
  }
}

/**
 * Creates a sandbox of the program API: DP purchase flow, LP attendance and assignments, SSO,
 * control plane, fault injection and signed event deliveries, deterministic by seed.
 *
 * @example
 * const sandbox = createSandbox({ seed: 42 });
 * const server = await sandbox.listen({ port: 0 });
 * const [dp] = sandbox.fixtures.platforms; // dp.clientCode, dp.signKey
 * await server.close();
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const seed = options.seed ?? 42;
  const wall = options.clock?.now ?? Date.now;
  const engineOptions: EngineOptions = {
    seed,
    timestampToleranceSeconds:
      options.timestampToleranceSeconds === undefined
        ? undefined
        : positive(options.timestampToleranceSeconds, 300, 'timestampToleranceSeconds'),
    redeemWindowMinutes: positive(options.redeemWindowMinutes, 60, 'redeemWindowMinutes'),
    paymentTokenTtlSeconds: positive(options.paymentTokenTtlSeconds, 300, 'paymentTokenTtlSeconds'),
    ssoTokenTtlSeconds: positive(options.ssoTokenTtlSeconds, 3600, 'ssoTokenTtlSeconds'),
    maxBodyBytes: positive(options.maxBodyBytes, 64 * 1024, 'maxBodyBytes'),
    webhookRetryDelaysMs: options.webhooks?.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    webhookTimeoutMs: positive(options.webhooks?.timeoutMs, 10_000, 'webhooks.timeoutMs'),
    incentiveAmount: positive(options.incentiveAmount, 600_000, 'incentiveAmount'),
    onProgramResponse: options.onProgramResponse,
  };
  let profile: SandboxProfile = resolveSandboxProfile(options.profile ?? 'default');
  const initialState = () => {
    const start = startTime(options.clock?.startAt, wall);
    const fixtures = createFixtures({
      seed,
      startAt: new Date(start),
      platform: options.platform,
      provider: options.provider,
    });
    return createInitialState(fixtures, seed, start - wall(), profile);
  };
  const engine = new Engine(initialState(), engineOptions, wall);
  const verdict = options.assignments?.verdict ?? 'accept';
  if (verdict !== 'manual' && verdict !== 'accept' && verdict !== 'reject') {
    throw new SandboxControlError('assignments.verdict must be manual, accept or reject');
  }
  setVerdictPolicy(engine, verdict);
  const deliverer = new Deliverer(engine, options.webhooks?.fetch);
  const control = createControl(
    engine,
    deliverer,
    () => {
      engine.replaceState(initialState());
    },
    (next) => {
      // The profile outlives reset(): it is the sandbox's, the rest of the state the run's.
      profile = next;
    },
  );
  if (options.stateFile) {
    const file = options.stateFile;
    if (existsSync(file)) {
      const loaded = readStateFile(file);
      try {
        control.state.import(loaded);
      } catch (error) {
        if (!(error instanceof SandboxControlError)) throw error;
        throw new SandboxControlError(`state file ${file}: ${error.message}`);
      }
      // An explicit profile option wins over the one saved in the state file.
      if (options.profile !== undefined) control.profile.set(options.profile);
    }
    engine.onChange(() => {
      writeFileSync(`${file}.tmp`, JSON.stringify(engine.state));
      renameSync(`${file}.tmp`, file);
    });
    engine.changed();
  }
  const dashboard = createDashboard(engine);
  const dispatch = createDispatcher(engine, createControlHandler(control, dashboard.routes));
  const servers = new Set<SandboxServer>();
  return {
    get fixtures() {
      return control.fixtures();
    },
    handlers: createHandlers(dispatch, options.baseUrls ?? DEFAULT_SANDBOX_BASE_URLS),
    control,
    async fetch(request) {
      const result = await dispatch(request);
      if (result === DROP)
        throw new TypeError('fetch failed: connection dropped by a sandbox fault');
      return result;
    },
    async listen(listenOptions = {}) {
      const front = await startNodeFront(dispatch, {
        port: listenOptions.port ?? 0,
        host: listenOptions.host ?? '127.0.0.1',
        maxBodyBytes: engineOptions.maxBodyBytes,
      });
      const server: SandboxServer = {
        url: front.url,
        dashboardUrl: `${front.url}/__sandbox/ui`,
        port: front.port,
        close: async () => {
          servers.delete(server);
          await front.close();
        },
      };
      servers.add(server);
      return server;
    },
    async close() {
      deliverer.stop();
      dashboard.close();
      // Let the ended dashboard streams flush before the sockets are closed.
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.all([...servers].map((server) => server.close()));
    },
  };
}
