// Receiver throughput with each store (deliveries/s, one process), beside plain verify, in one
// run: every delivery is a new event, so each one verifies, takes a lease, runs an empty handler
// and records the event (acquire + complete; duplicates would be cheaper).
// Run: pnpm bench webhooks, or
// tsx --conditions=@prakerja-kit/source packages/webhooks/bench/receiver.bench.ts
// Starts its own redis-server and PostgreSQL (as the tests do); needs both installed.
import { fileURLToPath } from 'node:url';
import Redis from 'ioredis';
import pg from 'pg';
import { createClient } from 'redis';
import {
  createMemoryStore,
  createPostgresStore,
  createRedisStore,
  createWebhookReceiver,
  type IdempotencyStore,
  verify,
} from '../src/index.js';
import { signSync } from '../src/node.js';
import { createTestEvent } from '../src/testing.js';
import { startPostgresServer } from '../test/postgres-server.js';
import { startRedisServer } from '../test/redis-server.js';

const SECRET = `whsec_${Buffer.from('fake-secret-for-tests-only-32byte').toString('base64')}`;
const RUN_MS = 1_500;

type Delivery = { payload: string; headers: Record<string, string> };

/** Signed deliveries of distinct `payment.authorized` events (about 1 KB of JSON each). */
function deliveries(count: number): Delivery[] {
  const timestamp = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, () => {
    const event = createTestEvent('payment.authorized');
    const payload = JSON.stringify(event);
    const signature = signSync({ id: event.id, timestamp, payload, secret: SECRET });
    return {
      payload,
      headers: {
        'webhook-id': event.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signature,
      },
    };
  });
}

/** Deliveries per second of `receive` for `RUN_MS`, with `concurrency` in flight. */
async function throughput(
  receive: (delivery: Delivery) => unknown,
  pool: Delivery[],
  concurrency: number,
): Promise<number> {
  let next = 0;
  let done = 0;
  const end = performance.now() + RUN_MS;
  const start = performance.now();
  const lane = async () => {
    while (performance.now() < end && next < pool.length) {
      await receive(pool[next++]!);
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return done / ((performance.now() - start) / 1000);
}

/** Prints deliveries/s of plain verify and of the receiver with each store. */
export default async function run(): Promise<void> {
  const [redisServer, postgresServer] = await Promise.all([
    startRedisServer(),
    startPostgresServer(),
  ]);
  const ioredis = new Redis(redisServer.port, '127.0.0.1');
  const nodeRedis = await createClient({ url: `redis://127.0.0.1:${redisServer.port}` }).connect();
  const pool = new pg.Pool({ connectionString: postgresServer.url, max: 16 });
  try {
    const stores: Array<[string, IdempotencyStore]> = [
      ['memory', createMemoryStore()],
      ['Redis (ioredis)', createRedisStore({ client: ioredis })],
      ['Redis (node-redis)', createRedisStore({ client: nodeRedis })],
      ['PostgreSQL (pg)', createPostgresStore({ client: pool })],
    ];
    const rows: Array<[string, number, number]> = [];
    const verifyPool = deliveries(2_000);
    const plain = (delivery: Delivery) => verify({ ...delivery, secret: SECRET });
    await throughput(plain, verifyPool, 1); // warm-up
    rows.push([
      'plain verify (no store)',
      await throughput(plain, verifyPool, 1),
      await throughput(plain, verifyPool, 32),
    ]);
    for (const [name, store] of stores) {
      const receiver = createWebhookReceiver({ secret: SECRET, store }).on(
        'payment.authorized',
        () => {},
      );
      // Warm up connections and the table, then fresh events for each measurement.
      await throughput((delivery) => receiver.receive(delivery), deliveries(200), 8);
      const sequential = await throughput(
        (delivery) => receiver.receive(delivery),
        deliveries(20_000),
        1,
      );
      const concurrent = await throughput(
        (delivery) => receiver.receive(delivery),
        deliveries(40_000),
        32,
      );
      rows.push([`receive, ${name}`, sequential, concurrent]);
    }
    console.log(
      '\nwebhooks: receiver throughput, new event per delivery (deliveries/s, one process, servers on loopback)',
    );
    const width = Math.max(...rows.map(([name]) => name.length));
    console.log(
      `  ${'path'.padEnd(width)}  ${'1 at a time'.padStart(12)}  ${'32 in flight'.padStart(12)}`,
    );
    for (const [name, sequential, concurrent] of rows) {
      const format = (value: number) => Math.round(value).toLocaleString('en-US').padStart(12);
      console.log(`  ${name.padEnd(width)}  ${format(sequential)}  ${format(concurrent)}`);
    }
  } finally {
    await Promise.allSettled([ioredis.quit(), nodeRedis.quit(), pool.end()]);
    await Promise.all([redisServer.stop(), postgresServer.stop()]);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
