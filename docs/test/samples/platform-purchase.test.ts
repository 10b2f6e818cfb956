import { ProgramPath } from '@prakerja-kit/core';
import { createPlatformClient } from '@prakerja-kit/platform';
import { expect, it } from 'vitest';
import {
  cancelPurchase,
  finishPurchase,
  type Order,
  startPurchase,
} from '../../samples/platform-purchase.js';
import { useSandboxServer } from '../support/sandbox.js';

const env = useSandboxServer();

const authorizeCalls: string[] = [];
const countingFetch: typeof fetch = async (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (url.endsWith(ProgramPath.AUTHORIZE)) authorizeCalls.push(url);
  return fetch(input, init);
};

type Schedule = ReturnType<typeof env.sandbox.control.fixtures>['schedules'][number];
const opensSoon = (item: Schedule) => item.seats > 0 && item.description.includes('30 minutes');

function setUp(pick: (item: Schedule) => boolean = opensSoon) {
  const { participants, courses, schedules } = env.sandbox.control.fixtures();
  const schedule = schedules.find(pick)!;
  const course = courses.find((item) => item.courseCode === schedule.courseCode)!;
  const order: Order = {
    prakerjaId: participants[0]!.prakerjaId,
    userPlatformId: 'user-42',
    courseCode: course.courseCode,
    scheduleCode: schedule.scheduleCode,
    amount: course.price,
    invoiceCode: `INV-DOCS-${schedule.scheduleCode}`,
  };
  const client = createPlatformClient({
    ...env.platform(),
    baseUrl: env.url(),
    logLevel: 'silent',
    fetch: countingFetch,
    reconcile: { attempts: 2, delayMs: 5 },
  });
  return { client, order, otp: () => env.sandbox.control.sms.latestOtp(order.prakerjaId)! };
}

it('buys a course (send-otp, then authorize) and voids it, twice', async () => {
  const { client, order, otp } = setUp();
  const started = await startPurchase(client, order);
  expect(started.ok).toBe(true);
  if (!started.ok) return;
  const finished = await finishPurchase(client, order, started.paymentToken, otp());
  expect(finished.status).toBe('paid');
  expect(await cancelPurchase(client, order.invoiceCode)).toBe('voided');
  expect(await cancelPurchase(client, order.invoiceCode)).toBe('voided'); // ERRPLT40028 = done
});

it('shows the buyer why send-otp was refused', async () => {
  const { client, order } = setUp((item) => item.seats === 0); // the sandbox's sold-out schedule
  expect(await startPurchase(client, order)).toEqual({
    ok: false,
    reason: 'sold_out',
    message: 'Kuota jadwal ini sudah penuh. Silakan pilih jadwal lain.',
  });
});

it('maps a wrong OTP to a message for the buyer', async () => {
  const { client, order } = setUp();
  const started = await startPurchase(client, order);
  if (!started.ok) throw new Error(started.reason);
  expect(await finishPurchase(client, order, started.paymentToken, '000000')).toEqual({
    status: 'failed',
    message: 'Kode OTP salah. Periksa SMS kamu lalu coba lagi.',
  });
});

it('resolves an authorize whose connection dropped after the commit, without re-sending it', async () => {
  const { client, order, otp } = setUp();
  const started = await startPurchase(client, order);
  if (!started.ok) throw new Error(started.reason);
  env.sandbox.control.faults.add({ kind: 'drop-after-commit', path: ProgramPath.AUTHORIZE });
  authorizeCalls.length = 0;
  const finished = await finishPurchase(client, order, started.paymentToken, otp());
  expect(finished.status).toBe('paid');
  expect(authorizeCalls).toHaveLength(1);
  const purchases = env.sandbox.control.transactions.list();
  expect(purchases.filter((item) => item.invoiceCode === order.invoiceCode)).toHaveLength(1);
});
