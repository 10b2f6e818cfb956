import type { Logger, TelemetryPlugin } from '@prakerja-kit/core';
import { WebhookConfigurationError } from './errors/webhook-configuration-error.js';
import { WebhookVerificationError } from './errors/webhook-verification-error.js';
import { DEFAULT_MAX_BODY_BYTES } from './internal/limits.js';
import { checkSecrets, positiveInteger } from './internal/options.js';
import { readHeader } from './internal/read-header.js';
import { readRequestBody } from './internal/read-request-body.js';
import { createReceiverTelemetry, type ReceiverSpan } from './internal/receiver-telemetry.js';
import type { ReceiveResult } from './receive-result.js';
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
import {
  toWebhookFetchResponse,
  toWebhookResponse,
  type WebhookHttpResponse,
} from './webhook-response.js';

export type { ReceiveOutcome, ReceiveResult } from './receive-result.js';

/**
 * How long a lease lasts without a heartbeat: 60 s. A crashed instance's event can run again
 * after this; a running handler's lease is extended every `heartbeatMs`, so it may run longer.
 */
export const DEFAULT_LEASE_MS = 60_000;

/** How long a processed event id is remembered: 7 days, longer than any sender's retries. */
export const DEFAULT_RETAIN_MS = 7 * 24 * 60 * 60 * 1000;

/** How many times a successful handler's `complete` is tried before giving up: 5. */
export const DEFAULT_COMPLETE_ATTEMPTS = 5;

/** A handler of one event type; it may be async. Throwing lets the sender retry. */
export type WebhookHandler<Type extends WebhookEventType> = (
  event: WebhookEventOf<Type>,
) => void | Promise<void>;

/** A refused delivery, as given to {@link WebhookReceiverOptions.onRejected}. */
export interface WebhookRejection {
  /** The check that failed (`payload` for a body over the limit or too slow). */
  check: WebhookVerificationError['check'];
  /** The HTTP status the adapters answer: 400, 408 or 413. */
  status: 400 | 408 | 413;
  /** The error, whose message says why (never the secret or the signature). */
  error: WebhookVerificationError;
  /** The delivery's `webhook-id` header, when it had one. */
  webhookId: string | undefined;
}

/** Options of {@link createWebhookReceiver}. */
export interface WebhookReceiverOptions
  extends Omit<VerifyParams, 'payload' | 'headers' | 'secret'> {
  /**
   * A `whsec_<base64>` secret, or several during a rotation (any one may match); usually
   * `process.env.PRAKERJA_WEBHOOK_SECRET`. Missing, empty or malformed, it is refused here
   * with a `WebhookConfigurationError`.
   */
  secret: string | readonly string[] | undefined;
  /**
   * Records processed event ids; share one across instances (Redis, PostgreSQL) for
   * exactly-once.
   * @default createMemoryStore()
   */
  store?: IdempotencyStore | undefined;
  /**
   * How long a lease lasts without a heartbeat, in ms: a crashed instance's event runs again
   * after this. A running handler keeps its lease however long it takes.
   * @default DEFAULT_LEASE_MS (60 s)
   */
  leaseMs?: number | undefined;
  /**
   * How often a running handler's lease is extended, in ms; below `leaseMs`.
   * @default a third of leaseMs
   */
  heartbeatMs?: number | undefined;
  /**
   * How long a processed event id is remembered, in ms.
   * @default DEFAULT_RETAIN_MS (7 days)
   */
  retainMs?: number | undefined;
  /**
   * How `complete` is retried after a successful handler when the store fails: `attempts` in
   * all, waiting `delayMs`, then twice that, and so on (at most a third of `leaseMs`).
   * @default { attempts: DEFAULT_COMPLETE_ATTEMPTS (5), delayMs: 100 }
   */
  completeRetry?: { attempts?: number | undefined; delayMs?: number | undefined } | undefined;
  /**
   * The largest body `receiveRequest` reads, in bytes (413 past it).
   * @default DEFAULT_MAX_BODY_BYTES (1 MiB)
   */
  maxBodyBytes?: number | undefined;
  /** Called for every refused delivery (bad signature, parsed body, too large...). */
  onRejected?: ((rejection: WebhookRejection) => void) | undefined;
  /**
   * Where refused deliveries (`warn`) and store troubles (`warn`, `error`) are logged.
   * @default console, with a `[prakerja-kit]` prefix
   */
  logger?: Pick<Logger, 'warn' | 'error'> | undefined;
  /**
   * OpenTelemetry spans (`webhooks.receive` with `webhooks.verify`, `webhooks.dispatch` and
   * `webhooks.handler` children) and metrics (`prakerja.webhook.deliveries` by result,
   * `prakerja.webhook.handler.duration`): `openTelemetry(otel, options?)` from
   * `@prakerja-kit/core/telemetry`, as for the clients. Off without it; nothing of OpenTelemetry
   * is loaded. Spans carry the event type, the event id and the result, never the body or a secret.
   */
  telemetry?: TelemetryPlugin | undefined;
}

