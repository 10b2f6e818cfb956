import { deriveEventId, mapConcurrent } from '@prakerja-kit/core';
import type { PlatformClient } from './client.js';
import {
  createMemoryPaymentStore,
  type PaymentStateStore,
  type SeenPaymentState,
} from './create-memory-payment-store.js';
import { isPaymentNotFound } from './internal/reconcile.js';
import type { Payment } from './schemas/payment.js';
import type { PaymentEvent } from './schemas/payment-events.js';

/** Options of {@link createPaymentWatcher}. */
export interface PaymentWatcherOptions {
  /** Invoice codes to watch from the start. */
  invoiceCodes?: Iterable<string> | undefined;
  /** Called for each event, in order per invoice. If it throws, the state is not saved and the
   * same event (same `id`) is emitted again on the next poll. */
  onEvent: (event: PaymentEvent) => void | Promise<void>;
  /** Called when a status lookup or `onEvent` fails. @default ignore */
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
export interface PaymentWatcher {
  /** Starts watching an invoice code (no-op when already watched). */
  watch(invoiceCode: string): void;
  /** Stops watching an invoice code. */
  unwatch(invoiceCode: string): void;
  /** The invoice codes being watched. */
  readonly invoiceCodes: readonly string[];
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
 * @example
 * const watcher = createPaymentWatcher(client, { onEvent: (event) => queue.push(event) });
 * watcher.watch('INV-1001');
 * watcher.start();
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
    entries.set(invoiceCode, { delayMs: intervalMs, dueAt: now() });
    // A new invoice is due now: wake a timer that may be sleeping through a long backoff.
    if (running && timer !== undefined) {
      clearTimeout(timer);
      schedule();
    }
  };
  for (const invoiceCode of options.invoiceCodes ?? []) watch(invoiceCode);

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
    const pass = pollFresh(invoiceCode).finally(() => inFlight.delete(invoiceCode));
    inFlight.set(invoiceCode, pass);
    return pass;
  }

  async function pollFresh(invoiceCode: string): Promise<PaymentEvent[]> {
    const entry = entries.get(invoiceCode);
    let changed = false;
    const emitted: PaymentEvent[] = [];
    try {
      let payment: Payment | undefined;
      try {
        payment = await client.payments.retrieve({ invoiceCode });
      } catch (error) {
        if (!isPaymentNotFound(error)) throw error;
      }
      if (payment !== undefined) {
        const seen = await store.get(invoiceCode);
        for (const event of await eventsFor(payment, seen)) {
          await options.onEvent(event);
          emitted.push(event);
          changed = true;
          await store.set(invoiceCode, event.type === 'payment.voided' ? 'voided' : 'authorized');
        }
        if (stopWhenVoided && payment.state === 'voided') entries.delete(invoiceCode);
      }
    } catch (error) {
      options.onError?.(error, invoiceCode);
    }
    if (entry && entries.get(invoiceCode) === entry) {
      entry.delayMs = changed ? intervalMs : Math.min(maxIntervalMs, entry.delayMs * factor);
      entry.dueAt = now() + entry.delayMs;
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
    unwatch: (invoiceCode) => {
      entries.delete(invoiceCode);
    },
    get invoiceCodes() {
      return [...entries.keys()];
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
