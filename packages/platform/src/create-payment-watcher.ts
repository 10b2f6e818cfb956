import { deriveEventId, mapConcurrent } from '@prakerja-kit/core/internal';
import type { PlatformClient } from './client.js';
import {
  createMemoryPaymentStore,
  type PaymentStateStore,
  type SeenPaymentState,
} from './create-memory-payment-store.js';
import { PaymentNotFoundError } from './payment-not-found-error.js';
import type {
  PaymentFollower,
  PaymentsAuthorizeResult,
  PaymentsVoidResult,
  PendingPayment,
} from './resources/payment-results.js';
import type { Payment } from './schemas/payment.js';
import type { PaymentEvent } from './schemas/payment-events.js';

/**
 * The definitive answer to an `unknown` authorize or void the watcher was asked to follow
 * ({@link PaymentWatcher.follow}). Platform-side only: not a webhook event type.
 *
 * - authorize → `purchased` (status SUCCESS) or `voided` (bought, then voided): also emitted as
 *   `payment.authorized` / `payment.voided` events.
 * - authorize → `not_purchased`: status still said "not found" at or after `settlesAt`, when
 *   the purchase could no longer commit. No event (nothing happened).
 * - void → `voided` (also a `payment.voided` event) or `not_voided` (status still SUCCESS at or
 *   after `settlesAt`).
 */
export type FollowedOutcome =
  | { operation: 'authorize'; invoiceCode: string; outcome: 'purchased'; payment: Payment }
  | { operation: 'authorize'; invoiceCode: string; outcome: 'voided'; payment: Payment }
  | {
      operation: 'authorize';
      invoiceCode: string;
      outcome: 'not_purchased';
      /** The status answer that settled it. */
      error: PaymentNotFoundError;
    }
  | { operation: 'void'; invoiceCode: string; outcome: 'voided'; payment: Payment }
  | { operation: 'void'; invoiceCode: string; outcome: 'not_voided'; payment: Payment };

/** Options of {@link createPaymentWatcher}. */
export interface PaymentWatcherOptions {
  /** Invoice codes to watch from the start. */
  invoiceCodes?: Iterable<string> | undefined;
  /** Called for each event, in order per invoice. If it throws, the state is not saved and the
   * same event (same `id`) is emitted again on the next poll. */
  onEvent: (event: PaymentEvent) => void | Promise<void>;
  /**
   * Called once per followed `unknown` when its answer becomes definitive (see
   * {@link FollowedOutcome}). If it throws, the item stays pending and is reported again on the
   * next poll. @default ignore
   */
  onOutcome?: ((outcome: FollowedOutcome) => void | Promise<void>) | undefined;
  /** Called when a status lookup, `onEvent` or `onOutcome` fails. @default ignore */
  onError?: ((error: unknown, invoiceCode: string) => void) | undefined;
  /** Last reported state per invoice. @default in memory ({@link createMemoryPaymentStore}) */
  store?: PaymentStateStore | undefined;
  /**
   * First delay between polls of one invoice, in milliseconds; used again after each change.
   * @default 5000
   */
  intervalMs?: number | undefined;
  /**
   * Longest delay: an invoice that keeps not changing (or failing) is polled less and less
   * often, up to this.
   * @default 60000
   */
  maxIntervalMs?: number | undefined;
  /** Multiplier applied to the delay after each poll without change. @default 2 */
  backoffFactor?: number | undefined;
  /** Status lookups in flight at once. @default 4 */
  concurrency?: number | undefined;
  /** Stop watching an invoice once it is voided. @default true */
  stopWhenVoided?: boolean | undefined;
  /** Clock in milliseconds. @default Date.now */
  now?: (() => number) | undefined;
}

/** A running (or stopped) status watcher. */
export interface PaymentWatcher extends PaymentFollower {
  /** Starts watching an invoice code (no-op when already watched). */
  watch(invoiceCode: string): void;
  /**
   * Follows an `unknown` outcome of `payments.authorize` or `payments.void` until it is
   * definitive, then reports it to `onOutcome` (and emits `payment.authorized` /
   * `payment.voided` as for any watched invoice). Also watches its invoice code. Given any other
   * outcome, does nothing and returns false. Pass the watcher as `{ follow: watcher }` to
   * authorize and void to enrol every unknown automatically. Pending items live in this
   * process's memory.
   *
   * @example
   * const result = await client.payments.authorize(params);
   * if (result.outcome === 'unknown') watcher.follow(result);
   */
  follow(pending: PendingPayment | PaymentsAuthorizeResult | PaymentsVoidResult): boolean;
  /** Stops watching an invoice code (and following it). */
  unwatch(invoiceCode: string): void;
  /** The invoice codes being watched. */
  readonly invoiceCodes: readonly string[];
  /** The unknown outcomes being followed, not yet definitive. */
  readonly pending: readonly PendingPayment[];
  /** Polls every watched invoice now, ignoring backoff; resolves with the events emitted. */
  poll(): Promise<PaymentEvent[]>;
  /** Starts polling on the backoff schedule. */
  start(): void;
  /** Stops polling; resolves once the poll in progress (if any) is done. */
  stop(): Promise<void>;
}

