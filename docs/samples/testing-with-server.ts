import { ProgramPath } from '@prakerja-kit/core';
import { createPlatformClient } from '@prakerja-kit/platform';
import { createProviderClient } from '@prakerja-kit/provider';
import { useSandbox } from '@prakerja-kit/sandbox/vitest';
import { expect, it } from 'vitest';

// A real HTTP server on a free port for this test file, reset before each test.
const sandbox = useSandbox({ seed: 42 });

const platform = () =>
  createPlatformClient({
    ...sandbox.fixtures.platforms[0]!,
    baseUrl: sandbox.url,
    logLevel: 'silent',
    reconcile: { attempts: 2, delayMs: 10 }, // fast reconciliation in tests
  });
const provider = () =>
  createProviderClient({
    ...sandbox.fixtures.providers[0]!,
    baseUrl: sandbox.url,
    redirectUri: 'http://127.0.0.1/prakerja/callback', // registered; loopback matches any port
    stateSecret: 'test-state-secret-of-at-least-32-characters',
    logLevel: 'silent',
  });

async function buy(invoiceCode: string, startsInDays: number) {
  const startsAfter =
    Date.parse(sandbox.fixtures.startedAt) + startsInDays * 86_400_000 - 3_600_000;
  const schedule = sandbox.fixtures.schedules.find(
    (item) => item.seats > 0 && Date.parse(item.startAt) > startsAfter,
  )!;
  const course = sandbox.fixtures.courses.find((item) => item.courseCode === schedule.courseCode)!;
  const buyer = sandbox.fixtures.participants[0]!;
  const client = platform();
  const { paymentToken } = await client.payments.sendOtp({
    prakerjaId: buyer.prakerjaId,
    userPlatformId: 'user-1',
    courseCode: course.courseCode,
    scheduleCode: schedule.scheduleCode,
    amount: course.price,
  });
  const otp = sandbox.control.sms.latestOtp(buyer.prakerjaId)!; // the sandbox's SMS inbox
  return client.payments.authorize({
    paymentToken,
    otp,
    invoiceCode,
    invoiceUrl: `https://shop.example/invoices/${invoiceCode}`,
  });
}

// #region faults
it('a 503 on authorize is reconciled, and never read as "nothing bought" too early', async () => {
  sandbox.control.faults.add({ kind: 'error', status: 503, path: ProgramPath.AUTHORIZE });
  const result = await buy('INV-FAULT-1', 0); // a schedule starting soon
  // Status finds no purchase yet, but after a 5xx the program may still commit it: until
  // `settlesAt` the honest answer is `unknown`. Hand it to a payment watcher (`{ follow }`).
  expect(result).toMatchObject({
    outcome: 'unknown',
    invoiceCode: 'INV-FAULT-1',
    settlesAt: expect.any(Number),
  });
});
// #endregion

// #region time-travel
it('redeems only inside the window: time travel to the course start', async () => {
  const result = await buy('INV-TRAVEL-1', 3); // a schedule starting in 3 days
  if (result.outcome !== 'purchased') throw new Error(result.outcome);
  const redeemCode = sandbox.control.transactions.byInvoice('INV-TRAVEL-1')!.redeemCode;
  const start = () =>
    provider().attendance.createVerificationUrl({
      redeemCode,
      sequence: 1,
      email: 'budi@lp.example',
    });
  await expect(start()).rejects.toMatchObject({ code: 'SBX_RDM40004' }); // outside the window
  sandbox.control.clock.advance({ days: 3 });
  await expect(start()).resolves.toMatchObject({ url: expect.any(String) });
});
// #endregion
