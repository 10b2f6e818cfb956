import Redis from 'ioredis';
import { createClient } from 'redis';
import { createClient as createClientV5 } from 'redis-v5';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDelivery } from '../src/create-test-delivery.js';
import { createTestEvent } from '../src/create-test-event.js';
import { createWebhookReceiver } from '../src/create-webhook-receiver.js';
import { createRedisStore } from '../src/stores/create-redis-store.js';
import { runStoreConformance } from '../src/testing.js';
import {
  deliverAtOnce,
  holdUntilOpened,
  slowHandlerRunsOnce,
  storeHiccupRunsOnce,
} from './exactly-once.js';
import { SECRET } from './fixtures.js';
import { type RedisServer, startRedisServer } from './redis-server.js';

let server: RedisServer;
const clients: Redis[] = [];
const closers: Array<() => Promise<unknown>> = [];

function connect(): Redis {
  const client = new Redis(server.port, '127.0.0.1');
  clients.push(client);
  return client;
}

beforeAll(async () => {
  server = await startRedisServer();
});

/** A connected node-redis client (v6, or v5 with `v5`). */
async function connectNodeRedis(v5 = false) {
  const url = `redis://127.0.0.1:${server.port}`;
  const client = v5 ? createClientV5({ url }) : createClient({ url });
  await client.connect();
  closers.push(() => client.quit());
  return client;
}

afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
  await Promise.all(clients.map((client) => client.quit()));
  await server?.stop();
});

it('runs the handler exactly once when 4 receivers sharing Redis get the same delivery 50 times at once', async () => {
  const event = createTestEvent('incentive.disbursement_requested');
  const held = holdUntilOpened();
  const handler = vi.fn(() => held.until);
  const receivers = Array.from({ length: 4 }, () =>
    createWebhookReceiver({ secret: SECRET, store: createRedisStore({ client: connect() }) }).on(
      'incentive.disbursement_requested',
      handler,
    ),
  );
  const { body, headers } = await createTestDelivery({ event, secret: SECRET });
  const responses = await deliverAtOnce(50, held.open, (index) =>
    receivers[index % 4]!.receiveRequest(
      new Request('http://localhost/webhooks', { method: 'POST', headers, body }),
    ),
  );
  const statuses = responses.map((response) => response.status);
  expect(handler).toHaveBeenCalledTimes(1);
  expect(statuses.filter((status) => status === 204)).toHaveLength(1);
  expect(statuses.filter((status) => status === 409)).toHaveLength(49);
  // The sender's later retry of an answered-409 delivery is a duplicate, not a second run.
  const retry = await receivers[3]!.receive({ payload: body, headers });
  expect(retry.outcome).toBe('duplicate');
  expect(handler).toHaveBeenCalledTimes(1);
});

it('runs it more than once with unshared memory stores, which is why the store must be shared', async () => {
  const event = createTestEvent('incentive.disbursement_requested');
  const handler = vi.fn();
  const receivers = Array.from({ length: 4 }, () =>
    createWebhookReceiver({ secret: SECRET }).on('incentive.disbursement_requested', handler),
  );
  const { body, headers } = await createTestDelivery({ event, secret: SECRET });
  await Promise.all(
    Array.from({ length: 50 }, (_, index) =>
      receivers[index % 4]!.receive({ payload: body, headers }),
    ),
  );
  // Each receiver's own store knows only its own run.
  expect(handler).toHaveBeenCalledTimes(4);
});

it('lets a retry run again after a failed handler released the lease in Redis', async () => {
  const event = createTestEvent('payment.authorized');
  const handler = vi
    .fn()
    .mockRejectedValueOnce(new Error('ledger unavailable'))
    .mockResolvedValue(undefined);
  const store = createRedisStore({ client: connect(), prefix: 'test:retry:' });
  const receiver = createWebhookReceiver({ secret: SECRET, store }).on(
    'payment.authorized',
    handler,
  );
  const { body, headers } = await createTestDelivery({ event, secret: SECRET });
  await expect(receiver.receive({ payload: body, headers })).rejects.toThrow('ledger unavailable');
  await expect(receiver.receive({ payload: body, headers })).resolves.toMatchObject({
    outcome: 'processed',
  });
  expect(handler).toHaveBeenCalledTimes(2);
});

