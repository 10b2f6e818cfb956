import { readBounded } from '@prakerja-kit/core/internal';
import { bodyTooLarge } from '../errors/webhook-body-error.js';
import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import { readHeader } from './read-header.js';

/**
 * Reads a fetch `Request`'s body as bytes, refusing (and cancelling the stream) past
 * `maxBytes`: first on `content-length`, then while it streams.
 */
export async function readRequestBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (request.bodyUsed) {
    throw new WebhookVerificationError(
      'payload',
      'the request body was already read; verify before parsing it, or pass request.clone()',
    );
  }
  if (request.body === null) return new Uint8Array(0);
  const declared = Number(readHeader(request.headers, 'content-length'));
  if (declared > maxBytes) {
    // The stream is not read: cancelling it tells the runtime to stop receiving it.
    await Promise.allSettled([request.body.cancel()]);
    throw bodyTooLarge(maxBytes);
  }
  const body = await readBounded(request.body, maxBytes);
  if (body === null) throw bodyTooLarge(maxBytes);
  return body;
}
