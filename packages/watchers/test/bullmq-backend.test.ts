import { createMemoryStore } from '@prakerja-kit/webhooks';
import { Worker } from 'bullmq';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { type RedisServer, startRedisServer } from '../../webhooks/test/redis-server.js';
import { createBullmqBackend } from '../src/bullmq.js';
import { createWatcher, type Watcher } from '../src/create-watcher.js';
import type { IdempotencyStore, WatchKind } from '../src/types.js';

// Real redis-server, real BullMQ workers (two in this process), a fake program: `values` is
// the status of each item, read by every worker.

interface Item {
  id: string;
  tags?: string[];
}
interface Event {
  id: string;
  key: string;
  value: number;
}

let server: RedisServer;
let queueCount = 0;
const watchers: Watcher<Item, number, Event>[] = [];

beforeAll(async () => {
  server = await startRedisServer();
});
afterEach(async () => {
  await Promise.all(watchers.splice(0).map((watcher) => watcher.stop()));
});
afterAll(async () => {
  await server?.stop();
});

function world() {
  const values = new Map<string, number>();
  const inFlight = new Set<string>();
  const overlaps: string[] = [];
  const calls: Array<{ at: number; key: string }> = [];
  const failures: unknown[] = [];
  const kind: WatchKind<Item, number, Event> = {
    name: 'thing',
    key: (item) => item.id,
    merge: (current, incoming) => ({
      id: current.id,
      tags: [...new Set([...(current.tags ?? []), ...(incoming.tags ?? [])])],
    }),
    async fetch(item, context) {
      await context.limit();
      calls.push({ at: Date.now(), key: item.id });
      if (inFlight.has(item.id)) overlaps.push(item.id);
      inFlight.add(item.id);
      try {
        await new Promise((resolve) => setTimeout(resolve, 5));
        const failure = failures.shift();
        if (failure) throw failure;
        return values.get(item.id) ?? 0;
      } finally {
        inFlight.delete(item.id);
      }
    },
    diff: ({ item, previous, current }) => ({
      events:
        current === (previous ?? 0)
          ? []
          : [{ id: `${item.id}=${current}`, key: item.id, value: current }],
      done: current === 99,
    }),
  };
  return { values, overlaps, calls, failures, kind };
}

