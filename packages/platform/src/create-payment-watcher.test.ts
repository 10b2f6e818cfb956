import { parse } from '@prakerja-kit/core/events';
import { createManualClock, realClock } from '@prakerja-kit/watchers';
import { createMemoryStore } from '@prakerja-kit/webhooks';
import { describe, expect, it, vi } from 'vitest';
import {
  fakeClient,
  notFound as notFoundForms,
  ok,
  programError,
  statusData,
} from '../test/support/fake-program.js';
import {
  createPaymentWatcher,
  type FollowedOutcome,
  type PaymentWatcher,
} from './create-payment-watcher.js';
import { type PaymentEvent, paymentEventSchema } from './schemas/payment-events.js';

const notFound = notFoundForms.message;

const codes = async (watcher: PaymentWatcher) =>
  (await watcher.list()).map((item) => item.invoiceCode);

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
    clock: { ...realClock, now: () => Date.parse('2026-11-24T07:00:00.000Z') },
  });
  expect(await watcher.poll()).toEqual([]);
  await watcher.poll();
  await watcher.poll();
  expect(events).toHaveLength(1);
  expect(parse(paymentEventSchema, events[0])).toEqual(events[0]);
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
  expect(await codes(watcher)).toEqual([]);
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

it('does not re-emit after a restart that shares the dedupe store', async () => {
  const { client } = fakeClient({ 'payment/status': ok(statusData('INV-1')) });
  const dedupe = createMemoryStore();
  const onEvent = vi.fn();
  await createPaymentWatcher(client, { invoiceCodes: ['INV-1'], dedupe, onEvent }).poll();
  await createPaymentWatcher(client, { invoiceCodes: ['INV-1'], dedupe, onEvent }).poll();
  expect(onEvent).toHaveBeenCalledTimes(1);
});

it('backs off an unchanged invoice and polls it again on schedule once started', async () => {
  const { client } = fakeClient({});
  const clock = createManualClock(0);
  const calls: number[] = [];
  // Status answers without I/O, so the manual clock alone decides when each poll happens.
  client.payments.retrieve = async ({ invoiceCode }) => {
    calls.push(clock.now());
    if (calls.length < 4) throw new Error('not there yet');
    return {
      invoiceCode,
      transactionCode: 'TRX1',
      amount: 1,
      state: 'authorized',
      status: 'SUCCESS',
      prakerjaName: undefined,
      createdAt: undefined,
    };
  };
  const events: PaymentEvent[] = [];
  const watcher = createPaymentWatcher(client, {
    invoiceCodes: ['INV-1'],
    intervalMs: 5,
    maxIntervalMs: 20,
    clock,
    onEvent: (event) => {
      events.push(event);
    },
  });
  watcher.start();
  // Polls at 0, 10, 30, 50 (delays 10, 20, 20).
  await clock.advance(49);
  expect(events).toHaveLength(0);
  await clock.advance(1);
  // The event id is a digest (WebCrypto, off the microtask queue): wait for it, bounded.
  await vi.waitFor(() => expect(events).toHaveLength(1), { timeout: 5000 });
  expect(calls).toEqual([0, 10, 30, 50]);
  await watcher.stop();
  await clock.advance(1000);
  expect(calls).toHaveLength(4);
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
  await watcher.unwatch('INV-1');
  expect(await codes(watcher)).toEqual([]);
});

it('polls an unchanged invoice less and less often', async () => {
  const { client } = fakeClient({});
  const clock = createManualClock(0);
  const at: number[] = [];
  client.payments.retrieve = async () => {
    at.push(clock.now());
    throw new Error('not there yet');
  };
  const watcher = createPaymentWatcher(client, {
    invoiceCodes: ['INV-1'],
    intervalMs: 20,
    maxIntervalMs: 160,
    clock,
    onEvent: () => undefined,
    onError: () => undefined,
  });
  watcher.start();
  await clock.advance(700);
  await watcher.stop();
  // Doubling from 20 ms, capped at 160 ms.
  expect(at).toEqual([0, 40, 120, 280, 440, 600]);
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
  const clock = createManualClock(0);
  const onEvent = vi.fn();
  const watcher = createPaymentWatcher(client, { intervalMs: 60_000, clock, onEvent });
  watcher.start();
  await watcher.watch('INV-2');
  await clock.advance(1);
  // The lookup itself runs on real I/O (signing, the scripted fetch).
  await vi.waitFor(() => expect(onEvent).toHaveBeenCalledTimes(1));
  await watcher.stop();
  expect(calls).toHaveLength(1);
});

