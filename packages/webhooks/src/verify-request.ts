import { WebhookVerificationError } from './errors/webhook-verification-error.js';
import { type VerifiedWebhookEvent, verify } from './verify.js';
import type { VerifyParams } from './verify-envelope.js';

/** {@link verifyRequest}'s options: the secret(s), and optionally the tolerance and clock. */
export type VerifyRequestOptions = Omit<VerifyParams, 'payload' | 'headers'>;

/**
 * Verifies a fetch `Request` (Hono, Next.js route handlers, Cloudflare Workers, Bun, Deno) and
 * returns the typed event.
 *
 * Reads the body itself, as bytes, so nothing can re-serialise it first. The body can be read
 * only once: pass `request.clone()` to keep the original readable.
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
  if (request.bodyUsed) {
    throw new WebhookVerificationError(
      'payload',
      'the request body was already read; verify before parsing it, or pass request.clone()',
    );
  }
  const payload = new Uint8Array(await request.arrayBuffer());
  return verify({ ...options, payload, headers: request.headers });
}
