import { deriveEventId, traceAsync } from '@prakerja-kit/core/internal';
import {
  createWatcher,
  type IdempotencyStore,
  type RateLimit,
  type WatchBackend,
  type WatchClock,
  type WatchKind,
} from '@prakerja-kit/watchers';
import type { PlatformClient } from './client.js';
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
  /** Called for each event, in order per invoice. If it throws, the state is not recorded and
   * the same event (same `id`) is emitted again on the next poll. */
  onEvent: (event: PaymentEvent) => void | Promise<void>;
  /**
   * Called once per followed `unknown` when its answer becomes definitive (see
   * {@link FollowedOutcome}). If it throws, the item stays pending and is reported again on the
   * next poll. @default ignore
   */
  onOutcome?: ((outcome: FollowedOutcome) => void | Promise<void>) | undefined;
  /** Called when a status lookup, `onEvent` or `onOutcome` fails. @default ignore */
  onError?: ((error: unknown, invoiceCode: string) => void) | undefined;
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
  /** Status lookups in flight at once, per process. @default 4 */
  concurrency?: number | undefined;
  /**
   * Where the watched invoices, their schedules and last reported states live:
   * `createMemoryBackend()` (this process) or `createBullmqBackend(…)` from
   * `@prakerja-kit/watchers/bullmq` (Redis, shared by any number of worker processes).
   * @default createMemoryBackend()
   */
  backend?: WatchBackend | undefined;
  /** Time and timers (tests inject `createManualClock()` from `@prakerja-kit/watchers`). @default the real clock */
  clock?: WatchClock | undefined;
  /** Records emitted event ids so each is emitted once across workers. @default the backend's */
  dedupe?: IdempotencyStore | undefined;
  /** Status lookups allowed per window, across every worker of the backend. @default unlimited */
  rateLimit?: RateLimit | undefined;
  /** Stop watching an invoice once it is voided. @default true */
  stopWhenVoided?: boolean | undefined;
}

/** An invoice the watcher watches, as {@link PaymentWatcher.list} reports it. */
export interface WatchedPayment {
  /** The invoice code. */
  invoiceCode: string;
  /** The `unknown` outcomes followed under this invoice, not yet definitive. */
  pending: PendingPayment[];
  /** The last state reported by an event, undefined before the first. */
  state: 'authorized' | 'voided' | undefined;
  /** When it is next polled, epoch milliseconds. */
  dueAt: number;
}

/** A running (or stopped) payment watcher. */
export interface PaymentWatcher extends PaymentFollower {
  /** Starts watching an invoice code (no-op when already watched). */
  watch(invoiceCode: string): Promise<void>;
  /**
   * Follows an `unknown` outcome of `payments.authorize` or `payments.void` until it is
   * definitive, then reports it to `onOutcome` (and emits `payment.authorized` /
   * `payment.voided` as for any watched invoice). Also watches its invoice code. Given any other
   * outcome, does nothing and resolves false. Pass the watcher as `{ follow: watcher }` to
   * authorize and void to enrol every unknown before the call resolves. With a durable
   * backend the followed item is in Redis once this resolves.
   *
   * @example
   * const result = await client.payments.authorize(params);
   * if (result.outcome === 'unknown') await watcher.follow(result);
   */
  follow(pending: PendingPayment | PaymentsAuthorizeResult | PaymentsVoidResult): Promise<boolean>;
  /** Stops watching an invoice code (and following it). */
  unwatch(invoiceCode: string): Promise<void>;
  /** The watched invoices and what is followed under each. */
  list(): Promise<WatchedPayment[]>;
  /**
   * Polls every watched invoice now, ignoring backoff; resolves with the events emitted. With a
   * durable backend: makes every invoice due now (the workers poll them).
   */
  poll(): Promise<PaymentEvent[]>;
  /** Starts polling on the backoff schedule (with a durable backend, this process becomes a worker). */
  start(): void;
  /** Stops polling; resolves once the polls in flight are done and the backend is closed. */
  stop(): Promise<void>;
}

/** What the watcher keeps per invoice (JSON: a durable backend stores it). */
interface PaymentItem {
  invoiceCode: string;
  pending?: PendingPayment[] | undefined;
}

type Reported = 'authorized' | 'voided';

/** A status lookup; only `reported` is recorded as the last reported state. */
interface PaymentState {
  reported: Reported | undefined;
  payment?: Payment | undefined;
  notFound?: PaymentNotFoundError | undefined;
}

type FollowedEvent = { id: string; type: 'followed'; outcome: FollowedOutcome };
type WatcherEvent = PaymentEvent | FollowedEvent;

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

const samePending = (a: PendingPayment, b: PendingPayment) =>
  a.operation === b.operation && a.settlesAt === b.settlesAt;

