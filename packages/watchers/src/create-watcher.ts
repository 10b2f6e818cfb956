import { realClock } from './create-manual-clock.js';
import { createMemoryBackend } from './create-memory-backend.js';
import type {
  IdempotencyStore,
  RateGate,
  RateLimit,
  WatchBackend,
  WatchClock,
  WatchKind,
  WatchRecord,
  WatchRunner,
} from './types.js';

/** Options of {@link createWatcher}. */
export interface WatcherOptions<Item, State, Event extends { id: string }> {
  /** What is watched and how it is looked up and compared. */
  kind: WatchKind<Item, State, Event>;
  /**
   * Called for each event, in order per item. If it throws, the state is not recorded and the
   * same event (same `id`) is offered again on the next poll.
   */
  onEvent: (event: Event) => void | Promise<void>;
  /** Called when a look-up, `onEvent` or the backend fails, with the item's key. @default ignore */
  onError?: ((error: unknown, key: string) => void) | undefined;
  /** First delay between polls of one item, in milliseconds; used again after each change. @default 5000 */
  intervalMs?: number | undefined;
  /** Longest delay: an item that keeps not changing (or failing) is polled less and less often, up to this. @default 60000 */
  maxIntervalMs?: number | undefined;
  /** Multiplier applied to the delay after each poll without change. @default 2 */
  backoffFactor?: number | undefined;
  /** Polls in flight at once, per process. @default 4 */
  concurrency?: number | undefined;
  /** Where the watched set lives and who polls it. @default createMemoryBackend() */
  backend?: WatchBackend | undefined;
  /** Time and timers. @default the real clock */
  clock?: WatchClock | undefined;
  /**
   * Records emitted event ids so that each is emitted once even when two pollers race or one
   * dies between `onEvent` and recording the state. @default the backend's, else none
   */
  dedupe?: IdempotencyStore | undefined;
  /**
   * How long an emit holds its dedupe lease: if the poller dies in `onEvent`, another one
   * emits the event after this. @default the backend's, else 60000
   */
  dedupeLeaseMs?: number | undefined;
  /** Status calls allowed per window, shared by every poller of the backend. @default unlimited */
  rateLimit?: RateLimit | undefined;
  /**
   * How long to slow every poller down after a failed look-up; undefined when the failure is
   * not a rate limit. @default 429 answers: their `retryAfter` (seconds), else `intervalMs`
   */
  retryAfterMs?: ((error: unknown) => number | undefined) | undefined;
  /** Wraps each poll (telemetry): `lagMs` is how late it ran. @default none */
  instrument?:
    | ((poll: PollInfo<Item>, run: () => Promise<Event[]>) => Promise<Event[]>)
    | undefined;
}

/** What {@link WatcherOptions.instrument} learns about a poll. */
export interface PollInfo<Item> {
  /** The item's key. */
  key: string;
  /** The item. */
  item: Item;
  /** Milliseconds between when the item was due and when the poll started. */
  lagMs: number;
}

/** A watched item as {@link Watcher.list} reports it. */
export interface WatchedItem<Item, State> {
  /** The item's key. */
  key: string;
  /** The item. */
  item: Item;
  /** The last state reported, undefined before the first report. */
  state: State | undefined;
  /** When it is next due, epoch milliseconds. */
  dueAt: number;
}

/** A watcher: one lifecycle for every kind and backend. */
export interface Watcher<Item, State, Event> {
  /** Watches an item (merged into the watched one when its key is watched already); due at once. */
  watch(item: Item): Promise<void>;
  /** Stops watching a key. */
  unwatch(key: string): Promise<void>;
  /** The watched items. */
  list(): Promise<WatchedItem<Item, State>[]>;
  /**
   * Polls every watched item now, ignoring backoff, and resolves with the events this process
   * emitted. With a durable backend it makes every item due now instead (the workers poll
   * them) and resolves with the events this process emitted meanwhile (often none).
   */
  poll(): Promise<Event[]>;
  /** Starts polling on the backoff schedule (with a durable backend: this process becomes a worker). */
  start(): void;
  /** Stops polling; resolves once the polls in flight are done and the backend is closed. */
  stop(): Promise<void>;
}

