import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookReceiver } from './create-webhook-receiver.js';
import { WebhookBodyError } from './errors/webhook-body-error.js';
import { WebhookVerificationError } from './errors/webhook-verification-error.js';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_READ_TIMEOUT_MS } from './internal/limits.js';
import { positiveInteger } from './internal/options.js';
import { readNodeBody } from './internal/read-node-body.js';
import { type VerifiedWebhookEvent, verify } from './verify.js';
import type { VerifyRequestOptions } from './verify-request.js';

export { DEFAULT_MAX_BODY_BYTES, DEFAULT_READ_TIMEOUT_MS } from './internal/limits.js';
export { signSync, verifyEnvelopeSync, verifySync } from './sync.js';

/** Options of {@link verifyNodeRequest}. */
export interface VerifyNodeRequestOptions extends VerifyRequestOptions {
  /**
   * The largest body read, in bytes; past it a `WebhookBodyError` (status 413) is thrown.
   * @default DEFAULT_MAX_BODY_BYTES (1 MiB)
   */
  maxBodyBytes?: number | undefined;
  /**
   * How long to wait for the whole body, in ms; past it a `WebhookBodyError` (status 408).
   * @default DEFAULT_READ_TIMEOUT_MS (10 s)
   */
  readTimeoutMs?: number | undefined;
}

function limits(options: {
  maxBodyBytes?: number | undefined;
  readTimeoutMs?: number | undefined;
}) {
  return {
    maxBodyBytes: positiveInteger(
      'maxBodyBytes',
      options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      'a positive integer of bytes',
    ),
    readTimeoutMs: positiveInteger(
      'readTimeoutMs',
      options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS,
    ),
  };
}

/**
 * Verifies a Node `http.IncomingMessage` (plain `node:http`, Express, Koa's `ctx.req`) and
 * returns the typed event, reading the raw body itself (at most `maxBodyBytes`, within
 * `readTimeoutMs`).
 *
 * Mount it before any JSON body parser. A body that `express.raw()` or `express.text()` already
 * buffered is used as is; a parsed object is refused, with the fix in the message. After a
 * `WebhookBodyError`, answer its `status` with `Connection: close`: the rest of the body is
 * not read.
 *
 * @example
 * app.post('/webhooks', async (req, res) => {
 *   const event = await verifyNodeRequest(req, { secret });
 *   res.sendStatus(204);
 * });
 */
export async function verifyNodeRequest(
  request: IncomingMessage,
  options: VerifyNodeRequestOptions,
): Promise<VerifiedWebhookEvent> {
  const { maxBodyBytes, readTimeoutMs } = limits(options);
  const payload = await readNodeBody(request, maxBodyBytes, readTimeoutMs);
  return verify({ ...options, payload, headers: request.headers });
}

/** Options of {@link createNodeHandler}. */
export interface NodeHandlerOptions {
  /**
   * The largest body read, in bytes; past it the answer is 413 and the connection is closed.
   * @default DEFAULT_MAX_BODY_BYTES (1 MiB)
   */
  maxBodyBytes?: number | undefined;
  /**
   * How long to wait for the whole body, in ms; past it the answer is 408 and the connection
   * is closed.
   * @default DEFAULT_READ_TIMEOUT_MS (10 s)
   */
  readTimeoutMs?: number | undefined;
  /**
   * Called with a handler's error after the 500 answer (without Express's `next`).
   * @default console.error
   */
  onError?: ((error: unknown) => void) | undefined;
}

/**
 * Serves a {@link WebhookReceiver} as a `node:http` request listener or Express route handler.
 *
 * Answers 204 when done or ignored, 400 with the failed check for a bad delivery, 413 for a
 * body over `maxBodyBytes` and 408 for one slower than `readTimeoutMs` (both then close the
 * connection without reading the rest), 409 with `Retry-After` while another delivery of the
 * event runs, and 500 when the handler throws (the error goes to Express's `next`, else to
 * `onError`). Every refused delivery is reported through the receiver's `onRejected` and logger.
 *
 * @example
 * http.createServer(createNodeHandler(receiver)).listen(3000);
 * app.post('/webhooks', createNodeHandler(receiver)); // Express, before express.json()
 */
export function createNodeHandler(receiver: WebhookReceiver, options: NodeHandlerOptions = {}) {
  const { maxBodyBytes, readTimeoutMs } = limits(options);
  const onError = options.onError ?? console.error;
  return async (
    request: IncomingMessage,
    response: ServerResponse,
    next?: (error: unknown) => void,
  ): Promise<void> => {
    const fail = (error: unknown) => {
      if (next) return next(error);
      response.statusCode = 500;
      response.end();
      onError(error);
    };
    let event: VerifiedWebhookEvent;
    try {
      let payload: Uint8Array | string;
      try {
        payload = await readNodeBody(request, maxBodyBytes, readTimeoutMs);
      } catch (error) {
        if (error instanceof WebhookVerificationError) {
          receiver.reportRejected(error, request.headers);
        }
        throw error;
      }
      event = await receiver.verify({ payload, headers: request.headers });
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) return fail(error);
      response.setHeader('content-type', 'application/json');
      if (error instanceof WebhookBodyError) {
        // Answer, then close: Node ends the socket after a `Connection: close` response.
        response.statusCode = error.status;
        response.shouldKeepAlive = false;
        response.setHeader('connection', 'close');
      } else {
        response.statusCode = 400;
      }
      response.end(JSON.stringify({ error: error.message, check: error.check }));
      return;
    }
    try {
      const result = await receiver.dispatch(event);
      if (result.status === 'in-progress') {
        response.setHeader('retry-after', String(Math.ceil(receiver.leaseMs / 1000)));
      }
      response.statusCode = result.status === 'in-progress' ? 409 : 204;
      response.end();
    } catch (error) {
      fail(error);
    }
  };
}
