import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookReceiver } from './create-webhook-receiver.js';
import { WebhookVerificationError } from './errors/webhook-verification-error.js';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_READ_TIMEOUT_MS } from './internal/limits.js';
import { positiveInteger } from './internal/options.js';
import { readNodeBody } from './internal/read-node-body.js';
import { type VerifiedWebhookEvent, verify } from './verify.js';
import type { VerifyRequestOptions } from './verify-request.js';
import { toWebhookResponse, type WebhookHttpResponse } from './webhook-response.js';

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

/** Options of {@link receiveNodeRequest}: the body limits of {@link VerifyNodeRequestOptions}. */
export interface ReceiveNodeRequestOptions {
  /**
   * The largest body read, in bytes; past it the answer is 413 with `Connection: close`.
   * @default DEFAULT_MAX_BODY_BYTES (1 MiB)
   */
  maxBodyBytes?: number | undefined;
  /**
   * How long to wait for the whole body, in ms; past it the answer is 408 with
   * `Connection: close`.
   * @default DEFAULT_READ_TIMEOUT_MS (10 s)
   */
  readTimeoutMs?: number | undefined;
}

/** Reads the raw body; a refused one is reported to the receiver and mapped to its answer. */
async function readOrRefuse(
  receiver: WebhookReceiver,
  request: IncomingMessage,
  maxBodyBytes: number,
  readTimeoutMs: number,
): Promise<Uint8Array | string | WebhookHttpResponse> {
  try {
    return await readNodeBody(request, maxBodyBytes, readTimeoutMs);
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    receiver.reportRejected(error, request.headers);
    return toWebhookResponse(error, receiver);
  }
}

/**
 * Reads a Node request's raw body (or the raw body `express.raw()` buffered) and answers it
 * with {@link WebhookReceiver.respond}: the `{ status, headers, body }` to write, for frameworks
 * that own the response (Koa without a body parser, Fastify's `request.raw`). Never throws; a
 * body a parser already consumed is a 400 whose message names the fix.
 *
 * @example
 * router.post('/webhooks', async (ctx) => {
 *   const { status, headers, body } = await receiveNodeRequest(receiver, ctx.req);
 *   ctx.status = status;
 *   ctx.set(headers);
 *   if (body !== null) ctx.body = body;
 * });
 */
export async function receiveNodeRequest(
  receiver: WebhookReceiver,
  request: IncomingMessage,
  options: ReceiveNodeRequestOptions = {},
): Promise<WebhookHttpResponse> {
  const { maxBodyBytes, readTimeoutMs } = limits(options);
  const payload = await readOrRefuse(receiver, request, maxBodyBytes, readTimeoutMs).catch(
    (error: unknown) => toWebhookResponse(error, receiver),
  );
  if (typeof payload === 'object' && 'status' in payload) return payload;
  return receiver.respond({ payload, headers: request.headers });
}

/** Options of {@link createNodeHandler}. */
export interface NodeHandlerOptions extends ReceiveNodeRequestOptions {
  /**
   * Called with a handler's error after the 500 answer (without Express's `next`).
   * @default console.error
   */
  onError?: ((error: unknown) => void) | undefined;
}

/** Writes an answer; after a 408 or 413 Node closes the socket without reading the rest. */
function write(response: ServerResponse, answer: WebhookHttpResponse): void {
  if (answer.headers.connection === 'close') response.shouldKeepAlive = false;
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body ?? undefined);
}

/**
 * Serves a {@link WebhookReceiver} as a `node:http` request listener or Express route handler,
 * answering with `toWebhookResponse`.
 *
 * Answers 204 when done, duplicate or ignored, 400 with the failed check for a bad delivery (or
 * a body a JSON parser already consumed, naming the fix), 413 for a body over `maxBodyBytes` and
 * 408 for one slower than `readTimeoutMs` (both then close the connection without reading the
 * rest), 409 with `Retry-After` while another delivery of the event runs, and 500 when the
 * handler throws (the error goes to Express's `next`, else to `onError`). Every refused
 * delivery is reported through the receiver's `onRejected` and logger.
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
      write(response, toWebhookResponse(error, receiver));
      onError(error);
    };
    let payload: Uint8Array | string | WebhookHttpResponse;
    try {
      payload = await readOrRefuse(receiver, request, maxBodyBytes, readTimeoutMs);
    } catch (error) {
      return fail(error);
    }
    if (typeof payload === 'object' && 'status' in payload) return write(response, payload);
    let answer: WebhookHttpResponse;
    try {
      answer = toWebhookResponse(
        await receiver.receive({ payload, headers: request.headers }),
        receiver,
      );
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) return fail(error);
      answer = toWebhookResponse(error, receiver);
    }
    write(response, answer);
  };
}