/** How long an emitted id is remembered. */
const DEDUPE_RETAIN_MS = 7 * 24 * 60 * 60 * 1000;

function defaultRetryAfterMs(intervalMs: number) {
  return (error: unknown): number | undefined => {
    if (typeof error !== 'object' || error === null) return undefined;
    const { status, retryAfter } = error as { status?: unknown; retryAfter?: unknown };
    if (status !== 429) return undefined;
    return typeof retryAfter === 'number' && retryAfter >= 0 ? retryAfter * 1000 : intervalMs;
  };
}

/**
 * Creates a watcher: polls each watched item with backoff, turns each change of its state into
 * events with deterministic ids, emits each once (`onEvent`), and stops polling items that can
 * no longer change. One process by default ({@link createMemoryBackend}); any number of
 * workers sharing Redis with `createBullmqBackend` (`@prakerja-kit/watchers/bullmq`).
 *
 * Per poll: `kind.fetch` → `kind.diff(previous, current)` → each event, in order, through the
 * dedupe store (if any) to `onEvent` → the current state recorded as the last reported one →
 * the next poll scheduled (`intervalMs` after a change, else the delay times `backoffFactor`,
 * at most `maxIntervalMs`; earlier when the diff asks). A 429 from the program pauses every
 * poller of the backend for its `Retry-After`.
 *
 * @example
 * const watcher = createWatcher({ kind, onEvent: (event) => queue.push(event) });
 * await watcher.watch(item);
 * watcher.start();
 */
