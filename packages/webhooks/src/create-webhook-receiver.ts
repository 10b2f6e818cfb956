import { WebhookVerificationError } from './errors/webhook-verification-error.js';
import type { WebhookEventOf, WebhookEventType } from './schemas/webhook-event.js';
import { createMemoryStore } from './stores/create-memory-store.js';
import type { IdempotencyStore } from './stores/idempotency-store.js';
import {
  isKnownEvent,
  type UnknownWebhookEvent,
  type VerifiedWebhookEvent,
  verify,
} from './verify.js';
import type { VerifyParams } from './verify-envelope.js';

/** How long a handler may run before another delivery of the same event may start: 60 s. */
export const DEFAULT_LEASE_MS = 60_000;

/** How long a processed event id is remembered: 7 days, longer than any sender's retries. */
export const DEFAULT_RETAIN_MS = 7 * 24 * 60 * 60 * 1000;

/** A handler of one event type; it may be async. Throwing lets the sender retry. */
export type WebhookHandler<Type extends WebhookEventType> = (
  event: WebhookEventOf<Type>,
) => void | Promise<void>;

/** Options of {@link createWebhookReceiver}. */
export interface WebhookReceiverOptions extends Omit<VerifyParams, 'payload' | 'headers'> {
  /**
   * Records processed event ids; share one across instances (Redis) for exactly-once.
   * @default createMemoryStore()
   */
  store?: IdempotencyStore | undefined;
  /**
   * How long a handler holds its event before another delivery may run it again (a crashed
   * instance's lease expires after this). Keep it above your slowest handler.
   * @default DEFAULT_LEASE_MS (60 s)
   */
  leaseMs?: number | undefined;
  /**
   * How long a processed event id is remembered.
   * @default DEFAULT_RETAIN_MS (7 days)
   */
  retainMs?: number | undefined;
}

/** A raw delivery: the body exactly as received and its headers. */
export type WebhookDelivery = Pick<VerifyParams, 'payload' | 'headers'>;

/**
 * What happened to a delivery: its handler ran (`processed`); the event was processed before
 * (`duplicate`); another delivery of it is running now (`in-progress`, ask the sender to retry);
 * or no handler is registered for its type (`ignored`).
 */
export interface ReceiveResult {
  /** See {@link ReceiveResult}. */
  status: 'processed' | 'duplicate' | 'in-progress' | 'ignored';
  /** The verified event. */
  event: VerifiedWebhookEvent;
}

/** A typed handler registry that verifies deliveries and runs each event's handler once. */
export interface WebhookReceiver {
  /** The processing lease in milliseconds; adapters derive `Retry-After` from it. */
  readonly leaseMs: number;
  /** Registers the handler of one event type, replacing any earlier one; chainable. */
  on<Type extends WebhookEventType>(type: Type, handler: WebhookHandler<Type>): WebhookReceiver;
  /** Registers a handler for event types this package version does not know; chainable. */
  onUnknown(handler: (event: UnknownWebhookEvent) => void | Promise<void>): WebhookReceiver;
  /**
   * Verifies a delivery, then runs its handler exactly once per event id. Throws
   * {@link WebhookVerificationError} for a bad delivery and rethrows a handler's error after
   * releasing the lease.
   */
  receive(delivery: WebhookDelivery): Promise<ReceiveResult>;
  /** Verifies a delivery with this receiver's secret(s) and clock; the first half of `receive`. */
  verify(delivery: WebhookDelivery): Promise<VerifiedWebhookEvent>;
  /**
   * Runs the handler of an event you verified yourself (e.g. with `verifyNodeRequest`) exactly
   * once per event id; the second half of {@link WebhookReceiver.receive}.
   */
  dispatch(event: VerifiedWebhookEvent): Promise<ReceiveResult>;
  /**
   * {@link WebhookReceiver.receive} for a fetch `Request`, answered as a `Response`: 204 when
   * done or ignored, 400 with the failed check for a bad delivery, 409 with `Retry-After` while
   * another delivery of the event runs. A handler's error is rethrown (your framework answers
   * 500 and the sender retries).
   */
  receiveRequest(request: Request): Promise<Response>;
}

type AnyHandler = (event: VerifiedWebhookEvent) => void | Promise<void>;

/**
 * Creates a {@link WebhookReceiver}: verify, dedupe by event id under a processing lease, then
 * dispatch to the handler registered for the event's type.
 *
 * A failed handler releases the lease so the sender's retry runs it again; a duplicate,
 * concurrent or repeated delivery does not run it twice (given a store shared by every
 * instance and a lease longer than the handler).
 *
 * @example
 * const receiver = createWebhookReceiver({ secret, store: createRedisStore({ client: redis }) })
 *   .on('incentive.disbursement_requested', async (event) => pay(event.data))
 *   .on('incentive.disbursement_cancelled', async (event) => cancel(event.data.disbursement_id));
 * export const POST = (request: Request) => receiver.receiveRequest(request);
 */
export function createWebhookReceiver(options: WebhookReceiverOptions): WebhookReceiver {
  const {
    store = createMemoryStore(),
    leaseMs = DEFAULT_LEASE_MS,
    retainMs = DEFAULT_RETAIN_MS,
  } = options;
  const handlers = new Map<string, AnyHandler>();
  let unknownHandler: AnyHandler | undefined;

  const receiver: WebhookReceiver = {
    leaseMs,
    on(type, handler) {
      handlers.set(type, handler as AnyHandler);
      return receiver;
    },
    onUnknown(handler) {
      unknownHandler = handler as AnyHandler;
      return receiver;
    },
    async receive(delivery) {
      return receiver.dispatch(await receiver.verify(delivery));
    },
    async verify(delivery) {
      return verify({ ...options, ...delivery });
    },
    async dispatch(event) {
      const handler = isKnownEvent(event) ? handlers.get(event.type) : unknownHandler;
      if (handler === undefined) return { status: 'ignored', event };
      const lease = await store.acquire(event.id, leaseMs);
      if (lease.status === 'processed') return { status: 'duplicate', event };
      if (lease.status === 'processing') return { status: 'in-progress', event };
      try {
        await handler(event);
      } catch (error) {
        await store.release(event.id, lease.token);
        throw error;
      }
      await store.complete(event.id, lease.token, retainMs);
      return { status: 'processed', event };
    },
    async receiveRequest(request) {
      let event: VerifiedWebhookEvent;
      try {
        const payload = new Uint8Array(await request.arrayBuffer());
        event = await receiver.verify({ payload, headers: request.headers });
      } catch (error) {
        if (!(error instanceof WebhookVerificationError)) throw error;
        return Response.json({ error: error.message, check: error.check }, { status: 400 });
      }
      const result = await receiver.dispatch(event);
      if (result.status === 'in-progress') {
        const retryAfter = String(Math.ceil(leaseMs / 1000));
        return new Response(null, { status: 409, headers: { 'retry-after': retryAfter } });
      }
      return new Response(null, { status: 204 });
    },
  };
  return receiver;
}
