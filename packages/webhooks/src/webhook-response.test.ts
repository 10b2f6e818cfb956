import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createTestDelivery } from './create-test-delivery.js';
import { createTestEvent } from './create-test-event.js';
import { createWebhookReceiver, type ReceiveResult } from './create-webhook-receiver.js';
import { WebhookBodyError } from './errors/webhook-body-error.js';
import { WebhookVerificationError } from './errors/webhook-verification-error.js';
import { generateSecret } from './generate-secret.js';
import { receiveNodeRequest } from './node.js';
import { toWebhookFetchResponse, toWebhookResponse } from './webhook-response.js';

const SECRET = generateSecret();
const event = createTestEvent('payment.voided');
const result = (outcome: ReceiveResult['outcome']) =>
  ({ outcome, event }) as unknown as ReceiveResult;
const quiet = { warn: vi.fn(), error: vi.fn() };

describe('toWebhookResponse', () => {
  it('answers 204 for processed, duplicate and ignored; 409 with Retry-After in progress', () => {
    for (const outcome of ['processed', 'duplicate', 'ignored'] as const) {
      expect(toWebhookResponse(result(outcome), { leaseMs: 60_000 })).toEqual({
        status: 204,
        headers: {},
        body: null,
      });
    }
    expect(toWebhookResponse(result('in_progress'), { leaseMs: 30_500 })).toEqual({
      status: 409,
      headers: { 'retry-after': '31' },
      body: null,
    });
    expect(toWebhookResponse(result('in_progress'), { leaseMs: 10 }).headers).toEqual({
      'retry-after': '1',
    });
  });

  it("answers a verification error with its status, and a body error's with Connection: close", () => {
    const forged = new WebhookVerificationError('signature', 'no v1 signature matched');
    expect(forged.status).toBe(400);
    expect(toWebhookResponse(forged, { leaseMs: 1 })).toEqual({
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: forged.message, check: 'signature' }),
    });
    const large = new WebhookBodyError(413, 'too large');
    expect(toWebhookResponse(large, { leaseMs: 1 })).toMatchObject({
      status: 413,
      headers: { 'content-type': 'application/json', connection: 'close' },
    });
    // Another copy of the package: recognised by name; without a status, 400.
    const copy = Object.assign(new Error('Webhook verification failed (headers): x'), {
      name: 'WebhookVerificationError',
      check: 'headers',
    });
    expect(toWebhookResponse(copy, { leaseMs: 1 }).status).toBe(400);
    const slow = Object.assign(new Error('slow'), {
      name: 'WebhookBodyError',
      check: 'payload',
      status: 408,
    });
    expect(toWebhookResponse(slow, { leaseMs: 1 }).status).toBe(408);
  });

  it('answers anything else 500 without its message', () => {
    for (const failure of [new Error('Budi Santoso 3201…'), 'down', null, { outcome: 1 }]) {
      const answer = toWebhookResponse(failure, { leaseMs: 1 });
      expect(answer.status).toBe(500);
      expect(answer.body).not.toContain('Budi');
    }
    const named = Object.assign(new Error('x'), { name: 'WebhookVerificationError' });
    expect(toWebhookResponse(named, { leaseMs: 1 }).status).toBe(500);
  });

  it('gives the same answer as a fetch Response', async () => {
    const response = toWebhookFetchResponse(
      toWebhookResponse(new WebhookVerificationError('timestamp', 'too old'), { leaseMs: 1 }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ check: 'timestamp' });
    expect(
      toWebhookFetchResponse(toWebhookResponse(result('processed'), { leaseMs: 1 })).status,
    ).toBe(204);
  });
});

describe('WebhookReceiver.respond', () => {
  it('answers 204 once processed and for the duplicate, 400 when forged, 500 when the handler fails', async () => {
    const handler = vi.fn();
    const receiver = createWebhookReceiver({ secret: SECRET, logger: quiet }).on(
      'payment.voided',
      handler,
    );
    const { body, headers } = await createTestDelivery({ event, secret: SECRET });
    expect((await receiver.respond({ payload: body, headers })).status).toBe(204);
    expect((await receiver.respond({ payload: body, headers })).status).toBe(204);
    expect(handler).toHaveBeenCalledTimes(1);
    const forged = await createTestDelivery({ event, secret: generateSecret() });
    expect(await receiver.respond({ payload: forged.body, headers: forged.headers })).toMatchObject(
      { status: 400, body: expect.stringContaining('"check":"signature"') },
    );
    const failure = new Error('ledger down');
    const failing = createWebhookReceiver({ secret: SECRET, logger: quiet }).on(
      'payment.voided',
      () => {
        throw failure;
      },
    );
    expect((await failing.respond({ payload: body, headers })).status).toBe(500);
    expect(quiet.error).toHaveBeenCalledWith(
      'webhook handler failed; answered 500 so the sender retries',
      { webhookId: event.id, error: failure },
    );
  });
});

describe('body already consumed', () => {
  it('refuses a fetch Request whose stream is locked by a reader, naming the fix', async () => {
    const receiver = createWebhookReceiver({ secret: SECRET, logger: quiet });
    const { request } = await createTestDelivery({ event, secret: SECRET });
    request.body?.getReader(); // a middleware holding the stream, bodyUsed still false
    const response = await receiver.receiveRequest(request);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: string };
    expect(error).toContain('already read by a middleware');
    expect(error).toContain('Hono:');
  });

  it('refuses a Node request whose stream a body parser read (receiveNodeRequest)', async () => {
    const receiver = createWebhookReceiver({ secret: SECRET, logger: quiet });
    const { body, headers } = await createTestDelivery({ event, secret: SECRET });
    const read = Object.assign(Readable.from([Buffer.from(body)]), { headers });
    for await (const _ of read) {
      // a body parser drains it
    }
    const answer = await receiveNodeRequest(receiver, read as unknown as IncomingMessage);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('ctx.request.rawBody');
    const fresh = Object.assign(Readable.from([Buffer.from(body)]), { headers });
    expect((await receiveNodeRequest(receiver, fresh as unknown as IncomingMessage)).status).toBe(
      204,
    );
    const broken = Object.assign(new Readable({ read() {} }), { headers });
    const pending = receiveNodeRequest(receiver, broken as unknown as IncomingMessage);
    broken.destroy(new Error('aborted'));
    expect((await pending).status).toBe(500);
  });
});
