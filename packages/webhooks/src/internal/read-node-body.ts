import type { IncomingMessage } from 'node:http';
import { bodyTooLarge, WebhookBodyError } from '../errors/webhook-body-error.js';
import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import { RAW_BODY_HELP } from './raw-body-help.js';

/**
 * Reads a Node request's raw body, or the raw body a framework already buffered. Past
 * `maxBytes` (on `content-length`, then while streaming) or `timeoutMs`, it stops reading and
 * throws a {@link WebhookBodyError}; the caller answers and closes the connection.
 */
export async function readNodeBody(
  request: IncomingMessage,
  maxBytes: number,
  timeoutMs: number,
): Promise<Uint8Array | string> {
  // Express and others put a buffered body here; only raw bytes or text are still verifiable.
  const buffered = (request as { body?: unknown }).body;
  if (typeof buffered === 'string' || buffered instanceof Uint8Array) {
    if (Buffer.byteLength(buffered) > maxBytes) throw bodyTooLarge(maxBytes);
    return buffered;
  }
  if (buffered !== undefined || request.readableEnded) {
    throw new WebhookVerificationError(
      'payload',
      `the body was already parsed or read by a body parser (express.json(), koa-bodyparser, Fastify's JSON parser) before the webhook route. ${RAW_BODY_HELP}`,
    );
  }
  if (Number(request.headers['content-length']) > maxBytes) throw bodyTooLarge(maxBytes);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error: Error | undefined) => {
      clearTimeout(timer);
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      if (error === undefined) return resolve(Buffer.concat(chunks));
      // Stop reading: the rest is never drained, the caller answers and closes the socket.
      request.pause();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return finish(bodyTooLarge(maxBytes));
      chunks.push(chunk);
    };
    const onEnd = () => finish(undefined);
    const onError = (error: Error) => finish(error);
    const timer = setTimeout(
      () => finish(new WebhookBodyError(408, `the body was not received within ${timeoutMs} ms`)),
      timeoutMs,
    );
    request.on('data', onData);
    request.once('end', onEnd);
    request.once('error', onError);
  });
}