/** A raw delivery: the body exactly as received and its headers. */
export type WebhookDelivery = Pick<VerifyParams, 'payload' | 'headers'>;

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
  /**
   * Verifies a delivery with this receiver's secret(s) and clock; the first half of `receive`.
   * A refused delivery is reported (`onRejected`, a `warn` log line) before the error is thrown.
   */
  verify(delivery: WebhookDelivery): Promise<VerifiedWebhookEvent>;
  /**
   * Runs the handler of an event you verified yourself (e.g. with `verifyNodeRequest`) exactly
   * once per event id; the second half of {@link WebhookReceiver.receive}.
   */
  dispatch(event: VerifiedWebhookEvent): Promise<ReceiveResult>;
  /**
   * {@link WebhookReceiver.receive}, answered as HTTP by `toWebhookResponse`: 204 when done,
   * duplicate or ignored, 400 with the failed check for a bad delivery, 409 with `Retry-After`
   * while another delivery of the event runs, and 500 when the handler (or the store) fails,
   * after logging the error at `error`. Never throws; for any framework that gives you the raw
   * body.
   *
   * @example
   * const { status, headers, body } = await receiver.respond({ payload: req.body, headers: req.headers });
   * res.status(status).set(headers).send(body ?? undefined);
   */
  respond(delivery: WebhookDelivery): Promise<WebhookHttpResponse>;
  /**
   * {@link WebhookReceiver.respond} for a fetch `Request` (Hono, Next.js route handlers,
   * Workers), reading the body itself: 204 when done or ignored, 400 with the failed check for
   * a bad delivery or a body a middleware already read, 413 for a body over `maxBodyBytes`, 409
   * with `Retry-After` while another delivery of the event runs. A handler's error is rethrown
   * (your framework answers 500 and the sender retries).
   */
  receiveRequest(request: Request): Promise<Response>;
  /**
   * Reports a delivery an adapter refused before {@link WebhookReceiver.verify} (a body over
   * the limit, a read timeout): calls `onRejected` and logs at `warn`. Adapters call it.
   */
  reportRejected(error: WebhookVerificationError, headers: VerifyParams['headers']): void;
}

type AnyHandler = (event: VerifiedWebhookEvent) => void | Promise<void>;

