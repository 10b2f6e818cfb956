import { describe, expect, it, vi } from 'vitest';
import { createManualClock } from './create-manual-clock.js';
import { createWatcher } from './create-watcher.js';
import type { IdempotencyLease, IdempotencyStore, WatchKind } from './types.js';

interface Item {
  id: string;
  tags?: string[];
}
interface Event {
  id: string;
  type: string;
  value: number;
}

/** A fake world: each item has a number; every new value is an event; 99 is terminal. */
function world() {
  const values = new Map<string, number>();
  const calls: string[] = [];
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
      calls.push(item.id);
      const failure = failures.shift();
      if (failure) throw failure;
      return values.get(item.id) ?? 0;
    },
    diff: ({ item, previous, current }) => ({
      events:
        current === (previous ?? 0)
          ? []
          : [{ id: `${item.id}:${current}`, type: 'changed', value: current }],
      done: current === 99,
    }),
  };
  return { values, calls, failures, kind };
}

function memoryDedupe(): IdempotencyStore & { processed: Set<string> } {
  const processed = new Set<string>();
  const held = new Map<string, string>();
  let next = 0;
  return {
    processed,
    async acquire(key): Promise<IdempotencyLease> {
      if (processed.has(key)) return { status: 'processed' };
      if (held.has(key)) return { status: 'processing' };
      const token = String(next++);
      held.set(key, token);
      return { status: 'acquired', token };
    },
    async complete(key, token) {
      if (held.get(key) !== token) return false;
      held.delete(key);
      processed.add(key);
      return true;
    },
    async release(key, token) {
      if (held.get(key) !== token) return false;
      held.delete(key);
      return true;
    },
  };
}

it('emits each change once, with the kind’s deterministic id, and nothing when unchanged', async () => {
  const { kind, values } = world();
  const events: Event[] = [];
  const watcher = createWatcher({ kind, onEvent: (event) => void events.push(event) });
  await watcher.watch({ id: 'a' });
  expect(await watcher.poll()).toEqual([]);
  values.set('a', 1);
  expect(await watcher.poll()).toEqual([{ id: 'a:1', type: 'changed', value: 1 }]);
  expect(await watcher.poll()).toEqual([]);
  values.set('a', 2);
  await watcher.poll();
  expect(events.map((event) => event.id)).toEqual(['a:1', 'a:2']);
  expect((await watcher.list())[0]).toMatchObject({ key: 'a', state: 2 });
});

it('stops polling an item once it reaches a terminal state', async () => {
  const { kind, values, calls } = world();
  const watcher = createWatcher({ kind, onEvent: () => undefined });
  await watcher.watch({ id: 'a' });
  values.set('a', 99);
  await watcher.poll();
  await watcher.poll();
  expect(calls).toEqual(['a']);
  expect(await watcher.list()).toEqual([]);
});

it('re-offers an event whose onEvent threw, with the same id, and reports the error', async () => {
  const { kind, values } = world();
  const ids: string[] = [];
  const onError = vi.fn();
  let fail = true;
  const watcher = createWatcher({
    kind,
    onError,
    onEvent: (event) => {
      ids.push(event.id);
      if (fail) {
        fail = false;
        throw new Error('queue down');
      }
    },
  });
  await watcher.watch({ id: 'a' });
  values.set('a', 1);
  expect(await watcher.poll()).toEqual([]);
  expect((await watcher.poll()).map((event) => event.id)).toEqual(['a:1']);
  expect(ids).toEqual(['a:1', 'a:1']);
  expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'queue down' }), 'a');
});

it('does not repeat the events of a half-emitted diff when a later one fails', async () => {
  const { values } = world();
  const base = world().kind;
  const kind: WatchKind<Item, number, Event> = {
    ...base,
    fetch: async (item) => values.get(item.id) ?? 0,
    diff: ({ current, previous }) => ({
      events: Array.from({ length: current - (previous ?? 0) }, (_, index) => ({
        id: `a:${(previous ?? 0) + index + 1}`,
        type: 'changed',
        value: (previous ?? 0) + index + 1,
      })),
    }),
  };
  const seen: string[] = [];
  const watcher = createWatcher({
    kind,
    onEvent: (event) => {
      if (event.id === 'a:2' && !seen.includes('a:2!')) {
        seen.push('a:2!');
        throw new Error('once');
      }
      seen.push(event.id);
    },
  });
  await watcher.watch({ id: 'a' });
  values.set('a', 3);
  await watcher.poll();
  await watcher.poll();
  expect(seen).toEqual(['a:1', 'a:2!', 'a:2', 'a:3']);
});

it('skips an event the dedupe store already recorded (another worker emitted it)', async () => {
  const { kind, values } = world();
  const dedupe = memoryDedupe();
  dedupe.processed.add('thing:a:1');
  const onEvent = vi.fn();
  const watcher = createWatcher({ kind, onEvent, dedupe });
  await watcher.watch({ id: 'a' });
  values.set('a', 1);
  expect(await watcher.poll()).toEqual([]);
  expect(onEvent).not.toHaveBeenCalled();
  values.set('a', 2);
  await watcher.poll();
  expect(onEvent).toHaveBeenCalledTimes(1);
  expect(dedupe.processed.has('thing:a:2')).toBe(true);
});

it('leaves an event being emitted elsewhere (lease held) and emits it later if still needed', async () => {
  const { kind, values } = world();
  const dedupe = memoryDedupe();
  const lease = await dedupe.acquire('thing:a:1', 1000);
  const onEvent = vi.fn();
  const watcher = createWatcher({ kind, onEvent, dedupe });
  await watcher.watch({ id: 'a' });
  values.set('a', 1);
  await watcher.poll();
  expect(onEvent).not.toHaveBeenCalled();
  if (lease.status === 'acquired') await dedupe.release('thing:a:1', lease.token);
  await watcher.poll();
  expect(onEvent).toHaveBeenCalledTimes(1);
});

