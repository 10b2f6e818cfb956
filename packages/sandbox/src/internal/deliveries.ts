import { sign } from '@prakerja-kit/webhooks';
import * as z from 'zod/mini';
import type { Engine } from './engine.js';
import { ControlFailure } from './program-failure.js';
import { Alphabet } from './random.js';
import {
  DETAILED_ATTEMPTS_LIMIT,
  type DeliveryAttempt,
  type DeliveryRecord,
  RESPONSE_BODY_LIMIT,
  RESPONSE_HEADER_LIMIT,
  type SandboxEvent,
  type WebhookEndpoint,
} from './state.js';

/** Retry delays after each failed attempt (Standard Webhooks' suggested schedule). */
export const DEFAULT_RETRY_DELAYS_MS = [
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000,
];

const MAX_TIMER_MS = 2 ** 31 - 1;

const endpointInputSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  secret: z.optional(z.string().check(z.regex(/^whsec_[A-Za-z0-9+/]{16,}={0,2}$/))),
  events: z.optional(z.nullable(z.array(z.string().check(z.minLength(1))))),
});

/** Input of a webhook endpoint registration. */
export type WebhookEndpointInput = z.input<typeof endpointInputSchema>;

/**
 * Delivers events to registered endpoints as signed Standard Webhooks requests, retrying with
 * backoff on the sandbox clock (time travel fires due retries at once).
 */
export class Deliverer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly inFlight = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(
    private readonly engine: Engine,
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {
    engine.onEvent((event) => this.enqueue(event));
    engine.onClock(() => this.schedule());
  }

  /** Registers an endpoint. The secret is generated from the seed when omitted. */
  addEndpoint(input: unknown): WebhookEndpoint {
    const result = z.safeParse(endpointInputSchema, input);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new ControlFailure(
        `invalid webhook endpoint: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` +
          ' (expected { url: "http(s)://...", secret?: "whsec_<base64>", events?: string[] })',
      );
    }
    const bytes = Uint8Array.from({ length: 32 }, () => this.engine.random.int(256));
    const endpoint: WebhookEndpoint = {
      id: this.engine.id('whe_', 16),
      url: result.data.url,
      secret: result.data.secret ?? `whsec_${Buffer.from(bytes).toString('base64')}`,
      events: result.data.events ?? null,
      createdAt: this.engine.isoNow(),
    };
    this.engine.state.webhooks[endpoint.id] = endpoint;
    return endpoint;
  }

  /** Queues a redelivery of a delivery (keeps the event id), with a fresh retry schedule. */
  redeliver(id: string): DeliveryRecord {
    const delivery = this.engine.state.deliveries.find((item) => item.id === id);
    if (!delivery) throw new ControlFailure(`no delivery with id "${id}"`, 404);
    if (!this.engine.state.webhooks[delivery.endpointId]) {
      throw new ControlFailure(`the endpoint of delivery "${id}" was removed`, 409);
    }
    delivery.status = 'pending';
    delivery.failures = 0;
    delivery.nextAttemptAt = this.engine.now();
    this.schedule();
    return delivery;
  }

  /** Resolves once nothing is in flight and nothing is due now. */
  async settle(): Promise<void> {
    for (;;) {
      this.runDue();
      if (this.inFlight.size === 0) return;
      await Promise.all(this.inFlight.values());
    }
  }

  /** Stops timers (server close). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Re-arms the timer for the earliest pending attempt. */
  schedule(): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    const pending = this.engine.state.deliveries.filter(
      (item) => item.status === 'pending' && !this.inFlight.has(item.id),
    );
    if (pending.length === 0) return;
    const next = Math.min(...pending.map((item) => item.nextAttemptAt ?? Number.POSITIVE_INFINITY));
    const wait = Math.min(Math.max(0, next - this.engine.now()), MAX_TIMER_MS);
    this.timer = setTimeout(() => this.runDue(), wait);
    this.timer.unref?.();
  }

  private enqueue(event: SandboxEvent): void {
    for (const endpoint of Object.values(this.engine.state.webhooks)) {
      if (endpoint.events !== null && !endpoint.events.includes(event.type)) continue;
      this.engine.state.deliveries.push({
        id: this.engine.id('dlv_', 20, Alphabet.CROCKFORD),
        eventId: event.id,
        eventType: event.type,
        endpointId: endpoint.id,
        url: endpoint.url,
        status: 'pending',
        attempts: [],
        failures: 0,
        nextAttemptAt: this.engine.now(),
      });
    }
    this.schedule();
  }

  private runDue(): void {
    if (this.stopped) return;
    const now = this.engine.now();
    for (const delivery of this.engine.state.deliveries) {
      if (delivery.status !== 'pending' || this.inFlight.has(delivery.id)) continue;
      if ((delivery.nextAttemptAt ?? Number.POSITIVE_INFINITY) > now) continue;
      const attempt = this.attempt(delivery).finally(() => {
        this.inFlight.delete(delivery.id);
        this.engine.changed();
        this.schedule();
      });
      this.inFlight.set(delivery.id, attempt);
    }
    this.schedule();
  }

  private async attempt(delivery: DeliveryRecord): Promise<void> {
    const endpoint = this.engine.state.webhooks[delivery.endpointId];
    const event = this.engine.state.events.find((item) => item.id === delivery.eventId);
    if (!endpoint || !event) {
      delivery.status = 'failed';
      delivery.nextAttemptAt = null;
      return;
    }
    const payload = JSON.stringify(event);
    // Wall time, not sandbox time: receivers check it against their own clock (300 s tolerance).
    const timestamp = Math.floor(this.engine.wall() / 1000);
    const signature = await sign({ id: event.id, timestamp, payload, secret: endpoint.secret });
    const startedAt = Date.now();
    const at = this.engine.isoNow();
    let statusCode: number | null = null;
    let error: string | null = null;
    let answer: Pick<
      DeliveryAttempt,
      'responseHeaders' | 'responseBody' | 'responseBodyTruncated'
    > = { responseHeaders: null, responseBody: null, responseBodyTruncated: false };
    try {
      const response = await this.fetcher(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'prakerja-kit-sandbox',
          'webhook-id': event.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signature,
        },
        body: payload,
        signal: AbortSignal.timeout(this.engine.options.webhookTimeoutMs),
      });
      statusCode = response.status;
      answer = {
        responseHeaders: keptHeaders(response.headers),
        responseBody: '',
        responseBodyTruncated: false,
      };
      const head = await readHead(response, RESPONSE_BODY_LIMIT).catch((cause: unknown) => {
        // The status arrived but the body did not (timeout, reset): keep both facts.
        error = describeFailure(cause);
        return null;
      });
      if (head)
        answer = { ...answer, responseBody: head.text, responseBodyTruncated: head.truncated };
    } catch (cause) {
      error = describeFailure(cause);
    }
    delivery.attempts.push({
      at,
      statusCode,
      error,
      durationMs: Date.now() - startedAt,
      ...answer,
    });
    pruneDetails(delivery);
    if (statusCode !== null && statusCode >= 200 && statusCode < 300) {
      delivery.status = 'succeeded';
      delivery.nextAttemptAt = null;
      return;
    }
    const delays = this.engine.options.webhookRetryDelaysMs;
    const delay = delays[delivery.failures];
    delivery.failures += 1;
    if (delay === undefined) {
      delivery.status = 'failed';
      delivery.nextAttemptAt = null;
    } else {
      delivery.nextAttemptAt = this.engine.now() + delay;
    }
  }
}

