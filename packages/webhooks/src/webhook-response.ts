import type { WebhookVerificationError } from './errors/webhook-verification-error.js';
import type { ReceiveResult } from './receive-result.js';

/**
 * The HTTP answer to a webhook delivery, framework-neutral: write `status`, every header of
 * `headers`, and `body` (`null`: no body). Made by {@link toWebhookResponse}.
 */
export interface WebhookHttpResponse {
  /**
   * - `204`: processed, duplicate or ignored (the sender stops);
   * - `400`: the delivery will never verify (forged, stale, or a body a parser consumed);
   * - `408` / `413`: the body was too slow / too large (answered with `Connection: close`);
   * - `409`: another delivery of the event is running; retry after `Retry-After` seconds;
   * - `500`: the handler (or the store) failed; the sender retries.
   */
  status: 204 | 400 | 408 | 409 | 413 | 500;
  /** Lower-case header names: `content-type`, `retry-after`, `connection` when they apply. */
  headers: Record<string, string>;
  /** A JSON body (`{"error": …, "check": …}` for a refused delivery), or `null` for none. */
  body: string | null;
}

/** What {@link toWebhookResponse} needs of the receiver: its lease, for `Retry-After`. */
export interface WebhookResponseSource {
  /** The processing lease in milliseconds, as `WebhookReceiver.leaseMs`. */
  readonly leaseMs: number;
}

/**
 * A webhook verification error, also from another copy of this package (checked by name,
 * like core's guards).
 */
function isVerificationError(error: unknown): error is WebhookVerificationError {
  return (
    error instanceof Error &&
    (error.name === 'WebhookVerificationError' || error.name === 'WebhookBodyError') &&
    typeof (error as { check?: unknown }).check === 'string'
  );
}

function isReceiveResult(value: unknown): value is ReceiveResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { outcome?: unknown }).outcome === 'string' &&
    'event' in value
  );
}

/** The status a verification error asks for; 400 when it carries none (older copies). */
function statusOf(error: WebhookVerificationError): 400 | 408 | 413 {
  const status = (error as { status?: unknown }).status;
  return status === 408 || status === 413 ? status : 400;
}

/**
 * Maps what `receiver.receive` returned, or what it (or reading the body) threw, to
 * the HTTP answer; the one place every adapter and framework recipe takes its status from.
 *
 * | given                                            | status | headers                     | body                    |
 * | ------------------------------------------------ | ------ | --------------------------- | ----------------------- |
 * | `processed`, `duplicate`, `ignored`              | 204    |                             |                         |
 * | `in_progress`                                    | 409    | `Retry-After` (lease, in s) |                         |
 * | `WebhookVerificationError` (forged, parsed body) | 400    | `content-type`              | `{"error","check"}`     |
 * | `WebhookBodyError`                               | 413/408| `connection: close`         | `{"error","check"}`     |
 * | anything else (the handler or store failed)      | 500    | `content-type`              | `{"error"}`, no details |
 *
 * A 500's body never carries the error's message (it may hold personal data): log the error
 * yourself, or use `receiver.respond`, which logs it.
 *
 * @example
 * const answer = await receiver.receive({ payload, headers }).then(
 *   (result) => toWebhookResponse(result, receiver),
 *   (error) => toWebhookResponse(error, receiver),
 * );
 * res.writeHead(answer.status, answer.headers).end(answer.body ?? undefined);
 */
export function toWebhookResponse(
  resultOrError: ReceiveResult | unknown,
  receiver: WebhookResponseSource,
): WebhookHttpResponse {
  if (isReceiveResult(resultOrError)) {
    if (resultOrError.outcome === 'in_progress') {
      const seconds = Math.max(1, Math.ceil(receiver.leaseMs / 1000));
      return { status: 409, headers: { 'retry-after': String(seconds) }, body: null };
    }
    return { status: 204, headers: {}, body: null };
  }
  const json = { 'content-type': 'application/json' };
  if (isVerificationError(resultOrError)) {
    const status = statusOf(resultOrError);
    const body = JSON.stringify({ error: resultOrError.message, check: resultOrError.check });
    // Past a size or time limit the rest of the body is not read: close the connection.
    const headers: Record<string, string> =
      status === 400 ? json : { ...json, connection: 'close' };
    return { status, headers, body };
  }
  return {
    status: 500,
    headers: json,
    body: JSON.stringify({ error: 'the webhook handler failed; retry the delivery' }),
  };
}

/**
 * {@link toWebhookResponse} as a fetch `Response`, for Hono, Next.js route handlers, Workers,
 * Bun and Deno.
 *
 * @example
 * export async function POST(request: Request) {
 *   return toWebhookFetchResponse(await receiver.respond({ payload: await request.text(), headers: request.headers }));
 * }
 */
export function toWebhookFetchResponse(answer: WebhookHttpResponse): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
