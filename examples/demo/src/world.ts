import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createApp,
  type Ledger,
  listen,
  openLedger,
  type RunningServer,
  WEBHOOK_PATH,
} from '@example/payment-partner';
import type { RetryEvent } from '@prakerja-kit/core';
import { createPlatformClient, type PlatformClient } from '@prakerja-kit/platform';
import { createProviderClient, type ProviderClient } from '@prakerja-kit/provider';
import { createSandbox, type Sandbox, type SandboxServer } from '@prakerja-kit/sandbox';
import { generateSecret } from '@prakerja-kit/webhooks';
import { Hono } from 'hono';

/** The LP's attendance callback, registered with the program (a loopback URI matches any port). */
export const REDIRECT_URI = 'http://127.0.0.1/prakerja/callback';

/** Everything the journey talks to, all in this process. */
export interface World {
  sandbox: Sandbox;
  server: SandboxServer;
  platform: PlatformClient;
  provider: ProviderClient;
  ledger: Ledger;
  partner: RunningServer;
  /** Transport retries seen by both clients, in order. */
  retries: RetryEvent[];
  /** Deliveries the payment partner refused on purpose (`--faults`). */
  refusedDeliveries: number;
  close(): Promise<void>;
}

/** Options of {@link startWorld}. */
export interface WorldOptions {
  seed: number;
  /** Deliveries the payment partner answers 503 before it accepts any (a brief outage). */
  refuseDeliveries: number;
  /** Payment partner log lines. */
  log: (line: string) => void;
}

/**
 * Starts the sandbox on a free port, a DP client and an LP client with the sandbox's fake
 * credentials, and the payment partner registered for incentive events.
 */
export async function startWorld(options: WorldOptions): Promise<World> {
  const sandbox = createSandbox({ seed: options.seed });
  const server = await sandbox.listen({ port: 0 });
  const retries: RetryEvent[] = [];
  // Silent transport logs; retries are collected and explained by the demo instead.
  const common = {
    baseUrl: server.url,
    logLevel: 'silent' as const,
    hooks: { onRetry: (event: RetryEvent) => retries.push(event) },
  };
  const dp = sandbox.fixtures.platforms[0]!;
  const lp = sandbox.fixtures.providers[0]!;
  const platform = createPlatformClient({
    ...common,
    clientCode: dp.clientCode,
    signKey: dp.signKey,
  });
  const provider = createProviderClient({
    ...common,
    clientCode: lp.clientCode,
    signKey: lp.signKey,
    redirectUri: REDIRECT_URI,
    stateSecret: 'demo-state-secret-not-for-production-0001',
  });

  const directory = await mkdtemp(join(tmpdir(), 'prakerja-demo-'));
  const ledger = await openLedger(join(directory, 'ledger.jsonl'));
  const secret = generateSecret();
  const app = new Hono();
  const world = { refusedDeliveries: 0 };
  app.use(WEBHOOK_PATH, async (context, next) => {
    if (world.refusedDeliveries >= options.refuseDeliveries) return next();
    world.refusedDeliveries += 1;
    return context.text('ledger database briefly unavailable', 503);
  });
  app.route('/', createApp({ secret, ledger, log: options.log }));
  const partner = await listen(app);
  sandbox.control.webhooks.add({
    url: `${partner.url}${WEBHOOK_PATH}`,
    secret,
    events: ['incentive.disbursement_requested', 'incentive.disbursement_cancelled'],
  });

  return {
    sandbox,
    server,
    platform,
    provider,
    ledger,
    partner,
    retries,
    get refusedDeliveries() {
      return world.refusedDeliveries;
    },
    async close() {
      await sandbox.close();
      await partner.close();
      await ledger.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