interface Entry {
  delayMs: number;
  dueAt: number;
  pending: PendingPayment | undefined;
}

/**
 * Watches invoice codes by polling payment status with backoff, and emits `payment.authorized`
 * and `payment.voided` events (docs/events.md) when their state changes.
 *
 * The program pushes nothing (program-api.md §6): these events are the SDK's model, built by
 * polling. Event ids are deterministic per invoice and state (`evt_` + 26 characters), so a
 * consumer can dedupe repeats after a restart or a failed `onEvent`. A watcher that first sees
 * an invoice already voided emits `payment.authorized` then `payment.voided`. `voided_at` is
 * when the watcher noticed (the program reports no void time); `authorized_at` is the status
 * `created_at` when sent.
 *
 * It also follows `unknown` outcomes of authorize and void ({@link PaymentWatcher.follow}, or
 * `{ follow: watcher }` on the call) and reports each to `onOutcome` once the program's answer
 * is definitive: a "not found" counts as `not_purchased` only at or after the item's
 * `settlesAt`.
 *
 * @example
 * const watcher = createPaymentWatcher(client, { onEvent: (event) => queue.push(event) });
 * watcher.watch('INV-1001');
 * watcher.start();
 * await client.payments.authorize(params, { follow: watcher }); // unknowns are followed
 */
