// A followed unknown survives the process that enrolled it (issue 16): the web process that got
// `unknown` from authorize stores it in Redis through the BullMQ backend and exits; a worker
// process started later settles it against the sandbox, over real HTTP.
import { ProgramPath } from '@prakerja-kit/core';
import { createBullmqBackend } from '@prakerja-kit/watchers/bullmq';
import { createMemoryStore } from '@prakerja-kit/webhooks';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type RedisServer, startRedisServer } from '../../webhooks/test/redis-server.js';
import { createPaymentWatcher, type FollowedOutcome, type PaymentEvent } from '../src/index.js';
import { useSandbox } from './support/sandbox.js';

const env = useSandbox();
let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

it('settles an unknown enrolled by a process that is gone, in a worker started afterwards', async () => {
  const queueName = `payments-${Date.now()}`;
  const dedupe = createMemoryStore();
  const backend = () =>
    createBullmqBackend({
      connection: { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null },
      queueName,
      dedupe,
      lockDurationMs: 1000,
      stalledIntervalMs: 500,
    });
  const client = env.client({ timeout: 800 });
  const params = await env.authorizeParams(client, 'INV-DURABLE-1');
  env.sandbox.control.faults.add({ kind: 'latency', path: ProgramPath.AUTHORIZE, latencyMs: 3000 });

  // The web process: enrols, never polls, shuts down.
  const web = createPaymentWatcher(client, { backend: backend(), onEvent: () => {} });
  const result = await client.payments.authorize(params, { follow: web });
  expect(result).toMatchObject({ outcome: 'unknown', invoiceCode: 'INV-DURABLE-1' });
  expect((await web.list()).map((item) => item.pending)).toMatchObject([
    [{ operation: 'authorize', invoiceCode: 'INV-DURABLE-1' }],
  ]);
  await web.stop();

  // The worker process.
  const outcomes: FollowedOutcome[] = [];
  const events: PaymentEvent[] = [];
  const worker = createPaymentWatcher(client, {
    backend: backend(),
    intervalMs: 100,
    maxIntervalMs: 400,
    onEvent: (event) => {
      events.push(event);
    },
    onOutcome: (outcome) => {
      outcomes.push(outcome);
    },
  });
  worker.start();
  try {
    await vi.waitFor(() => expect(outcomes).toHaveLength(1), { timeout: 10_000, interval: 50 });
  } finally {
    await worker.stop();
  }
  const committed = env.sandbox.control.transactions.byInvoice('INV-DURABLE-1');
  expect(outcomes).toMatchObject([
    {
      operation: 'authorize',
      outcome: 'purchased',
      payment: { transactionCode: committed?.transactionCode },
    },
  ]);
  expect(events.map((event) => event.type)).toEqual(['payment.authorized']);
});