/** `Name: message (cause)`: fetch's bare "fetch failed" says nothing without its cause. */
function describeFailure(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : '';
  return `${cause.name}: ${cause.message}${inner}`;
}

/** Response headers, bounded in count and value length. */
function keptHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  let count = 0;
  headers.forEach((value, name) => {
    if (count >= RESPONSE_HEADER_LIMIT) return;
    kept[name] = value.length > 1024 ? value.slice(0, 1024) : value;
    count += 1;
  });
  return kept;
}

/** The first `limit` bytes of a response body as UTF-8; the rest is cancelled, never read. */
async function readHead(
  response: Response,
  limit: number,
): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = limit - size;
    if (value.byteLength > room) {
      chunks.push(value.subarray(0, room));
      size = limit;
      truncated = true;
      reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  // A multi-byte character cut at the limit decodes to U+FFFD: at most one character per byte.
  return { text: Buffer.concat(chunks).toString('utf8'), truncated };
}

/** Keeps response details on the latest attempts only, so a delivery's memory stays bounded. */
function pruneDetails(delivery: DeliveryRecord): void {
  const older = delivery.attempts.length - DETAILED_ATTEMPTS_LIMIT;
  for (let index = 0; index < older; index += 1) {
    const attempt = delivery.attempts[index]!;
    if (attempt.responseHeaders === null && attempt.responseBody === null) continue;
    attempt.responseHeaders = null;
    attempt.responseBody = null;
  }
}
