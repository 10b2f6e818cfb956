import { DEFAULT_MAX_BODY_BYTES } from './internal/limits.js';
import { positiveInteger } from './internal/options.js';
import { readRequestBody } from './internal/read-request-body.js';
import { type VerifiedWebhookEvent, verify } from './verify.js';
import type { VerifyParams } from './verify-envelope.js';

/** {@link verifyRequest}'s options: the secret(s), the body limit, the tolerance and clock. */
export interface VerifyRequestOptions extends Omit<VerifyParams, 'payload' | 'headers'> {
  /**
   * The largest body read, in bytes: a larger `content-length` is refused unread, and a body
   * that streams past it is cancelled; both throw a `WebhookBodyError` (status 413).
   * @default DEFAULT_MAX_BODY_BYTES (1 MiB)
   */
  maxBodyBytes?: number | undefined;
}

/**
 * Verifies a fetch `Request` (Hono, Next.js route handlers, Cloudflare Workers, Bun, Deno) and
 * returns the typed event.
 *
 * Reads the body itself, as bytes and at most `maxBodyBytes`, so nothing can re-serialise it
 * first. The body can be read only once: pass `request.clone()` to keep the original readable.
 *
 * @example
 * export async function POST(request: Request) {
 *   const event = await verifyRequest(request, { secret: process.env.PRAKERJA_WEBHOOK_SECRET! });
 *   return new Response(null, { status: 204 });
 * }
 */
export async function verifyRequest(
  request: Request,
  options: VerifyRequestOptions,
): Promise<VerifiedWebhookEvent> {
  const maxBodyBytes = positiveInteger(
    'maxBodyBytes',
    options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    'a positive integer of bytes',
  );
  const payload = await readRequestBody(request, maxBodyBytes);
  return verify({ ...options, payload, headers: request.headers });
}
