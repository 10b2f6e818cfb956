import { expect, it, vi } from 'vitest';
import {
  createPaymentWatcher,
  type PaymentEvent,
  parse,
  paymentEventSchema,
} from '../src/index.js';
import { useSandbox } from './support/sandbox.js';

const env = useSandbox();

it('turns status polling into payment.authorized then payment.voided, matching the sandbox events', async () => {
  const client = env.client();
  const events: PaymentEvent[] = [];
  const watcher = createPaymentWatcher(client, {
    invoiceCodes: ['INV-W-1'],
    intervalMs: 5,
    maxIntervalMs: 20,
    onEvent: (event) => {
      events.push(parse(paymentEventSchema, event));
    },
  });
  watcher.start();
  try {
    const bought = await client.payments.authorize(await env.authorizeParams(client, 'INV-W-1'));
    if (bought.outcome !== 'purchased')
      throw new Error(`expected a purchase, got ${bought.outcome}`);
    await vi.waitFor(() => expect(events).toHaveLength(1), { timeout: 3000, interval: 5 });
    await client.payments.void({
      invoiceCode: 'INV-W-1',
      transactionCode: bought.payment.transactionCode,
    });
    await vi.waitFor(() => expect(events).toHaveLength(2), { timeout: 3000, interval: 5 });
  } finally {
    await watcher.stop();
  }
  expect(events.map((event) => event.type)).toEqual(['payment.authorized', 'payment.voided']);
  expect(await watcher.list()).toEqual([]);
  const [authorized] = env.sandbox.control.events.list('payment.authorized');
  const {
    course_code: _course,
    schedule_code: _schedule,
    ...expected
  } = authorized!.data as Record<string, unknown>;
  expect(events[0]?.data).toEqual(expected);
});