describe('on the schedule (manual clock)', () => {
  it('backs off an unchanged item up to maxIntervalMs and resets after a change', async () => {
    const { kind, values, calls } = world();
    const clock = createManualClock(0);
    const at: number[] = [];
    const watcher = createWatcher({
      kind: {
        ...kind,
        fetch: async (item, context) => {
          at.push(clock.now());
          return kind.fetch(item, context);
        },
      },
      onEvent: () => undefined,
      intervalMs: 100,
      maxIntervalMs: 400,
      clock,
    });
    await watcher.watch({ id: 'a' });
    watcher.start();
    await clock.advance(1500);
    expect(at).toEqual([0, 200, 600, 1000, 1400]);
    values.set('a', 1);
    await clock.advance(400);
    // The change is seen at 1800; the next poll is intervalMs later.
    await clock.advance(100);
    expect(at.slice(5)).toEqual([1800, 1900]);
    await watcher.stop();
    const count = calls.length;
    await clock.advance(10_000);
    expect(calls.length).toBe(count);
    expect(clock.pendingTimers).toBe(0);
  });

  it('polls an item watched after start at once, not after the current backoff', async () => {
    const { kind, calls } = world();
    const clock = createManualClock(0);
    const watcher = createWatcher({ kind, onEvent: () => undefined, intervalMs: 60_000, clock });
    await watcher.watch({ id: 'a' });
    watcher.start();
    await clock.advance(10);
    await watcher.watch({ id: 'b' });
    await clock.advance(10);
    expect(calls).toEqual(['a', 'b']);
    await watcher.stop();
  });

  it('polls again no later than the diff’s dueAt', async () => {
    const { kind } = world();
    const clock = createManualClock(0);
    const at: number[] = [];
    const watcher = createWatcher({
      kind: {
        ...kind,
        fetch: async () => {
          at.push(clock.now());
          return 0;
        },
        diff: () => ({ events: [], dueAt: 250 }),
      },
      onEvent: () => undefined,
      intervalMs: 1000,
      clock,
    });
    await watcher.watch({ id: 'a' });
    watcher.start();
    await clock.advance(1100);
    // A dueAt already past does not make it spin: back to the backoff.
    expect(at).toEqual([0, 250]);
    await watcher.stop();
  });

  it('runs up to `concurrency` polls at once', async () => {
    const clock = createManualClock(0);
    let inFlight = 0;
    let most = 0;
    const watcher = createWatcher<Item, number, Event>({
      kind: {
        name: 'slow',
        key: (item) => item.id,
        async fetch() {
          inFlight++;
          most = Math.max(most, inFlight);
          await new Promise<void>((resolve) => clock.setTimeout(resolve, 50));
          inFlight--;
          return 0;
        },
        diff: () => ({ events: [] }),
      },
      onEvent: () => undefined,
      concurrency: 3,
      clock,
    });
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) await watcher.watch({ id });
    const polled = watcher.poll();
    await clock.advance(200);
    await polled;
    expect(most).toBe(3);
  });

  it('never lets more than rateLimit.max status calls through in any window', async () => {
    const { kind, calls } = world();
    const clock = createManualClock(0);
    const at: number[] = [];
    const watcher = createWatcher({
      kind: {
        ...kind,
        fetch: async (item, context) => {
          await context.limit();
          at.push(clock.now());
          calls.push(item.id);
          return 0;
        },
      },
      onEvent: () => undefined,
      concurrency: 10,
      rateLimit: { max: 3, durationMs: 1000 },
      clock,
    });
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) await watcher.watch({ id });
    const polled = watcher.poll();
    await clock.advance(3000);
    await polled;
    expect(at).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
  });

  it('pauses every poll after a 429 for its Retry-After', async () => {
    const { kind, failures } = world();
    const clock = createManualClock(0);
    const at: number[] = [];
    const onError = vi.fn();
    const watcher = createWatcher({
      kind: {
        ...kind,
        fetch: async (item, context) => {
          const value = await kind.fetch(item, context);
          at.push(clock.now());
          return value;
        },
      },
      onEvent: () => undefined,
      onError,
      intervalMs: 100,
      maxIntervalMs: 100,
      clock,
    });
    failures.push(Object.assign(new Error('slow down'), { status: 429, retryAfter: 5 }));
    await watcher.watch({ id: 'a' });
    watcher.start();
    await clock.advance(10);
    await watcher.watch({ id: 'b' });
    await clock.advance(4000);
    // b was due at 10 but waits for the pause (until 5000).
    expect(at).toEqual([]);
    await clock.advance(1100);
    expect(at.slice(0, 2)).toEqual([5000, 5000]);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ status: 429 }), 'a');
    await watcher.stop();
  });
});

it('merges an item watched again (and one watched while its poll runs)', async () => {
  const { kind } = world();
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const watcher = createWatcher({
    kind: {
      ...kind,
      fetch: async () => {
        await gate;
        return 0;
      },
    },
    onEvent: () => undefined,
  });
  await watcher.watch({ id: 'a', tags: ['x'] });
  await watcher.watch({ id: 'a', tags: ['y'] });
  const polled = watcher.poll();
  await watcher.watch({ id: 'a', tags: ['z'] });
  release();
  await polled;
  expect((await watcher.list()).map((entry) => entry.item)).toEqual([
    { id: 'a', tags: ['x', 'y', 'z'] },
  ]);
  await watcher.unwatch('a');
  expect(await watcher.list()).toEqual([]);
});
