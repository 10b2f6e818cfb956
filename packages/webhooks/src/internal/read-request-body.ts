import { readBounded } from '@prakerja-kit/core/internal';
import { bodyTooLarge } from '../errors/webhook-body-error.js';
import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import { RAW_BODY_HELP } from './raw-body-help.js';
import { readHeader } from './read-header.js';

/** The error for a body a middleware or parser already read. */
export function bodyConsumed(): WebhookVerificationError {
  return new WebhookVerificationError(
    'payload',
    `the request body was already read by a middleware, validator or body parser; verify before anything reads it, or pass request.clone(). ${RAW_BODY_HELP}`,
  );
}

/**
 * Reads a fetch `Request`'s body as bytes, refusing (and cancelling the stream) past
 * `maxBytes`: first on `content-length`, then while it streams.
 */
export async function readRequestBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (request.bodyUsed) throw bodyConsumed();
  if (request.body === null) return new Uint8Array(0);
  const declared = Number(readHeader(request.headers, 'content-length'));
  if (declared > maxBytes) {
    // The stream is not read: cancelling it tells the runtime to stop receiving it.
    await Promise.allSettled([request.body.cancel()]);
    throw bodyTooLarge(maxBytes);
  }
  // A locked stream: a middleware read it, through a Request wrapper that does not report
  // bodyUsed (getReader would throw a bare TypeError).
  if (request.body.locked) throw bodyConsumed();
  const body = await readBounded(request.body, maxBytes);
  if (body === null) throw bodyTooLarge(maxBytes);
  return body;
}