export function createWatcher<Item, State, Event extends { id: string }>(
  options: WatcherOptions<Item, State, Event>,
): Watcher<Item, State, Event> {
  const { kind } = options;
  const clock = options.clock ?? realClock;
  const intervalMs = options.intervalMs ?? 5000;
  const maxIntervalMs = Math.max(intervalMs, options.maxIntervalMs ?? 60_000);
  const factor = options.backoffFactor ?? 2;
  const backend = options.backend ?? createMemoryBackend();
  const dedupe = options.dedupe ?? backend.dedupe;
  const dedupeLeaseMs = options.dedupeLeaseMs ?? backend.dedupeLeaseMs ?? 60_000;
  const retryAfterMs = options.retryAfterMs ?? defaultRetryAfterMs(intervalMs);
  const onError = (error: unknown, key: string) => {
    try {
      options.onError?.(error, key);
    } catch {
      // An error hook that throws must not stop the watcher.
    }
  };
  const grow = (delayMs: number) => Math.min(maxIntervalMs, Math.max(1, delayMs * factor));

  // Emits one event: false when it could not (the poll stops there and is retried later).
  async function emit(event: Event, key: string): Promise<'emitted' | 'skipped' | 'failed'> {
    if (!dedupe) {
      try {
        await options.onEvent(event);
        return 'emitted';
      } catch (error) {
        onError(error, key);
        return 'failed';
      }
    }
    const dedupeKey = `${kind.name}:${event.id}`;
    let lease: Awaited<ReturnType<IdempotencyStore['acquire']>>;
    try {
      lease = await dedupe.acquire(dedupeKey, dedupeLeaseMs);
    } catch (error) {
      onError(error, key);
      return 'failed';
    }
    if (lease.status === 'processed') return 'skipped';
    // Another poller is emitting it right now: leave it to them, look again later.
    if (lease.status === 'processing') return 'failed';
    try {
      await options.onEvent(event);
    } catch (error) {
      await dedupe.release(dedupeKey, lease.token).catch(() => false);
      onError(error, key);
      return 'failed';
    }
    try {
      await dedupe.complete(dedupeKey, lease.token, DEDUPE_RETAIN_MS);
    } catch (error) {
      // onEvent ran: the event is out. The lease expires; the recorded state prevents a repeat.
      onError(error, key);
    }
    return 'emitted';
  }

  async function pollRecord(
    record: WatchRecord<Item, State>,
    gate: RateGate,
  ): Promise<{ record: WatchRecord<Item, State> | undefined; events: Event[] }> {
    const { key, item } = record;
    const startedAt = clock.now();
    const failed = (delayMs: number, dueAt = clock.now() + delayMs) => ({
      record: { ...record, delayMs, dueAt },
      events: [],
    });
    let current: State;
    try {
      current = await kind.fetch(item, {
        now: startedAt,
        limit: (cost = 1) => gate.take(cost),
      });
    } catch (error) {
      onError(error, key);
      const pauseMs = retryAfterMs(error);
      const delayMs = grow(record.delayMs);
      if (pauseMs !== undefined) {
        const until = clock.now() + pauseMs;
        await gate.pause(until).catch((pauseError: unknown) => onError(pauseError, key));
        return failed(delayMs, Math.max(until, clock.now() + delayMs));
      }
      return failed(delayMs);
    }
    const diff = await kind.diff({ item, previous: record.state, current, now: clock.now() });
    const already = new Set(record.emitted ?? []);
    const emitted: Event[] = [];
    const ids: string[] = [...already];
    for (const event of diff.events) {
      if (already.has(event.id)) continue;
      const result = await emit(event, key);
      if (result === 'failed') {
        return {
          record: {
            ...record,
            emitted: ids.length > 0 ? ids : undefined,
            delayMs: grow(record.delayMs),
            dueAt: clock.now() + grow(record.delayMs),
          },
          events: emitted,
        };
      }
      ids.push(event.id);
      if (result === 'emitted') emitted.push(event);
    }
    if (diff.done) return { record: undefined, events: emitted };
    const changed = diff.events.length > 0 || diff.item !== undefined;
    const delayMs = changed ? intervalMs : grow(record.delayMs);
    const now = clock.now();
    let dueAt = now + delayMs;
    // A dueAt already past is not a reason to poll again at once (that would spin).
    if (diff.dueAt !== undefined && diff.dueAt > now) dueAt = Math.min(dueAt, diff.dueAt);
    return {
      record: { key, item: diff.item ?? item, state: diff.state ?? current, delayMs, dueAt },
      events: emitted,
    };
  }

  const runner: WatchRunner = {
    name: kind.name,
    key: (item) => kind.key(item as Item),
    merge: (current, incoming) =>
      kind.merge ? kind.merge(current as Item, incoming as Item) : incoming,
    create: (item) => ({
      key: kind.key(item as Item),
      item,
      state: undefined,
      delayMs: intervalMs,
      dueAt: clock.now(),
    }),
    async poll(record, gate) {
      const typed = record as WatchRecord<Item, State>;
      let result: { record: WatchRecord<Item, State> | undefined; events: Event[] } | undefined;
      const run = async () => {
        try {
          result = await pollRecord(typed, gate);
        } catch (error) {
          // A bug in diff or the backend: keep the item, back off.
          onError(error, record.key);
          const delayMs = grow(record.delayMs);
          result = { record: { ...typed, delayMs, dueAt: clock.now() + delayMs }, events: [] };
        }
        return result.events;
      };
      if (options.instrument) {
        const lagMs = Math.max(0, clock.now() - record.dueAt);
        await options
          .instrument({ key: record.key, item: typed.item, lagMs }, run)
          .catch((error: unknown) => onError(error, record.key));
      } else {
        await run();
      }
      const settled = result ?? { record: typed, events: [] };
      return {
        update: settled.record ? { done: false, record: settled.record } : { done: true },
        events: settled.events,
      };
    },
    clock,
    concurrency: Math.max(1, options.concurrency ?? 4),
    intervalMs,
    rateLimit: options.rateLimit,
    reportError: onError,
  };
  const session = backend.open(runner);

  return {
    watch: (item) => session.watch(item),
    unwatch: (key) => session.unwatch(key),
    list: async () =>
      (await session.list()).map((record) => ({
        key: record.key,
        item: record.item as Item,
        state: record.state as State | undefined,
        dueAt: record.dueAt,
      })),
    poll: async () => (await session.poll()) as Event[],
    start: () => session.start(),
    stop: () => session.stop(),
  };
}