function setup(
  kind: WatchKind<Item, number, Event>,
  options: {
    dedupe?: IdempotencyStore;
    rateLimit?: { max: number; durationMs: number };
    queueName?: string;
  } = {},
) {
  const queueName = options.queueName ?? `test-${++queueCount}`;
  const dedupe = options.dedupe ?? createMemoryStore();
  const events: Array<Event & { worker: number }> = [];
  const errors: unknown[] = [];
  const make = (worker: number) => {
    const watcher = createWatcher({
      kind,
      onEvent: (event) => {
        events.push({ ...event, worker });
      },
      onError: (error) => {
        errors.push(error);
      },
      intervalMs: 50,
      maxIntervalMs: 200,
      concurrency: 4,
      rateLimit: options.rateLimit,
      backend: createBullmqBackend({
        connection: { host: '127.0.0.1', port: server.port, maxRetriesPerRequest: null },
        queueName,
        dedupe,
        lockDurationMs: 1000,
        stalledIntervalMs: 300,
      }),
    });
    watchers.push(watcher);
    return watcher;
  };
  return { make, events, errors, queueName, dedupe };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('shares the items between two workers: each change emitted once, no item polled twice at once', async () => {
  const { kind, values, overlaps, calls } = world();
  const { make, events, errors } = setup(kind);
  const [first, second] = [make(1), make(2)];
  const keys = Array.from({ length: 20 }, (_, index) => `item-${index}`);
  for (const id of keys) await first.watch({ id });
  first.start();
  second.start();
  for (const id of keys) values.set(id, 1);
  await until(() => events.length === 20);
  for (const id of keys) values.set(id, 2);
  await until(() => events.length === 40);
  // Give duplicates a chance to show up.
  await sleep(300);
  const ids = events.map((event) => event.id);
  expect(new Set(ids).size).toBe(40);
  expect(ids).toHaveLength(40);
  expect(overlaps).toEqual([]);
  expect(new Set(events.map((event) => event.worker))).toEqual(new Set([1, 2]));
  expect(new Set(calls.map((call) => call.key))).toEqual(new Set(keys));
  expect(errors).toEqual([]);
  const listed = await second.list();
  expect(listed.map((record) => record.key).sort()).toEqual([...keys].sort());
  expect(listed.every((record) => record.state === 2)).toBe(true);
});

it('stops polling terminal items and removes them from Redis', async () => {
  const { kind, values, calls } = world();
  const { make, events } = setup(kind);
  const watcher = make(1);
  await watcher.watch({ id: 'a' });
  await watcher.watch({ id: 'b' });
  values.set('a', 99);
  watcher.start();
  await until(() => events.length === 1);
  await vi.waitFor(
    async () => expect((await watcher.list()).map((record) => record.key)).toEqual(['b']),
    { timeout: 10_000, interval: 50 },
  );
  // Polls of `b` go on; `a` is never looked up again.
  await sleep(400);
  expect(calls.filter((call) => call.key === 'a')).toHaveLength(1);
});

it('hands the item of a worker that died mid-poll to another (stalled-job recovery), emitting once', async () => {
  const { kind, values } = world();
  const { make, events, queueName } = setup(kind);
  const producer = make(0);
  await producer.watch({ id: 'crash' });
  values.set('crash', 1);
  // A worker takes the item and dies without finishing (no lock renewal, nothing saved).
  let taken = false;
  const doomed = new Worker(
    queueName,
    async () => {
      taken = true;
      await new Promise(() => undefined);
    },
    {
      connection: { host: '127.0.0.1', port: server.port, maxRetriesPerRequest: null },
      prefix: 'prakerja',
      lockDuration: 1000,
      stalledInterval: 300,
    },
  );
  await until(() => taken);
  await doomed.close(true);
  const survivor = make(2);
  survivor.start();
  await until(() => events.length === 1, 15_000);
  expect(events[0]).toMatchObject({ id: 'crash=1', worker: 2 });
  await sleep(300);
  expect(events).toHaveLength(1);
  expect((await survivor.list())[0]).toMatchObject({ key: 'crash', state: 1 });
});

it('emits a change once even when two workers reach the same state (dedupe store), and a restarted fleet does not repeat it', async () => {
  const { kind, values } = world();
  const dedupe = createMemoryStore();
  const queueName = `test-${++queueCount}`;
  const run = setup(kind, { dedupe, queueName });
  const watcher = run.make(1);
  await watcher.watch({ id: 'a' });
  values.set('a', 1);
  watcher.start();
  await until(() => run.events.length === 1);
  await watcher.stop();
  // A second fleet on another queue (its own records, no reported state) shares the dedupe
  // store: the event id is recorded, so nothing is emitted twice.
  const again = setup(kind, { dedupe });
  const other = again.make(2);
  await other.watch({ id: 'a' });
  other.start();
  await until(async () => (await other.list())[0]?.state === 1);
  expect(again.events).toEqual([]);
  expect((await other.list())[0]).toMatchObject({ state: 1 });
});

it('never lets the fleet exceed the shared rate limit', async () => {
  const { kind, values, calls } = world();
  const { make, events } = setup(kind, { rateLimit: { max: 4, durationMs: 500 } });
  const [first, second] = [make(1), make(2)];
  for (let index = 0; index < 12; index++) await first.watch({ id: `r-${index}` });
  for (let index = 0; index < 12; index++) values.set(`r-${index}`, 1);
  first.start();
  second.start();
  await until(() => events.length === 12, 15_000);
  const times = calls.map((call) => call.at).sort((a, b) => a - b);
  // At most 4 calls in any 500 ms window (20 ms of slack for the two clocks).
  for (let index = 4; index < times.length; index++) {
    expect((times[index] as number) - (times[index - 4] as number)).toBeGreaterThanOrEqual(480);
  }
});

it('pauses every worker after a 429 for its Retry-After', async () => {
  const { kind, values, calls, failures } = world();
  const { make, events, errors } = setup(kind);
  const [first, second] = [make(1), make(2)];
  await first.watch({ id: 'p' });
  failures.push(Object.assign(new Error('Too Many Requests'), { status: 429, retryAfter: 1 }));
  first.start();
  await until(() => errors.length === 1);
  const limitedAt = Date.now();
  second.start();
  for (let index = 0; index < 4; index++) await second.watch({ id: `q-${index}` });
  for (let index = 0; index < 4; index++) values.set(`q-${index}`, 1);
  await until(() => events.length === 4, 10_000);
  const after = calls.filter((call) => call.at > limitedAt);
  expect(Math.min(...after.map((call) => call.at)) - limitedAt).toBeGreaterThanOrEqual(800);
});

it('merges an item watched again from another process and honours unwatch', async () => {
  const { kind } = world();
  const { make } = setup(kind);
  const producer = make(0);
  const worker = make(1);
  await producer.watch({ id: 'm', tags: ['x'] });
  worker.start();
  await sleep(300);
  await producer.watch({ id: 'm', tags: ['y'] });
  // The worker merges the inbox on its next pass: wait for it (bounded), not a fixed sleep.
  await vi.waitFor(
    async () =>
      expect((await producer.list()).map((record) => record.item)).toEqual([
        { id: 'm', tags: ['x', 'y'] },
      ]),
    { timeout: 10_000, interval: 50 },
  );
  await producer.unwatch('m');
  await vi.waitFor(async () => expect(await producer.list()).toEqual([]), {
    timeout: 10_000,
    interval: 50,
  });
});
