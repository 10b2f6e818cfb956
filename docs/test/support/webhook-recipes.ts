import type { AddressInfo } from 'node:net';
import {
  createWebhookReceiver,
  generateSecret,
  type WebhookEventOf,
  type WebhookReceiver,
} from '@prakerja-kit/webhooks';
import { createTestDelivery, createTestEvent } from '@prakerja-kit/webhooks/testing';
import { afterEach, describe, expect, it } from 'vitest';

/** A framework app listening on loopback. */
export interface RecipeServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

/** Starts a framework app (built around `receiver`) on 127.0.0.1 and a free port. */
export type StartRecipe = (receiver: WebhookReceiver) => Promise<RecipeServer>;

/** What every framework recipe must do; `fix` is what the consumed-body 400 must name. */
export interface RecipeCase {
  /** The recipe, correctly mounted. */
  start: StartRecipe;
  /** The same framework with a body parser that consumes the body before the webhook route. */
  startConsumed: StartRecipe;
  /** A phrase of the 400's message that tells this framework's fix. */
  fix: string;
}

export const WEBHOOK_PATH = '/webhooks/prakerja';

/** `server.listen(0, '127.0.0.1')` for a `node:http`-like server, as a {@link RecipeServer}. */
export async function listen(server: {
  listen(port: number, host: string, callback: () => void): unknown;
  address(): AddressInfo | string | null;
  close(callback: (error?: Error) => void): unknown;
  closeAllConnections?: () => void;
}): Promise<RecipeServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections?.();
      }),
  };
}

const quiet = { warn: () => {}, error: () => {} };

/** A receiver whose `payment.voided` handler counts its runs and can be held mid-run. */
function gatedReceiver(secret: string) {
  const runs: string[] = [];
  let gate: Promise<void> | undefined;
  let started: (() => void) | undefined;
  const receiver = createWebhookReceiver({ secret, logger: quiet, leaseMs: 30_000 }).on(
    'payment.voided',
    async (event: WebhookEventOf<'payment.voided'>) => {
      runs.push(event.id);
      started?.();
      await gate;
    },
  );
  return {
    receiver,
    runs,
    /** Holds the next run until `release()`; `running` resolves once it started. */
    hold() {
      let release!: () => void;
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const running = new Promise<void>((resolve) => {
        started = resolve;
      });
      return { running, release };
    },
  };
}

async function post(url: string, delivery: { body: string; headers: Record<string, string> }) {
  const response = await fetch(`${url}${WEBHOOK_PATH}`, {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.body,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/**
 * The checks of issue 21 against a real framework on loopback: a valid delivery 2xx once, the
 * duplicate 2xx without a second run, a forged one 400, one arriving mid-processing 409 with
 * `Retry-After`, and a body a parser consumed 400 naming the fix.
 */
export function describeRecipe(name: string, recipe: RecipeCase): void {
  describe(`${name} recipe (real framework on loopback)`, () => {
    const servers: RecipeServer[] = [];
    afterEach(async () => {
      await Promise.all(servers.splice(0).map((server) => server.close()));
    });
    const start = async (run: StartRecipe, receiver: WebhookReceiver) => {
      const server = await run(receiver);
      servers.push(server);
      return server.url;
    };

    it('answers a valid delivery 2xx once, its duplicate 2xx without a second run, a forged one 400', async () => {
      const secret = generateSecret();
      const { receiver, runs } = gatedReceiver(secret);
      const url = await start(recipe.start, receiver);
      const event = createTestEvent('payment.voided');
      const first = await post(url, await createTestDelivery({ event, secret }));
      const again = await post(url, await createTestDelivery({ event, secret }));
      expect([first.status, again.status]).toEqual([204, 204]);
      expect(runs).toEqual([event.id]);
      const forged = await post(url, await createTestDelivery({ event, secret: generateSecret() }));
      expect(forged.status).toBe(400);
      expect(JSON.parse(forged.text)).toMatchObject({ check: 'signature' });
      expect(runs).toEqual([event.id]);
    });

    it('answers a delivery arriving mid-processing 409 with Retry-After, then 204 once done', async () => {
      const secret = generateSecret();
      const { receiver, runs, hold } = gatedReceiver(secret);
      const url = await start(recipe.start, receiver);
      const event = createTestEvent('payment.voided');
      const { running, release } = hold();
      const first = post(url, await createTestDelivery({ event, secret }));
      await running;
      const during = await post(url, await createTestDelivery({ event, secret }));
      expect(during.status).toBe(409);
      expect(during.headers.get('retry-after')).toBe('30');
      release();
      expect((await first).status).toBe(204);
      expect((await post(url, await createTestDelivery({ event, secret }))).status).toBe(204);
      expect(runs).toEqual([event.id]);
    });

    it('answers a body a parser consumed first 400, naming the fix', async () => {
      const secret = generateSecret();
      const { receiver, runs } = gatedReceiver(secret);
      const url = await start(recipe.startConsumed, receiver);
      const event = createTestEvent('payment.voided');
      const answer = await post(url, await createTestDelivery({ event, secret }));
      expect(answer.status).toBe(400);
      const { error, check } = JSON.parse(answer.text) as { error: string; check: string };
      expect(check).toBe('payload');
      expect(error).toContain(recipe.fix);
      expect(runs).toEqual([]);
    });
  });
}
