/**
 * One kind of thing to watch (a purchase by invoice code, a redeem code): how to key it, look
 * its state up, and turn a change of state into events. Items and states must be plain JSON
 * values: a durable backend stores them.
 */
export interface WatchKind<Item, State, Event extends { id: string }> {
  /** Namespace of the kind, e.g. `payment`: prefixes dedupe keys and durable job ids. */
  readonly name: string;
  /** The item's key (invoice code, redeem code): one watched entry per key. */
  key(item: Item): string;
  /**
   * The item to keep when `watch` is called for a key already watched.
   * @default the incoming item replaces the current one
   */
  merge?(current: Item, incoming: Item): Item;
  /**
   * Looks the item's state up (one poll). Call `context.limit()` before each program call so
   * the backend's rate limit holds. Throwing counts as a failed poll (reported to `onError`).
   */
  fetch(item: Item, context: FetchContext): Promise<State>;
  /**
   * Compares the last reported state (undefined before the first report) with the current one:
   * the events to emit, in order, each with a deterministic `id` derived from the state it
   * reports, plus what becomes of the item.
   */
  diff(
    input: DiffInput<Item, State>,
  ): WatchDiff<Item, Event, State> | Promise<WatchDiff<Item, Event, State>>;
}

/** What {@link WatchKind.fetch} gets besides the item. */
export interface FetchContext {
  /** The clock's time when the poll started, epoch milliseconds. */
  now: number;
  /**
   * Waits until `cost` status calls (default 1) fit in the backend's rate limit, and while the
   * fleet is paused after a 429.
   */
  limit(cost?: number): Promise<void>;
}

/** The input of {@link WatchKind.diff}. */
export interface DiffInput<Item, State> {
  /** The watched item. */
  item: Item;
  /** The last state reported (every event for it emitted), or undefined before the first. */
  previous: State | undefined;
  /** The state just looked up. */
  current: State;
  /** The clock's time, epoch milliseconds. */
  now: number;
}

/** The answer of {@link WatchKind.diff}. */
export interface WatchDiff<Item, Event, State = unknown> {
  /** Events to emit, in order. */
  events: Event[];
  /** A replacement for the item (e.g. a followed outcome settled); undefined keeps it. */
  item?: Item | undefined;
  /** True when the item cannot change any more: it stops being watched once its events are out. */
  done?: boolean | undefined;
  /** Poll again no later than this (epoch milliseconds), whatever the backoff says. */
  dueAt?: number | undefined;
  /**
   * The state to record as the last reported one once the events are out (e.g. a compact
   * summary, or the previous state kept when the current one is not understood).
   * @default the current state
   */
  state?: State | undefined;
}

/** Time and timers. The default is the real clock; tests inject {@link createManualClock}. */
export interface WatchClock {
  /** Epoch milliseconds. */
  now(): number;
  /** Runs `callback` after `ms` milliseconds; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a timer from `setTimeout`. */
  clearTimeout(handle: unknown): void;
}

/** A rate limit on status calls: at most `max` calls in any window of `durationMs`. */
export interface RateLimit {
  /** Calls allowed per window. */
  max: number;
  /** The window, in milliseconds. */
  durationMs: number;
}

/** The answer of {@link IdempotencyStore.acquire}. */
export type IdempotencyLease =
  | { status: 'acquired'; token: string }
  | { status: 'processing' }
  | { status: 'processed' };

/**
 * Where emitted event ids are recorded so each is emitted once across workers: the shape of
 * `IdempotencyStore` from `@prakerja-kit/webhooks` (its memory, Redis and Postgres stores fit
 * as they are). Typed here by shape so the watchers do not depend on the webhooks package.
 */
export interface IdempotencyStore {
  /** Takes the lease for `key` for `leaseMs`, unless it is held or processed. */
  acquire(key: string, leaseMs: number): Promise<IdempotencyLease>;
  /** Marks `key` processed for `retainMs` if `token` holds its lease (or nobody does). */
  complete(key: string, token: string, retainMs: number): Promise<boolean>;
  /** Gives the lease back so a later attempt can run. */
  release(key: string, token: string): Promise<boolean>;
}

/** One watched item as a backend stores it. */
export interface WatchRecord<Item = unknown, State = unknown> {
  /** {@link WatchKind.key} of the item. */
  key: string;
  /** The item. */
  item: Item;
  /** The last state reported, undefined before the first report. */
  state: State | undefined;
  /** The current backoff delay, in milliseconds. */
  delayMs: number;
  /** When the item is next due, epoch milliseconds. */
  dueAt: number;
  /** Ids already emitted towards a state not yet recorded (an emit that failed half-way). */
  emitted?: string[] | undefined;
}

/** What becomes of a record after one poll. */
export type WatchUpdate<Item = unknown, State = unknown> =
  | { done: true }
  | { done: false; record: WatchRecord<Item, State> };

/** The rate gate a backend gives the engine: shared by one process or by a whole fleet. */
export interface RateGate {
  /** Waits until `cost` calls fit in the limit and no pause is in force. */
  take(cost: number): Promise<void>;
  /** Pauses every call (of the fleet) until `untilMs` (epoch milliseconds). */
  pause(untilMs: number): Promise<void>;
}

/** The engine's side of a backend: what a backend calls. */
export interface WatchRunner {
  /** The kind's name. */
  readonly name: string;
  /** The key of an item. */
  key(item: unknown): string;
  /** Merges an item passed to `watch` into the watched one. */
  merge(current: unknown, incoming: unknown): unknown;
  /** A new record for an item, due now. */
  create(item: unknown): WatchRecord;
  /** Polls one record; never throws (failures go to `onError`). */
  poll(record: WatchRecord, gate: RateGate): Promise<{ update: WatchUpdate; events: unknown[] }>;
  /** The clock. */
  readonly clock: WatchClock;
  /** Polls in flight at once, per process. */
  readonly concurrency: number;
  /** The first delay, in milliseconds. */
  readonly intervalMs: number;
  /** The rate limit, if any. */
  readonly rateLimit: RateLimit | undefined;
  /** Reports a backend failure. */
  reportError(error: unknown, key: string): void;
}

/** A backend bound to one watcher: holds the watched set, schedules and runs the polls. */
export interface WatchBackendSession {
  /** Adds an item (or merges it into the watched one); it is due at once. */
  watch(item: unknown): Promise<void>;
  /** Stops watching a key. */
  unwatch(key: string): Promise<void>;
  /** Every watched record. */
  list(): Promise<WatchRecord[]>;
  /** Polls (or makes due) every item now; resolves with the events this process emitted. */
  poll(): Promise<unknown[]>;
  /** Starts polling in this process. */
  start(): void;
  /** Stops polling and releases what the backend holds in this process. */
  stop(): Promise<void>;
}

/**
 * Where watched items, their schedules and last reported states live, and who polls them:
 * {@link createMemoryBackend} (one process, the default) or `createBullmqBackend` from
 * `@prakerja-kit/watchers/bullmq` (Redis, any number of workers).
 */
export interface WatchBackend {
  /** Binds the backend to a watcher. Called once, by `createWatcher`. */
  open(runner: WatchRunner): WatchBackendSession;
  /** The dedupe store the backend brings (the BullMQ backend requires one). */
  readonly dedupe?: IdempotencyStore | undefined;
  /** How long an emit holds its dedupe lease, in milliseconds (the BullMQ backend: its lock duration). */
  readonly dedupeLeaseMs?: number | undefined;
}
