import { createPlatformClient, type PaymentEvent } from '@prakerja-kit/platform';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type RedisServer,
  startRedisServer,
} from '../../../packages/webhooks/test/redis-server.js';
import { createSharedPaymentWatcher, runWorker } from '../../samples/watch-fleet.js';
import { useSandboxServer } from '../support/sandbox.js';

const env = useSandboxServer();
let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

it('a web process enrols, two workers share the polling, each event comes out once', async () => {
  const dp = env.platform();
  const client = createPlatformClient({
    clientCode: dp.clientCode,
    signKey: dp.signKey,
    baseUrl: env.url(),
    logLevel: 'silent',
  });
  const connection = { host: '127.0.0.1', port: redis.port };
  const events: PaymentEvent[] = [];
  const handlers = {
    onEvent: async (event: PaymentEvent) => {
      events.push(event);
    },
    onOutcome: async () => {},
  };
  // A purchase the program knows (a seeded test code's invoice), enrolled by a web process.
  const { invoiceCode } = env.sandbox.control
    .fixtures()
    .redeemCodes.find((item) => item.positive && item.platform === dp.clientCode)!;
  const web = createSharedPaymentWatcher(client, connection, handlers);
  await web.watcher.watch(invoiceCode);
  await web.close();

  const workers = [
    runWorker(client, connection, handlers),
    runWorker(client, connection, handlers),
  ];
  try {
    await expect
      .poll(() => events.map((event) => event.type), { timeout: 10_000 })
      .toEqual(['payment.authorized']);
    expect(events[0]!.data.invoice_code).toBe(invoiceCode);
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
  }
});
