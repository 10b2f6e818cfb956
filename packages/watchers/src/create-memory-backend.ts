import { mapConcurrent } from '@prakerja-kit/core/internal';
import { createMemoryGate } from './internal/create-memory-gate.js';
import type { WatchBackend, WatchBackendSession, WatchRecord, WatchRunner } from './types.js';

interface Entry {
  record: WatchRecord;
  // Items passed to watch() while a poll of this key was in flight: merged into what it leaves.
  inbox: unknown[];
  polling: Promise<unknown[]> | undefined;
}

/**
 * The default backend: the watched items, their schedules and last reported states in this
 * process's memory (lost on restart), one timer for the earliest due item, `concurrency` polls
 * in flight, and the rate limit counted in this process.
 *
 * @example
 * const watcher = createWatcher({ kind, onEvent, backend: createMemoryBackend() });
 */
export function createMemoryBackend(): WatchBackend {
  return { open: (runner) => openMemory(runner) };
}

function openMemory(runner: WatchRunner): WatchBackendSession {
  const { clock } = runner;
  const gate = createMemoryGate(runner.rateLimit, clock);
  const entries = new Map<string, Entry>();
  let running = false;
  let timer: unknown;
  let pass: Promise<unknown> | undefined;

  function pollOne(key: string): Promise<unknown[]> {
    const entry = entries.get(key);
    if (!entry) return Promise.resolve([]);
    // One poll per key at a time: a second caller joins it and gets no events of its own.
    if (entry.polling) return entry.polling.then(() => []);
    const polling = (async () => {
      const { update, events } = await runner.poll(entry.record, gate);
      if (entries.get(key) !== entry) return events; // unwatched meanwhile
      if (update.done && entry.inbox.length === 0) {
        entries.delete(key);
        return events;
      }
      let record = update.done ? runner.create(entry.inbox.shift()) : update.record;
      for (const item of entry.inbox.splice(0)) {
        record = { ...record, item: runner.merge(record.item, item), dueAt: clock.now() };
      }
      entry.record = record;
      return events;
    })().finally(() => {
      entry.polling = undefined;
    });
    entry.polling = polling;
    return polling;
  }

  async function run(keys: string[]): Promise<unknown[]> {
    const batches = await mapConcurrent(keys, runner.concurrency, pollOne);
    return batches.flat();
  }

  function schedule() {
    if (!running || pass) return;
    if (timer !== undefined) clock.clearTimeout(timer);
    let next = Number.POSITIVE_INFINITY;
    for (const entry of entries.values()) next = Math.min(next, entry.record.dueAt);
    if (!Number.isFinite(next)) {
      timer = undefined;
      return;
    }
    timer = clock.setTimeout(tick, Math.max(0, next - clock.now()));
  }

  function tick() {
    timer = undefined;
    const now = clock.now();
    const due = [...entries].filter(([, entry]) => entry.record.dueAt <= now).map(([key]) => key);
    const current = run(due).catch((error: unknown) => runner.reportError(error, ''));
    pass = current;
    void current.finally(() => {
      if (pass === current) pass = undefined;
      schedule();
    });
  }

  return {
    async watch(item) {
      const key = runner.key(item);
      const entry = entries.get(key);
      if (!entry) {
        entries.set(key, { record: runner.create(item), inbox: [], polling: undefined });
      } else if (entry.polling) {
        entry.inbox.push(item);
      } else {
        entry.record = {
          ...entry.record,
          item: runner.merge(entry.record.item, item),
          delayMs: runner.intervalMs,
          dueAt: clock.now(),
        };
      }
      // Due now: wake a timer that may be sleeping through a long backoff.
      schedule();
    },
    async unwatch(key) {
      entries.delete(key);
    },
    async list() {
      return [...entries.values()].map((entry) => entry.record);
    },
    poll: () => run([...entries.keys()]),
    start() {
      if (running) return;
      running = true;
      schedule();
    },
    async stop() {
      running = false;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      await pass;
      await Promise.all([...entries.values()].map((entry) => entry.polling));
    },
  };
}