const consoleLogger: Pick<Logger, 'warn' | 'error'> = {
  warn: (message, fields) => console.warn(`[prakerja-kit] ${message}`, fields),
  error: (message, fields) => console.error(`[prakerja-kit] ${message}`, fields),
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The error's message, for a log line. */
const describeError = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Creates a {@link WebhookReceiver}: verify, dedupe by event id under a processing lease, then
 * dispatch to the handler registered for the event's type.
 *
 * Exactly once, given a store shared by every instance:
 * - a running handler's lease is extended every `heartbeatMs`, so however slow the handler is,
 *   a concurrent duplicate gets `in_progress` (409), never a second run;
 * - every store write is fenced by the lease token, so a holder whose lease lapsed cannot
 *   overwrite the record of the one that has it now;
 * - a handler that succeeded is recorded even when the store fails at that moment (`complete`
 *   is retried with backoff, the heartbeat running meanwhile); it is never run again for that;
 * - a failed handler releases the lease so the sender's retry runs it again.
 *
 * Options that cannot work (a missing or malformed secret, a lease of 0 ms) throw a
 * `WebhookConfigurationError` here, not on every delivery.
 *
 * @example
 * const receiver = createWebhookReceiver({
 *   secret: process.env.PRAKERJA_WEBHOOK_SECRET,
 *   store: createRedisStore({ client: redis }),
 * })
 *   .on('incentive.disbursement_requested', async (event) => pay(event.data))
 *   .on('incentive.disbursement_cancelled', async (event) => cancel(event.data.disbursement_id));
 * export const POST = (request: Request) => receiver.receiveRequest(request);
 */
export function createWebhookReceiver(options: WebhookReceiverOptions): WebhookReceiver {
  checkSecrets(options.secret);
  const secret = options.secret as string | readonly string[];
  const store = options.store ?? createMemoryStore();
  const leaseMs = positiveInteger('leaseMs', options.leaseMs ?? DEFAULT_LEASE_MS);
  const retainMs = positiveInteger('retainMs', options.retainMs ?? DEFAULT_RETAIN_MS);
  const heartbeatMs = positiveInteger(
    'heartbeatMs',
    options.heartbeatMs ?? Math.max(1, Math.floor(leaseMs / 3)),
    `a positive integer of milliseconds below leaseMs (${leaseMs})`,
  );
  if (heartbeatMs >= leaseMs) {
    throw new WebhookConfigurationError(
      'heartbeatMs',
      `a positive integer of milliseconds below leaseMs (${leaseMs})`,
      String(heartbeatMs),
    );
  }
  const attempts = positiveInteger(
    'completeRetry.attempts',
    options.completeRetry?.attempts ?? DEFAULT_COMPLETE_ATTEMPTS,
    'a positive integer',
  );
  const retryDelayMs = positiveInteger(
    'completeRetry.delayMs',
    options.completeRetry?.delayMs ?? 100,
  );
  const maxBodyBytes = positiveInteger(
    'maxBodyBytes',
    options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    'a positive integer of bytes',
  );
  const logger = options.logger ?? consoleLogger;
  const {
    store: _store,
    logger: _logger,
    onRejected,
    secret: _secret,
    telemetry: _telemetry,
    ...verifyOptions
  } = options;
  const telemetry = createReceiverTelemetry(options.telemetry);
  const handlers = new Map<string, AnyHandler>();
  let unknownHandler: AnyHandler | undefined;

  /** Extends the lease every `heartbeatMs` until the returned `stop` is awaited; logs a lost lease once. */
  function heartbeat(id: string, token: string) {
    let lost = false;
    let pending: Promise<void> | undefined;
    const timer = setInterval(() => {
      if (pending !== undefined) return;
      pending = store
        .extend(id, token, leaseMs)
        .then(
          (held) => {
            if (!held && !lost) {
              lost = true;
              logger.warn('webhook lease lost while the handler ran', { eventId: id });
            }
          },
          (error: unknown) => {
            logger.warn('could not extend the webhook lease; will try again', {
              eventId: id,
              error: describeError(error),
            });
          },
        )
        .finally(() => {
          pending = undefined;
        });
    }, heartbeatMs);
    return async () => {
      clearInterval(timer);
      await pending;
    };
  }

  /** `store.complete`, retried with backoff; `undefined` when every attempt failed. */
  async function complete(id: string, token: string): Promise<boolean | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await store.complete(id, token, retainMs);
      } catch (error) {
        if (attempt >= attempts) {
          logger.error(
            'the handler succeeded but the store could not record it; a delivery after the lease expires would run it again',
            { eventId: id, attempts, error: describeError(error) },
          );
          return undefined;
        }
        logger.warn('could not record a processed webhook event; retrying', {
          eventId: id,
          attempt,
          error: describeError(error),
        });
        await sleep(Math.min(retryDelayMs * 2 ** (attempt - 1), heartbeatMs));
      }
    }
  }

  async function verifyWith(delivery: WebhookDelivery, parent: ReceiverSpan | undefined) {
    const span = telemetry?.span('webhooks.verify', parent);
    try {
      const event = await verify({ ...verifyOptions, secret, ...delivery });
      span?.set({ 'prakerja.webhook.event_type': event.type, 'prakerja.webhook.id': event.id });
      span?.end();
      return event;
    } catch (error) {
      if (error instanceof WebhookVerificationError) {
        span?.set({ 'prakerja.webhook.check': error.check });
        receiver.reportRejected(error, delivery.headers);
      }
      span?.end(describeSafely(error));
      throw error;
    }
  }

  async function dispatchWith(
    event: VerifiedWebhookEvent,
    parent: ReceiverSpan | undefined,
  ): Promise<ReceiveResult> {
    const attributes = { 'prakerja.webhook.event_type': event.type };
    const span = telemetry?.span('webhooks.dispatch', parent, {
      ...attributes,
      'prakerja.webhook.id': event.id,
    });
    const done = (result: ReceiveResult): ReceiveResult => {
      const value = result.outcome;
      span?.set({ 'prakerja.webhook.result': value });
      span?.end();
      telemetry?.delivery(value, attributes);
      return result;
    };
    const failed = (error: unknown): never => {
      span?.set({ 'prakerja.webhook.result': 'failed' });
      span?.end(describeSafely(error));
      telemetry?.delivery('failed', attributes);
      throw error;
    };
    const handler = isKnownEvent(event) ? handlers.get(event.type) : unknownHandler;
    if (handler === undefined) return done({ outcome: 'ignored', event });
    let lease: Awaited<ReturnType<IdempotencyStore['acquire']>>;
    try {
      lease = await store.acquire(event.id, leaseMs);
    } catch (error) {
      return failed(error);
    }
    if (lease.status === 'processed') return done({ outcome: 'duplicate', event });
    if (lease.status === 'processing') return done({ outcome: 'in_progress', event });
    const stop = heartbeat(event.id, lease.token);
    const handlerSpan = telemetry?.span('webhooks.handler', span, attributes);
    const startedAt = performance.now();
    try {
      await handler(event);
      handlerSpan?.end();
    } catch (error) {
      handlerSpan?.end(describeSafely(error));
      telemetry?.handlerDuration((performance.now() - startedAt) / 1000, event.type);
      await stop();
      await store.release(event.id, lease.token).catch((releaseError: unknown) => {
        logger.warn('could not release the webhook lease; it expires by itself', {
          eventId: event.id,
          error: describeError(releaseError),
        });
      });
      return failed(error);
    }
    telemetry?.handlerDuration((performance.now() - startedAt) / 1000, event.type);
    // The heartbeat keeps the lease while `complete` is retried.
    const recorded = await complete(event.id, lease.token).finally(stop);
    if (recorded === false) {
      logger.warn('webhook lease was taken by another delivery before the handler finished', {
        eventId: event.id,
      });
    }
    return done({ outcome: 'processed', event });
  }

  /** Runs one delivery under a `webhooks.receive` span (when tracing), ended with its result. */
  async function traced<T>(run: (span: ReceiverSpan | undefined) => Promise<T>): Promise<T> {
    const span = telemetry?.span('webhooks.receive', undefined);
    try {
      const result = await run(span);
      span?.end();
      return result;
    } catch (error) {
      span?.end(describeSafely(error));
      throw error;
    }
  }

  async function receiveRequestWith(
    request: Request,
    span: ReceiverSpan | undefined,
  ): Promise<Response> {
    let event: VerifiedWebhookEvent;
    try {
      let payload: Uint8Array;
      try {
        payload = await readRequestBody(request, maxBodyBytes);
      } catch (error) {
        if (error instanceof WebhookVerificationError) {
          receiver.reportRejected(error, request.headers);
        }
        throw error;
      }
      event = await verifyWith({ payload, headers: request.headers }, span);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      return answer(toWebhookResponse(error, receiver), span);
    }
    return answer(toWebhookResponse(await dispatchWith(event, span), receiver), span);
  }

  function answer(response: WebhookHttpResponse, span: ReceiverSpan | undefined): Response {
    span?.set({ 'http.response.status_code': response.status });
    return toWebhookFetchResponse(response);
  }

  async function respondWith(
    delivery: WebhookDelivery,
    span: ReceiverSpan | undefined,
  ): Promise<WebhookHttpResponse> {
    let response: WebhookHttpResponse;
    try {
      response = toWebhookResponse(
        await dispatchWith(await verifyWith(delivery, span), span),
        receiver,
      );
    } catch (error) {
      response = toWebhookResponse(error, receiver);
      if (response.status === 500) {
        logger.error('webhook handler failed; answered 500 so the sender retries', {
          webhookId: readHeader(delivery.headers, 'webhook-id'),
          error,
        });
      }
    }
    span?.set({ 'http.response.status_code': response.status });
    return response;
  }

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
    receive(delivery) {
      return traced(async (span) => dispatchWith(await verifyWith(delivery, span), span));
    },
    verify: (delivery) => verifyWith(delivery, undefined),
    dispatch: (event) => dispatchWith(event, undefined),
    respond(delivery) {
      return traced((span) => respondWith(delivery, span));
    },
    receiveRequest(request) {
      return traced((span) => receiveRequestWith(request, span));
    },
    reportRejected(error, headers) {
      const status = error.status;
      const webhookId = readHeader(headers, 'webhook-id');
      logger.warn('webhook delivery refused', {
        check: error.check,
        status,
        webhookId,
        reason: error.message,
      });
      telemetry?.delivery('rejected', { 'prakerja.webhook.check': error.check });
      onRejected?.({ check: error.check, status, error, webhookId });
    },
  };
  return receiver;
}

/**
 * What a span may record of an error: a verification error's message names the failed check and
 * never the secret or signature; any other error (a handler's, a store's) keeps only its name,
 * since its message may carry personal data.
 */
function describeSafely(error: unknown): { name: string; message: string } {
  if (error instanceof WebhookVerificationError)
    return { name: error.name, message: error.message };
  const name = error instanceof Error ? error.name : 'Error';
  return { name, message: `${name} (message not recorded)` };
}
