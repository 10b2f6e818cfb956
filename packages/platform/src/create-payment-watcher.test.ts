import { expect, it, vi } from 'vitest';
import { fakeClient, ok, programError, statusData } from '../test/support/fake-program.js';
import { createMemoryPaymentStore } from './create-memory-payment-store.js';
import { createPaymentWatcher } from './create-payment-watcher.js';
import { type PaymentEvent, paymentEventSchema } from './schemas/payment-events.js';

const notFound = programError('SBX_PLT40016');

it('emits payment.authorized once when an invoice appears, in the event model shape', async () => {
  const { client } = fakeClient({
    'payment/status': [notFound, ok(statusData('INV-1')), ok(statusData('INV-1'))],
  });
  const events: PaymentEvent[] = [];
  const watcher = createPaymentWatcher(client, {
    invoiceCodes: ['INV-1'],
    onEvent: (event) => {
      events.push(event);
    },
    now: () => Date.parse('2026-11-24T07:00:00.000Z'),
  });
  expect(await watcher.poll()).toEqual([]);
  await watcher.poll();
  await watcher.poll();
  expect(events).toHaveLength(1);
  expect(paymentEventSchema.parse(events[0])).toEqual(events[0]);
  expect(events[0]).toMatchObject({
    type: 'payment.authorized',
    created_at: '2026-11-24T07:00:00.000Z',
    data: {
      invoice_code: 'INV-1',
      transaction_code: 'TRX0000000000001',
      amount: 250000,
      authorized_at: '2026-11-20T03:00:00Z',
    },
  });
  expect(events[0]?.id).toMatch(/^evt_[0-9A-Z]{26}$/);
});

it('emits payment.voided after payment.authorized and then stops watching the invoice', async () => {
  const { client, calls } = fakeClient({
    'payment/status': [ok(statusData('INV-1')), ok(statusData('INV-1', 'VOID'))],
  });
  const types: string[] = [];
  const watcher = createPaymentWatcher(client, {
    invoiceCodes: ['INV-1'],
    onEvent: (event) => {
      types.push(event.type);
    },
  });
  await watcher.poll();
  await watcher.poll();
  await watcher.poll();
  expect(types).toEqual(['payment.authorized', 'payment.voided']);
  expect(watcher.invoiceCodes).toEqual([]);
  expect(calls).toHaveLength(2);
});

it('emits both events for an invoice first seen already voided', async () => {
  const { client } = fakeClient({ 'payment/status': ok(statusData('INV-1', 'VOID')) });
  const events: PaymentEvent[] = [];
  const watcher = createPaymentWatcher(client, {
    invoiceCodes: ['INV-1'],
    onEvent: (event) => {
      events.push(event);
    },
  });
  await watcher.poll();
  expect(events.map((event) => event.type)).toEqual(['payment.authorized', 'payment.voided']);
});

it('re-emits the same event id after onEvent fails, so the consumer can dedupe', async () => {
  const { client } = fakeClient({ 'payment/status': ok(statusData('INV-1')) });
  const ids: string[] = [];
  const onError = vi.fn();
  let fail = true;
  const watcher = createPaymentWatcher(client, {
    invoiceCodes: ['INV-1'],
    onEvent: (event) => {
      ids.push(event.id);
      if (fail) {
        fail = false;
        throw new Error('queue down');
      }
    },
    onError,
  });
  await watcher.poll();
  await watcher.poll();
  await watcher.poll();
  expect(ids).toHaveLength(2);
  expect(ids[0]).toBe(ids[1]);
  expect(onError).toHaveBeenCalledTimes(1);
});

it('does not re-emit after a restart that shares the store', async () => {
  const { client } = fakeClient({ 'payment/status': ok(statusData('INV-1')) });
  const store = createMemoryPaymentStore();
  const onEvent = vi.fn();
  await createPaymentWatcher(client, { invoiceCodes: ['INV-1'], store, onEvent }).poll();
  await createPaymentWatcher(client, { invoiceCodes: ['INV-1'], store, onEvent }).poll();
  expect(onEvent).toHaveBeenCalledTimes(1);
});

it('backs off an unchanged invoice and polls it again on schedule once started', async () => {
  const { client, calls } = fakeClient({
    'payment/status': [notFound, notFound, notFound, ok(statusData('INV-1'))],
  });
  const events: PaymentEvent[] = [];
  const watcher = createPaymentWatcher(client, {
    invoiceCodes: ['INV-1'],
    intervalMs: 5,
    maxIntervalMs: 20,
    onEvent: (event) => {
      events.push(event);
    },
  });
  watcher.start();
  await vi.waitFor(() => expect(events).toHaveLength(1), { timeout: 2000, interval: 5 });
  await watcher.stop();
  const polled = calls.length;
  await new Promise((resolve) => setTimeout(resolve, 40));
  expect(calls.length).toBe(polled);
});

it('reports a failing lookup through onError and keeps watching', async () => {
  const { client } = fakeClient(
    { 'payment/status': [programError('SBX_GEN50001', 500), ok(statusData('INV-1'))] },
    { maxRetries: 0 },
  );
  const onError = vi.fn();
  const onEvent = vi.fn();
  const watcher = createPaymentWatcher(client, { invoiceCodes: ['INV-1'], onEvent, onError });
  await watcher.poll();
  await watcher.poll();
  expect(onError).toHaveBeenCalledWith(expect.objectContaining({ status: 500 }), 'INV-1');
  expect(onEvent).toHaveBeenCalledTimes(1);
  watcher.unwatch('INV-1');
  expect(watcher.invoiceCodes).toEqual([]);
});

it('polls an unchanged invoice less and less often', async () => {
  const { client, calls } = fakeClient({ 'payment/status': notFound });
  const watcher = createPaymentWatcher(client, {
    invoiceCodes: ['INV-1'],
    intervalMs: 20,
    maxIntervalMs: 160,
    onEvent: () => undefined,
  });
  watcher.start();
  await new Promise((resolve) => setTimeout(resolve, 400));
  await watcher.stop();
  // Without backoff 400 ms at 20 ms is ~20 polls; doubling (0, 20, 60, 140, 300 ms) allows ~5.
  expect(calls.length).toBeGreaterThanOrEqual(2);
  expect(calls.length).toBeLessThanOrEqual(7);
});

it('joins a manual poll to the one in flight instead of looking the invoice up twice', async () => {
  const { client, calls } = fakeClient({ 'payment/status': ok(statusData('INV-1')) });
  const onEvent = vi.fn();
  const watcher = createPaymentWatcher(client, { invoiceCodes: ['INV-1'], onEvent });
  await Promise.all([watcher.poll(), watcher.poll()]);
  expect(calls).toHaveLength(1);
  expect(onEvent).toHaveBeenCalledTimes(1);
});

it('polls an invoice watched after start at once, not after the current backoff', async () => {
  const { client, calls } = fakeClient({ 'payment/status': ok(statusData('INV-2')) });
  const onEvent = vi.fn();
  const watcher = createPaymentWatcher(client, { intervalMs: 60_000, onEvent });
  watcher.start();
  watcher.watch('INV-2');
  await vi.waitFor(() => expect(onEvent).toHaveBeenCalledTimes(1), { timeout: 2000, interval: 5 });
  await watcher.stop();
  expect(calls).toHaveLength(1);
});