it('keeps leases and processed markers with their expiry, under the prefix', async () => {
  const client = connect();
  const store = createRedisStore({ client, prefix: 'test:keys:' });
  const lease = await store.acquire('evt_a', 60_000);
  if (lease.status !== 'acquired') throw new Error('expected a lease');
  expect(await client.get('test:keys:evt_a')).toBe(lease.token);
  expect(await client.pttl('test:keys:evt_a')).toBeGreaterThan(59_000);
  expect(await store.acquire('evt_a', 60_000)).toEqual({ status: 'processing' });
  await store.complete('evt_a', lease.token, 120_000);
  expect(await client.get('test:keys:evt_a')).toBe(`processed:${lease.token}`);
  expect(await client.pttl('test:keys:evt_a')).toBeGreaterThan(119_000);
  expect(await store.acquire('evt_a', 60_000)).toEqual({ status: 'processed' });
});

it("never releases another holder's lease after its own lease expired", async () => {
  const client = connect();
  const store = createRedisStore({ client, prefix: 'test:expiry:' });
  const first = await store.acquire('evt_b', 60_000);
  // The first holder's lease runs out: Redis expires the key now (PEXPIRE 0) instead of the
  // test sleeping past a short lease.
  await client.pexpire('test:expiry:evt_b', 0);
  const second = await store.acquire('evt_b', 60_000);
  if (first.status !== 'acquired' || second.status !== 'acquired')
    throw new Error('expected two leases');
  await store.release('evt_b', first.token);
  expect(await store.acquire('evt_b', 60_000)).toEqual({ status: 'processing' });
  await store.release('evt_b', second.token);
  expect((await store.acquire('evt_b', 60_000)).status).toBe('acquired');
});

it('uses the default key prefix', async () => {
  const client = connect();
  await createRedisStore({ client }).acquire('evt_c', 60_000);
  expect(await client.exists('prakerja-kit:webhook:evt_c')).toBe(1);
});

it('reads a bare "processed" marker of earlier versions as processed', async () => {
  const client = connect();
  await client.set('test:legacy:evt_d', 'processed', 'PX', 60_000);
  const store = createRedisStore({ client, prefix: 'test:legacy:' });
  expect(await store.acquire('evt_d', 60_000)).toEqual({ status: 'processed' });
});

runStoreConformance('Redis via ioredis', () => createRedisStore({ client: connect() }), {
  describe,
  it,
});

describe('node-redis', () => {
  let v6: Awaited<ReturnType<typeof connectNodeRedis>>;
  let v5: Awaited<ReturnType<typeof connectNodeRedis>>;
  beforeAll(async () => {
    [v6, v5] = await Promise.all([connectNodeRedis(), connectNodeRedis(true)]);
  });
  runStoreConformance('Redis via node-redis 6', () => createRedisStore({ client: v6 }), {
    describe,
    it,
  });
  runStoreConformance('Redis via node-redis 5', () => createRedisStore({ client: v5 }), {
    describe,
    it,
  });
  it('keeps a slow handler past its lease to one run (node-redis)', async () => {
    await slowHandlerRunsOnce(() => createRedisStore({ client: v6, prefix: 'test:slow6:' }));
  });
});

it('keeps a handler slower than its lease to one run while duplicates arrive (ioredis)', async () => {
  await slowHandlerRunsOnce(() => createRedisStore({ client: connect(), prefix: 'test:slow:' }));
});

it('runs once when Redis fails between the handler and complete', async () => {
  await storeHiccupRunsOnce(() => createRedisStore({ client: connect(), prefix: 'test:hiccup:' }));
});
