import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookReceiver } from './create-webhook-receiver.js';
import { WebhookVerificationError } from './errors/webhook-verification-error.js';
import { readNodeBody } from './internal/read-node-body.js';
import { type VerifiedWebhookEvent, verify } from './verify.js';
import type { VerifyRequestOptions } from './verify-request.js';

/** The largest body the Node adapter reads: 1 MiB (events are a few KB). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Options of {@link verifyNodeRequest}. */
export interface VerifyNodeRequestOptions extends VerifyRequestOptions {
  /** @default DEFAULT_MAX_BODY_BYTES (1 MiB) */
  maxBodyBytes?: number | undefined;
}

/**
 * Verifies a Node `http.IncomingMessage` (plain `node:http`, Express, Koa's `ctx.req`) and
 * returns the typed event, reading the raw body itself.
 *
 * Mount it before any JSON body parser. A body that `express.raw()` or `express.text()` already
 * buffered is used as is; a parsed object is refused, with the fix in the message.
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
  const payload = await readNodeBody(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  return verify({ ...options, payload, headers: request.headers });
}

/** Options of {@link createNodeHandler}. */
export interface NodeHandlerOptions {
  /** @default DEFAULT_MAX_BODY_BYTES (1 MiB) */
  maxBodyBytes?: number | undefined;
  /**
   * Called with a handler's error after the 500 answer (without Express's `next`).
   * @default console.error
   */
  onError?: ((error: unknown) => void) | undefined;
}

/**
 * Serves a {@link WebhookReceiver} as a `node:http` request listener or Express route handler.
 *
 * Answers 204 when done or ignored, 400 with the failed check for a bad delivery, 409 with
 * `Retry-After` while another delivery of the event runs, and 500 when the handler throws (the
 * error goes to Express's `next`, else to `onError`).
 *
 * @example
 * http.createServer(createNodeHandler(receiver)).listen(3000);
 * app.post('/webhooks', createNodeHandler(receiver)); // Express, before express.json()
 */
export function createNodeHandler(receiver: WebhookReceiver, options: NodeHandlerOptions = {}) {
  const { maxBodyBytes = DEFAULT_MAX_BODY_BYTES, onError = console.error } = options;
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
      const payload = await readNodeBody(request, maxBodyBytes);
      event = await receiver.verify({ payload, headers: request.headers });
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) return fail(error);
      response.statusCode = 400;
      response.setHeader('content-type', 'application/json');
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