describe('following unknown outcomes', () => {
  const pendingAuthorize = (settlesAt: number) => ({
    operation: 'authorize' as const,
    invoiceCode: 'INV-1',
    settlesAt,
  });

  it('resolves a followed authorize to purchased when the late commit shows up, with its event', async () => {
    const { client } = fakeClient({
      'payment/status': [notFound, notFound, ok(statusData('INV-1'))],
    });
    const outcomes: FollowedOutcome[] = [];
    const types: string[] = [];
    let clock = 1_000;
    const watcher = createPaymentWatcher(client, {
      onEvent: (event) => {
        types.push(event.type);
      },
      onOutcome: (outcome) => {
        outcomes.push(outcome);
      },
      clock: { ...realClock, now: () => clock },
    });
    expect(await watcher.follow(pendingAuthorize(10_000))).toBe(true);
    expect((await watcher.list()).flatMap((item) => item.pending)).toEqual([
      pendingAuthorize(10_000),
    ]);
    await watcher.poll();
    clock = 6_000;
    // Still not found before settlesAt: nothing is said; then the late commit shows up.
    await watcher.poll();
    expect(outcomes).toEqual([]);
    await watcher.poll();
    expect(outcomes).toMatchObject([
      { operation: 'authorize', invoiceCode: 'INV-1', outcome: 'purchased' },
    ]);
    expect(types).toEqual(['payment.authorized']);
    expect((await watcher.list()).flatMap((item) => item.pending)).toEqual([]);
    expect(await codes(watcher)).toEqual(['INV-1']);
  });

  it('reports not_purchased only once settlesAt has passed and status still says not found', async () => {
    const { client } = fakeClient({ 'payment/status': notFoundForms.emptyData });
    const outcomes: FollowedOutcome[] = [];
    let clock = 1_000;
    const watcher = createPaymentWatcher(client, {
      onEvent: () => {},
      onOutcome: (outcome) => {
        outcomes.push(outcome);
      },
      clock: { ...realClock, now: () => clock },
    });
    await watcher.follow(pendingAuthorize(5_000));
    await watcher.poll();
    clock = 4_999;
    await watcher.poll();
    expect(outcomes).toEqual([]);
    clock = 5_000;
    await watcher.poll();
    expect(outcomes).toMatchObject([
      { operation: 'authorize', outcome: 'not_purchased', error: { form: 'empty_data' } },
    ]);
    expect(await codes(watcher)).toEqual([]);
  });

  it('never settles on a failed lookup, and retries an onOutcome that threw', async () => {
    const { client } = fakeClient(
      {
        'payment/status': [
          programError('X', 503),
          { status: 401, json: { message: 'not found' } },
          notFound,
        ],
      },
      { maxRetries: 0 },
    );
    const errors: unknown[] = [];
    let fail = true;
    const outcomes: string[] = [];
    const watcher = createPaymentWatcher(client, {
      onEvent: () => {},
      onError: (error) => {
        errors.push(error);
      },
      onOutcome: (outcome) => {
        if (fail) {
          fail = false;
          throw new Error('queue down');
        }
        outcomes.push(outcome.outcome);
      },
      clock: { ...realClock, now: () => 10_000 },
    });
    await watcher.follow(pendingAuthorize(0));
    await watcher.poll();
    await watcher.poll();
    expect(outcomes).toEqual([]);
    await watcher.poll();
    expect(outcomes).toEqual([]);
    await watcher.poll();
    expect(outcomes).toEqual(['not_purchased']);
    expect(errors).toHaveLength(3);
  });

  it('follows an unknown authorize result in one call and ignores definitive ones', async () => {
    const { client } = fakeClient({ 'payment/status': ok(statusData('INV-1')) });
    const watcher = createPaymentWatcher(client, { onEvent: () => {} });
    const payment = {
      invoiceCode: 'INV-2',
      transactionCode: 'T',
      amount: 1,
      state: 'authorized' as const,
      status: 'SUCCESS',
      prakerjaName: undefined,
      createdAt: undefined,
    };
    expect(await watcher.follow({ outcome: 'purchased', payment, reconciled: false })).toBe(false);
    expect(await codes(watcher)).toEqual([]);
  });

  it('resolves a followed void: voided as soon as status shows it, not_voided only after settlesAt', async () => {
    const { client } = fakeClient({
      'payment/status': (call) =>
        ok(
          statusData(
            String(call.body['invoice_code']),
            call.body['invoice_code'] === 'INV-V' ? 'VOIDED' : 'SUCCESS',
          ),
        ),
    });
    const outcomes: FollowedOutcome[] = [];
    const types: string[] = [];
    let clock = 1_000;
    const watcher = createPaymentWatcher(client, {
      onEvent: (event) => {
        types.push(event.type);
      },
      onOutcome: (outcome) => {
        outcomes.push(outcome);
      },
      clock: { ...realClock, now: () => clock },
    });
    await watcher.follow({ operation: 'void', invoiceCode: 'INV-V', settlesAt: 9_000 });
    await watcher.follow({ operation: 'void', invoiceCode: 'INV-S', settlesAt: 9_000 });
    await watcher.poll();
    expect(outcomes.map((item) => [item.invoiceCode, item.outcome])).toEqual([['INV-V', 'voided']]);
    clock = 9_000;
    await watcher.poll();
    expect(outcomes.map((item) => [item.invoiceCode, item.outcome])).toEqual([
      ['INV-V', 'voided'],
      ['INV-S', 'not_voided'],
    ]);
    expect(types.sort()).toEqual(['payment.authorized', 'payment.authorized', 'payment.voided']);
    // The transaction that still stands stays watched; the voided one is done.
    expect(await codes(watcher)).toEqual(['INV-S']);
  });

  it('polls a followed item again when it settles, not a whole backoff later', async () => {
    const { client, calls } = fakeClient({ 'payment/status': notFound });
    const clock = createManualClock(1_000);
    const outcomes: string[] = [];
    const watcher = createPaymentWatcher(client, {
      intervalMs: 1_000,
      maxIntervalMs: 600_000,
      clock,
      onEvent: () => {},
      onOutcome: (outcome) => {
        outcomes.push(outcome.outcome);
      },
    });
    await watcher.follow(pendingAuthorize(3_500));
    watcher.start();
    await clock.advance(2_499);
    expect(outcomes).toEqual([]);
    await clock.advance(1);
    // The lookup itself runs on real I/O (signing, the scripted fetch).
    await vi.waitFor(() => expect(outcomes).toEqual(['not_purchased']));
    // At 1000 (now), 3000 (backoff: 2000), 3500 (settlesAt).
    expect(calls).toHaveLength(3);
    await watcher.stop();
  });
});