export function createPaymentWatcher(
  client: PlatformClient,
  options: PaymentWatcherOptions,
): PaymentWatcher {
  const store = options.store ?? createMemoryPaymentStore();
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? 5000;
  const maxIntervalMs = Math.max(intervalMs, options.maxIntervalMs ?? 60_000);
  const factor = options.backoffFactor ?? 2;
  const concurrency = options.concurrency ?? 4;
  const stopWhenVoided = options.stopWhenVoided ?? true;
  const entries = new Map<string, Entry>();
  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<unknown> | undefined;

  const watch = (invoiceCode: string) => {
    if (entries.has(invoiceCode)) return;
    entries.set(invoiceCode, { delayMs: intervalMs, dueAt: now(), pending: undefined });
    // A new invoice is due now: wake a timer that may be sleeping through a long backoff.
    if (running && timer !== undefined) {
      clearTimeout(timer);
      schedule();
    }
  };
  for (const invoiceCode of options.invoiceCodes ?? []) watch(invoiceCode);

  const follow = (item: PendingPayment | PaymentsAuthorizeResult | PaymentsVoidResult): boolean => {
    if ('outcome' in item && item.outcome !== 'unknown') return false;
    const { operation, invoiceCode, settlesAt } = item as PendingPayment;
    watch(invoiceCode);
    const entry = entries.get(invoiceCode)!;
    entry.pending = { operation, invoiceCode, settlesAt };
    entry.delayMs = intervalMs;
    entry.dueAt = Math.min(entry.dueAt, now());
    return true;
  };

  // The definitive answer for a followed item, when status now gives one.
  function settle(
    pending: PendingPayment,
    payment: Payment | undefined,
    notFound: PaymentNotFoundError | undefined,
    at: number,
  ): FollowedOutcome | undefined {
    const { invoiceCode } = pending;
    const settled = at >= pending.settlesAt;
    if (pending.operation === 'authorize') {
      if (payment?.state === 'authorized') {
        return { operation: 'authorize', invoiceCode, outcome: 'purchased', payment };
      }
      if (payment?.state === 'voided') {
        return { operation: 'authorize', invoiceCode, outcome: 'voided', payment };
      }
      if (notFound && settled) {
        return { operation: 'authorize', invoiceCode, outcome: 'not_purchased', error: notFound };
      }
      return undefined;
    }
    if (payment?.state === 'voided') {
      return { operation: 'void', invoiceCode, outcome: 'voided', payment };
    }
    if (payment?.state === 'authorized' && settled) {
      return { operation: 'void', invoiceCode, outcome: 'not_voided', payment };
    }
    return undefined;
  }

  async function eventsFor(payment: Payment, seen: SeenPaymentState | undefined) {
    const at = new Date(now()).toISOString();
    const events: PaymentEvent[] = [];
    const data = { invoice_code: payment.invoiceCode, transaction_code: payment.transactionCode };
    if (seen === undefined && (payment.state === 'authorized' || payment.state === 'voided')) {
      events.push({
        id: await deriveEventId(`payment.authorized:${payment.invoiceCode}`),
        type: 'payment.authorized',
        created_at: at,
        data: { ...data, amount: payment.amount, authorized_at: payment.createdAt ?? at },
      });
    }
    if (seen !== 'voided' && payment.state === 'voided') {
      events.push({
        id: await deriveEventId(`payment.voided:${payment.invoiceCode}`),
        type: 'payment.voided',
        created_at: at,
        data: { ...data, voided_at: at },
      });
    }
    return events;
  }

  // One lookup per invoice at a time: a manual poll() during a scheduled one joins it, so the
  // same state is never emitted twice by this watcher.
  const inFlight = new Map<string, Promise<PaymentEvent[]>>();

  function pollOne(invoiceCode: string): Promise<PaymentEvent[]> {
    const running = inFlight.get(invoiceCode);
    if (running) return running.then(() => []);
    const pass = pollTraced(invoiceCode).finally(() => inFlight.delete(invoiceCode));
    inFlight.set(invoiceCode, pass);
    return pass;
  }

  // With telemetry: a `payment_watcher.poll` span around the lookup, and how late it ran.
  async function pollTraced(invoiceCode: string): Promise<PaymentEvent[]> {
    const telemetry = client.transport.telemetry;
    if (!telemetry) return pollFresh(invoiceCode);
    const entry = entries.get(invoiceCode);
    const lagMs = entry ? now() - entry.dueAt : undefined;
    if (lagMs !== undefined && lagMs >= 0) telemetry.instruments.watcherLag.record(lagMs / 1000);
    const span = telemetry.startSpan('payment_watcher.poll', {
      'prakerja.watcher.following': entry?.pending !== undefined,
      'prakerja.watcher.lag_ms': lagMs !== undefined && lagMs >= 0 ? lagMs : undefined,
    });
    try {
      const events = await telemetry.withSpan(span, () => pollFresh(invoiceCode));
      span.setAttributes({ 'prakerja.watcher.events': events.length });
      span.end();
      return events;
    } catch (error) {
      span.end({ error });
      throw error;
    }
  }

  async function pollFresh(invoiceCode: string): Promise<PaymentEvent[]> {
    const entry = entries.get(invoiceCode);
    let changed = false;
    const emitted: PaymentEvent[] = [];
    try {
      let payment: Payment | undefined;
      let notFound: PaymentNotFoundError | undefined;
      try {
        payment = await client.payments.retrieve({ invoiceCode });
      } catch (error) {
        if (!(error instanceof PaymentNotFoundError)) throw error;
        notFound = error;
      }
      const at = now();
      if (payment !== undefined) {
        const seen = await store.get(invoiceCode);
        for (const event of await eventsFor(payment, seen)) {
          await options.onEvent(event);
          emitted.push(event);
          changed = true;
          await store.set(invoiceCode, event.type === 'payment.voided' ? 'voided' : 'authorized');
        }
      }
      const pending = entry?.pending;
      const outcome = pending && settle(pending, payment, notFound, at);
      if (entry && outcome) {
        await options.onOutcome?.(outcome);
        entry.pending = undefined;
        changed = true;
        // Nothing was bought: nothing left to watch under this invoice code.
        if (outcome.outcome === 'not_purchased') entries.delete(invoiceCode);
      }
      if (stopWhenVoided && payment?.state === 'voided' && !entry?.pending) {
        entries.delete(invoiceCode);
      }
    } catch (error) {
      options.onError?.(error, invoiceCode);
    }
    if (entry && entries.get(invoiceCode) === entry) {
      entry.delayMs = changed ? intervalMs : Math.min(maxIntervalMs, entry.delayMs * factor);
      entry.dueAt = now() + entry.delayMs;
      // A followed item is looked at again as soon as its answer can become definitive.
      if (entry.pending && entry.pending.settlesAt > now()) {
        entry.dueAt = Math.min(entry.dueAt, entry.pending.settlesAt);
      }
    }
    return emitted;
  }

  async function run(codes: string[]): Promise<PaymentEvent[]> {
    const batches = await mapConcurrent(codes, concurrency, pollOne);
    return batches.flat();
  }

  function schedule() {
    if (!running) return;
    let next = Number.POSITIVE_INFINITY;
    for (const entry of entries.values()) next = Math.min(next, entry.dueAt);
    const wait = Number.isFinite(next) ? Math.max(0, next - now()) : intervalMs;
    timer = setTimeout(tick, wait);
  }

  function tick() {
    timer = undefined;
    const due = [...entries].filter(([, entry]) => entry.dueAt <= now()).map(([code]) => code);
    const pass = run(due);
    current = pass;
    pass.finally(() => {
      if (current === pass) current = undefined;
      schedule();
    });
  }

  return {
    watch,
    follow,
    unwatch: (invoiceCode) => {
      entries.delete(invoiceCode);
    },
    get invoiceCodes() {
      return [...entries.keys()];
    },
    get pending() {
      return [...entries.values()].flatMap((entry) => (entry.pending ? [entry.pending] : []));
    },
    poll: () => run([...entries.keys()]),
    start() {
      if (running) return;
      running = true;
      schedule();
    },
    async stop() {
      running = false;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await current;
    },
  };
}
