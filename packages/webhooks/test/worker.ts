// One receiver process of the multi-process test (multi-process.test.ts): receives its share
// (every 8th, from INDEX) of the shuffled deliveries in the file, retrying `in_progress` as a
// sender would, and appends each handled event id to the log. With VICTIM=1 its first handler
// hangs: the test starts the
// others then, and kills it with SIGKILL once they run.
import { appendFileSync, readFileSync } from 'node:fs';
import Redis from 'ioredis';
import pg from 'pg';
import type { IdempotencyStore } from '../src/index.js';
import { createPostgresStore, createRedisStore, createWebhookReceiver } from '../src/index.js';

const [kind, url, file, log] = process.argv.slice(2) as [string, string, string, string];
const { deliveries, order: all } = JSON.parse(readFileSync(file, 'utf8')) as {
  deliveries: Array<{ body: string; headers: Record<string, string> }>;
  order: number[];
};
const secret = process.env.SECRET as string;
const share = Number(process.env.INDEX);
const victim = process.env.VICTIM === '1';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let store: IdempotencyStore;
let close: () => Promise<unknown>;
if (kind === 'redis') {
  const client = new Redis(url);
  store = createRedisStore({ client, prefix: process.env.PREFIX });
  close = () => client.quit();
} else {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  store = createPostgresStore({ client: pool, table: process.env.TABLE });
  close = () => pool.end();
}

let handled = 0;
const receiver = createWebhookReceiver({
  secret,
  store,
  leaseMs: 1_000,
  logger: { warn: () => {}, error: (message) => console.error(message) },
}).on('payment.authorized', async (event) => {
  handled += 1;
  if (victim && handled === 1) {
    process.stdout.write(`stuck ${event.id}\n`);
    await new Promise(() => {});
  }
  await sleep(5);
  appendFileSync(log, `${event.id} ${process.pid}\n`);
});

const order = all.filter((_, position) => position % 8 === share).reverse();
const deadline = Date.now() + 40_000;
async function lane(): Promise<void> {
  for (let index = order.pop(); index !== undefined; index = order.pop()) {
    const { body, headers } = deliveries[index]!;
    for (;;) {
      const result = await receiver.receive({ payload: body, headers });
      if (result.outcome !== 'in_progress') break;
      if (Date.now() > deadline) throw new Error('gave up retrying an in_progress event');
      await sleep(100);
    }
  }
}
process.stdout.write('running\n');
await Promise.all(Array.from({ length: 4 }, lane));
await close();
process.stdout.write('done\n');