function paymentKind(
  client: PlatformClient,
  stopWhenVoided: boolean,
): WatchKind<PaymentItem, PaymentState, WatcherEvent> {
  return {
    name: 'payment',
    key: (item) => item.invoiceCode,
    merge: (current, incoming) => {
      const pending = [...(current.pending ?? [])];
      for (const item of incoming.pending ?? []) {
        if (!pending.some((open) => samePending(open, item))) pending.push(item);
      }
      return {
        invoiceCode: current.invoiceCode,
        pending: pending.length > 0 ? pending : undefined,
      };
    },
    async fetch(item, context) {
      await context.limit();
      try {
        const payment = await client.payments.retrieve({ invoiceCode: item.invoiceCode });
        return { reported: undefined, payment };
      } catch (error) {
        if (!(error instanceof PaymentNotFoundError)) throw error;
        return { reported: undefined, notFound: error };
      }
    },
    async diff({ item, previous, current, now }) {
      const seen = previous?.reported;
      const { payment, notFound } = current;
      const at = new Date(now).toISOString();
      const events: WatcherEvent[] = [];
      let reported = seen;
      if (payment && (payment.state === 'authorized' || payment.state === 'voided')) {
        const data = {
          invoice_code: payment.invoiceCode,
          transaction_code: payment.transactionCode,
        };
        if (seen === undefined) {
          events.push({
            id: await deriveEventId(`payment.authorized:${payment.invoiceCode}`),
            type: 'payment.authorized',
            created_at: at,
            data: { ...data, amount: payment.amount, authorized_at: payment.createdAt ?? at },
          });
          reported = 'authorized';
        }
        if (seen !== 'voided' && payment.state === 'voided') {
          events.push({
            id: await deriveEventId(`payment.voided:${payment.invoiceCode}`),
            type: 'payment.voided',
            created_at: at,
            data: { ...data, voided_at: at },
          });
          reported = 'voided';
        }
      }
      const open: PendingPayment[] = [];
      let notPurchased = false;
      for (const pending of item.pending ?? []) {
        const outcome = settle(pending, payment, notFound, now);
        if (!outcome) {
          open.push(pending);
          continue;
        }
        if (outcome.outcome === 'not_purchased') notPurchased = true;
        const { operation, invoiceCode, settlesAt } = pending;
        events.push({
          id: await deriveEventId(
            `payment.followed:${operation}:${invoiceCode}:${settlesAt}:${outcome.outcome}`,
          ),
          type: 'followed',
          outcome,
        });
      }
      const changedItem = open.length !== (item.pending ?? []).length;
      const nextSettle = Math.min(...open.map((pending) => pending.settlesAt));
      return {
        events,
        item: changedItem
          ? { invoiceCode: item.invoiceCode, pending: open.length > 0 ? open : undefined }
          : undefined,
        state: { reported },
        // Nothing was bought, or the purchase is voided: nothing left to watch.
        done:
          open.length === 0 &&
          ((notPurchased && reported === undefined) || (stopWhenVoided && reported === 'voided')),
        // A followed item is looked at again as soon as its answer can become definitive.
        dueAt: Number.isFinite(nextSettle) ? nextSettle : undefined,
      };
    },
  };
}

/**
 * Watches invoice codes by polling payment status with backoff, and emits `payment.authorized`
 * and `payment.voided` events (docs/events.md) when their state changes. Built on the watcher
 * engine of `@prakerja-kit/watchers`: in one process by default, or shared by any number of
 * worker processes through Redis with its BullMQ backend (`backend` option).
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
 * `settlesAt`, and the invoice is polled again at `settlesAt`.
 *
 * @example
 * const watcher = createPaymentWatcher(client, { onEvent: (event) => queue.push(event) });
 * await watcher.watch('INV-1001');
 * watcher.start();
 * await client.payments.authorize(params, { follow: watcher }); // unknowns are followed
 */
export function createPaymentWatcher(
  client: PlatformClient,
  options: PaymentWatcherOptions,
): PaymentWatcher {
  const telemetry = client.transport.telemetry;
  const watcher = createWatcher<PaymentItem, PaymentState, WatcherEvent>({
    kind: paymentKind(client, options.stopWhenVoided ?? true),
    onEvent: (event) =>
      event.type === 'followed' ? options.onOutcome?.(event.outcome) : options.onEvent(event),
    onError: options.onError,
    intervalMs: options.intervalMs,
    maxIntervalMs: options.maxIntervalMs,
    backoffFactor: options.backoffFactor,
    concurrency: options.concurrency,
    backend: options.backend,
    clock: options.clock,
    dedupe: options.dedupe,
    rateLimit: options.rateLimit,
    // With telemetry: a `payment_watcher.poll` span around the lookup, and how late it ran.
    instrument: telemetry
      ? ({ item, lagMs }, run) => {
          telemetry.instruments.watcherLag.record(lagMs / 1000);
          return traceAsync(
            telemetry,
            'payment_watcher.poll',
            {
              'prakerja.watcher.following': (item.pending ?? []).length > 0,
              'prakerja.watcher.lag_ms': lagMs,
            },
            run,
            (events) => ({
              'prakerja.watcher.events': events.filter((event) => event.type !== 'followed').length,
            }),
          );
        }
      : undefined,
  });
  for (const invoiceCode of options.invoiceCodes ?? []) {
    // In memory this is synchronous; a durable backend reports a failure through onError.
    watcher.watch({ invoiceCode }).catch((error: unknown) => options.onError?.(error, invoiceCode));
  }

  return {
    watch: (invoiceCode) => watcher.watch({ invoiceCode }),
    async follow(item) {
      if ('outcome' in item && item.outcome !== 'unknown') return false;
      const { operation, invoiceCode, settlesAt } = item as PendingPayment;
      await watcher.watch({ invoiceCode, pending: [{ operation, invoiceCode, settlesAt }] });
      return true;
    },
    unwatch: (invoiceCode) => watcher.unwatch(invoiceCode),
    async list() {
      return (await watcher.list()).map(({ item, state, dueAt }) => ({
        invoiceCode: item.invoiceCode,
        pending: item.pending ?? [],
        state: state?.reported,
        dueAt,
      }));
    },
    poll: async () =>
      (await watcher.poll()).filter((event): event is PaymentEvent => event.type !== 'followed'),
    start: () => watcher.start(),
    stop: () => watcher.stop(),
  };
}
