import { createPlatformClient, type PaymentEvent } from '@prakerja-kit/platform';
import { expect, it } from 'vitest';
import { createStorefront, watchPayments } from '../../samples/platform-catalogue.js';
import { useSandboxServer } from '../support/sandbox.js';

const env = useSandboxServer();

function client() {
  return createPlatformClient({ ...env.platform(), baseUrl: env.url(), logLevel: 'silent' });
}

it('lists only the schedules that have not started and have seats left', async () => {
  const { schedules } = env.sandbox.control.fixtures();
  const page = schedules.map((item) => ({
    courseCode: item.courseCode,
    scheduleCode: item.scheduleCode,
    title: item.description,
    startsAt: item.startAt,
  }));
  const open = await createStorefront(client())(page);
  const now = Date.now();
  expect(open.map((item) => item.scheduleCode)).toEqual(
    schedules
      .filter((item) => item.seats > 0 && Date.parse(item.startAt) > now)
      .map((item) => item.scheduleCode),
  );
  expect(open.length).toBeLessThan(schedules.filter((item) => item.seats > 0).length);
});

it('emits payment.authorized, then payment.voided once the purchase is voided', async () => {
  const dp = client();
  const seeded = env.sandbox.control.transactions.list()[0]!;
  const events: PaymentEvent[] = [];
  const watcher = watchPayments(dp, async (event) => {
    events.push(event);
  });
  watcher.watch(seeded.invoiceCode);
  await watcher.poll();
  await dp.payments.void({
    invoiceCode: seeded.invoiceCode,
    transactionCode: seeded.transactionCode,
  });
  await watcher.poll();
  await watcher.stop();
  expect(events.map((event) => event.type)).toEqual(['payment.authorized', 'payment.voided']);
});
