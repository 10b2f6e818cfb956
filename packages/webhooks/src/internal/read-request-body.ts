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
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = request.body.getReader();
  } catch {
    // A locked stream (getReader throws a TypeError): a middleware read it, through a Request
    // wrapper that does not report bodyUsed.
    throw bodyConsumed();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await Promise.allSettled([reader.cancel()]);
      throw bodyTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
