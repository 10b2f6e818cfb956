import { sign } from './sign.js';

/** What {@link createTestDelivery} signs and how. */
export interface CreateTestDeliveryParams {
  /** The event to deliver (any JSON envelope; see `createTestEvent`). */
  event: { id: string } & Record<string, unknown>;
  /** The `whsec_` secret(s) the receiver under test verifies with. */
  secret: string | readonly string[];
  /** Unix seconds for `webhook-timestamp`. @default now */
  timestamp?: number | undefined;
  /** URL of the built `Request`. @default 'http://localhost/webhooks' */
  url?: string | undefined;
}

/** A signed delivery: send `body` with `headers`, or hand `request` to a fetch handler. */
export interface TestDelivery {
  /** `content-type`, `webhook-id`, `webhook-timestamp` and `webhook-signature`. */
  headers: {
    'content-type': string;
    'webhook-id': string;
    'webhook-timestamp': string;
    'webhook-signature': string;
  };
  /** The JSON body that was signed. */
  body: string;
  /** A `POST` fetch `Request` with those headers and body. */
  request: Request;
}

/**
 * Builds a signed Standard Webhooks delivery of an event, for partners' own tests.
 *
 * A promise on every runtime.
 *
 * @example
 * const { request } = await createTestDelivery({ event: createTestEvent('payment.voided'), secret });
 * expect((await receiver.receiveRequest(request)).status).toBe(204);
 */
export async function createTestDelivery(params: CreateTestDeliveryParams): Promise<TestDelivery> {
  const { event, secret } = params;
  const timestamp = params.timestamp ?? Math.floor(Date.now() / 1000);
  const body = JSON.stringify(event);
  const signature = await sign({ id: event.id, timestamp, payload: body, secret });
  const headers = {
    'content-type': 'application/json',
    'webhook-id': event.id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signature,
  };
  const url = params.url ?? 'http://localhost/webhooks';
  return { headers, body, request: new Request(url, { method: 'POST', headers, body }) };
}
