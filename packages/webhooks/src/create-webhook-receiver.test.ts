import { describe, expect, it, vi } from 'vitest';
import { NOW_SECONDS, now, SECRET } from '../test/fixtures.js';
import { createTestDelivery } from './create-test-delivery.js';
import { createTestEvent } from './create-test-event.js';
import {
  createWebhookReceiver,
  DEFAULT_LEASE_MS,
  DEFAULT_RETAIN_MS,
} from './create-webhook-receiver.js';
import { WebhookVerificationError } from './errors/webhook-verification-error.js';
import { createMemoryStore } from './stores/create-memory-store.js';
import type { IdempotencyStore } from './stores/idempotency-store.js';

const delivery = (event: { id: string } & Record<string, unknown>) =>
  createTestDelivery({ event, secret: SECRET, timestamp: NOW_SECONDS });

describe('createWebhookReceiver', () => {
  it('runs the handler registered for the event type with the typed event', async () => {
    const event = createTestEvent('incentive.disbursement_requested');
    const handler = vi.fn();
    const receiver = createWebhookReceiver({ secret: SECRET, now }).on(
      'incentive.disbursement_requested',
      handler,
    );
    const { body, headers } = await delivery(event);
    await expect(receiver.receive({ payload: body, headers })).resolves.toEqual({
      outcome: 'processed',
      event,
    });
    expect(handler).toHaveBeenCalledExactlyOnceWith(event);
  });

  it('runs the handler once when the same delivery arrives again, reporting a duplicate', async () => {
    const event = createTestEvent('payment.authorized');
    const handler = vi.fn();
    const receiver = createWebhookReceiver({ secret: SECRET, now }).on(
      'payment.authorized',
      handler,
    );
    const { body, headers } = await delivery(event);
    await receiver.receive({ payload: body, headers });
    await expect(receiver.receive({ payload: body, headers })).resolves.toMatchObject({
      outcome: 'duplicate',
    });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('reports a concurrent delivery of an event being processed as in progress', async () => {
    const event = createTestEvent('payment.voided');
    let finish: () => void = () => {};
    const handler = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const receiver = createWebhookReceiver({ secret: SECRET, now }).on('payment.voided', handler);
    const { body, headers } = await delivery(event);
    const first = receiver.receive({ payload: body, headers });
    await vi.waitFor(() => expect(handler).toHaveBeenCalled());
    await expect(receiver.receive({ payload: body, headers })).resolves.toMatchObject({
      outcome: 'in_progress',
    });
    finish();
    await expect(first).resolves.toMatchObject({ outcome: 'processed' });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('releases the lease when the handler fails so the retry runs it again', async () => {
    const event = createTestEvent('course.completed');
    const handler = vi
      .fn()
      .mockRejectedValueOnce(new Error('database down'))
      .mockResolvedValueOnce(undefined);
    const receiver = createWebhookReceiver({ secret: SECRET, now }).on('course.completed', handler);
    const { body, headers } = await delivery(event);
    await expect(receiver.receive({ payload: body, headers })).rejects.toThrow('database down');
    await expect(receiver.receive({ payload: body, headers })).resolves.toMatchObject({
      outcome: 'processed',
    });
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it('ignores an event without a handler and does not record it', async () => {
    const store: IdempotencyStore = {
      acquire: vi.fn(),
      extend: vi.fn(),
      complete: vi.fn(),
      release: vi.fn(),
    };
    const event = createTestEvent('attendance.verified');
    const receiver = createWebhookReceiver({ secret: SECRET, now, store }).on(
      'payment.voided',
      vi.fn(),
    );
    const { body, headers } = await delivery(event);
    await expect(receiver.receive({ payload: body, headers })).resolves.toEqual({
      outcome: 'ignored',
      event,
    });
    expect(store.acquire).not.toHaveBeenCalled();
  });

  it('passes an unknown event type to onUnknown, once, and ignores it without one', async () => {
    const event = {
      id: 'evt_01JFAKEFAKEFAKEFAKEFAKEFAK',
      type: 'voucher.issued',
      created_at: '2026-11-24T07:00:00.000Z',
      data: {},
    };
    const { body, headers } = await delivery(event);
    const plain = createWebhookReceiver({ secret: SECRET, now });
    await expect(plain.receive({ payload: body, headers })).resolves.toMatchObject({
      outcome: 'ignored',
    });
    const onUnknown = vi.fn();
    const receiver = createWebhookReceiver({ secret: SECRET, now }).onUnknown(onUnknown);
    await receiver.receive({ payload: body, headers });
    await expect(receiver.receive({ payload: body, headers })).resolves.toMatchObject({
      outcome: 'duplicate',
    });
    expect(onUnknown).toHaveBeenCalledExactlyOnceWith(event);
  });

  it('replaces an earlier handler of the same type', async () => {
    const first = vi.fn();
    const second = vi.fn();
    const receiver = createWebhookReceiver({ secret: SECRET, now })
      .on('payment.voided', first)
      .on('payment.voided', second);
    const { body, headers } = await delivery(createTestEvent('payment.voided'));
    await receiver.receive({ payload: body, headers });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('passes the lease and retention periods to the store, with 60 s and 7 days by default', async () => {
    const store: IdempotencyStore = {
      acquire: vi.fn(async () => ({ status: 'acquired' as const, token: 'lease-1' })),
      extend: vi.fn(async () => true),
      complete: vi.fn(async () => true),
      release: vi.fn(async () => true),
    };
    const event = createTestEvent('payment.voided');
    const { body, headers } = await delivery(event);
    await createWebhookReceiver({ secret: SECRET, now, store })
      .on('payment.voided', vi.fn())
      .receive({ payload: body, headers });
    expect(store.acquire).toHaveBeenCalledWith(event.id, DEFAULT_LEASE_MS);
    expect(store.complete).toHaveBeenCalledWith(event.id, 'lease-1', DEFAULT_RETAIN_MS);
    expect([DEFAULT_LEASE_MS, DEFAULT_RETAIN_MS]).toEqual([60_000, 604_800_000]);
    const custom = createWebhookReceiver({
      secret: SECRET,
      now,
      store,
      leaseMs: 5_000,
      retainMs: 9_000,
    });
    await custom.on('payment.voided', vi.fn()).receive({ payload: body, headers });
    expect(store.acquire).toHaveBeenLastCalledWith(event.id, 5_000);
    expect(store.complete).toHaveBeenLastCalledWith(event.id, 'lease-1', 9_000);
    expect(custom.leaseMs).toBe(5_000);
  });

  it('throws a verification error before touching the store or a handler', async () => {
    const handler = vi.fn();
    const logger = { warn: vi.fn(), error: vi.fn() };
    const receiver = createWebhookReceiver({ secret: SECRET, now, logger }).on(
      'payment.voided',
      handler,
    );
    const { body, headers } = await delivery(createTestEvent('payment.voided'));
    await expect(receiver.receive({ payload: `${body} `, headers })).rejects.toBeInstanceOf(
      WebhookVerificationError,
    );
    expect(handler).not.toHaveBeenCalled();
  });
});

it('dispatches an event verified elsewhere exactly once', async () => {
  const event = createTestEvent('payment.voided');
  const handler = vi.fn();
  const receiver = createWebhookReceiver({ secret: SECRET, now }).on('payment.voided', handler);
  const { body, headers } = await delivery(event);
  const verified = await receiver.verify({ payload: body, headers });
  await expect(receiver.dispatch(verified)).resolves.toEqual({ outcome: 'processed', event });
  await expect(receiver.dispatch(verified)).resolves.toMatchObject({ outcome: 'duplicate' });
  expect(handler).toHaveBeenCalledTimes(1);
});

describe('WebhookReceiver.receiveRequest', () => {
  const event = createTestEvent('payment.voided');

  it('answers 204 when processed, duplicate or ignored', async () => {
    const receiver = createWebhookReceiver({ secret: SECRET, now }).on('payment.voided', vi.fn());
    expect((await receiver.receiveRequest((await delivery(event)).request)).status).toBe(204);
    expect((await receiver.receiveRequest((await delivery(event)).request)).status).toBe(204);
    const other = (await delivery(createTestEvent('course.completed'))).request;
    expect((await receiver.receiveRequest(other)).status).toBe(204);
  });

  it('answers 400 with the failed check and no signature for a bad delivery', async () => {
    const logger = { warn: vi.fn(), error: vi.fn() };
    const receiver = createWebhookReceiver({ secret: SECRET, now, logger });
    const { headers, body } = await delivery(event);
    const request = new Request('http://localhost/webhooks', {
      method: 'POST',
      headers,
      body: `${body}\n`,
    });
    const response = await receiver.receiveRequest(request);
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { check: string; error: string };
    expect(answer.check).toBe('signature');
    expect(answer.error).not.toContain(headers['webhook-signature'].slice(3));
  });

  it('answers 409 with Retry-After while another delivery of the event runs', async () => {
    let finish: () => void = () => {};
    const handler = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const receiver = createWebhookReceiver({ secret: SECRET, now, leaseMs: 30_500 }).on(
      'payment.voided',
      handler,
    );
    const first = receiver.receiveRequest((await delivery(event)).request);
    await vi.waitFor(() => expect(handler).toHaveBeenCalled());
    const second = await receiver.receiveRequest((await delivery(event)).request);
    expect(second.status).toBe(409);
    expect(second.headers.get('retry-after')).toBe('31');
    finish();
    expect((await first).status).toBe(204);
  });

  it('rethrows a verification error thrown by a handler instead of answering 400', async () => {
    const receiver = createWebhookReceiver({ secret: SECRET, now }).on('payment.voided', () => {
      throw new WebhookVerificationError('signature', 'a nested check in the handler failed');
    });
    await expect(receiver.receiveRequest((await delivery(event)).request)).rejects.toThrow(
      'a nested check',
    );
  });

  it("rethrows a handler's error so the framework answers 500", async () => {
    const receiver = createWebhookReceiver({ secret: SECRET, now }).on('payment.voided', () => {
      throw new Error('handler failed');
    });
    await expect(receiver.receiveRequest((await delivery(event)).request)).rejects.toThrow(
      'handler failed',
    );
  });
});

describe('createMemoryStore', () => {
  it('hands out one lease at a time, expires it, and remembers completion for the retention period', async () => {
    let time = 0;
    const store = createMemoryStore({ now: () => time });
    const lease = await store.acquire('evt', 1_000);
    expect(lease.status).toBe('acquired');
    expect(await store.acquire('evt', 1_000)).toEqual({ status: 'processing' });
    time = 1_000;
    const retaken = await store.acquire('evt', 1_000);
    expect(retaken.status).toBe('acquired');
    if (lease.status !== 'acquired' || retaken.status !== 'acquired') throw new Error('no lease');
    await store.release('evt', lease.token);
    expect(await store.acquire('evt', 1_000)).toEqual({ status: 'processing' });
    await store.complete('evt', retaken.token, 5_000);
    expect(await store.acquire('evt', 1_000)).toEqual({ status: 'processed' });
    time = 6_000;
    expect((await store.acquire('evt', 1_000)).status).toBe('acquired');
  });

  it('keeps live leases while sweeping expired entries at most once a minute', async () => {
    let time = 0;
    const store = createMemoryStore({ now: () => time });
    await store.acquire('a', 10);
    time = 30_000;
    await store.acquire('b', 10);
    time = 60_000;
    await store.acquire('c', 100_000);
    time = 120_000;
    // After the sweeps, the expired "a" and "b" are gone and "c" is still held.
    expect((await store.acquire('a', 10)).status).toBe('acquired');
    expect(await store.acquire('c', 10)).toEqual({ status: 'processing' });
  });

  it('uses the real clock by default', async () => {
    const store = createMemoryStore();
    expect((await store.acquire('evt', 60_000)).status).toBe('acquired');
    expect(await store.acquire('evt', 60_000)).toEqual({ status: 'processing' });
  });
});
