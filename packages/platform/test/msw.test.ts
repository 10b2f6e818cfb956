import { createSandbox } from '@prakerja-kit/sandbox';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPlatformClient } from '../src/index.js';
import { CONTRACT, PROFILE, profileClientOptions } from './support/sandbox.js';

// The same client against the sandbox's in-process (msw) front, as unit tests of a DP would use it.
const sandbox = createSandbox({
  seed: 9,
  profile: PROFILE.base,
  onProgramResponse: CONTRACT.observe,
});
const server = setupServer(...sandbox.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(async () => {
  server.close();
  await sandbox.close();
});

it('buys and voids through the msw handlers with no server', async () => {
  const dp = sandbox.fixtures.platforms[0]!;
  const buyer = sandbox.fixtures.participants[0]!;
  const course = sandbox.fixtures.courses[0]!;
  const schedule = sandbox.fixtures.schedules[0]!;
  const client = createPlatformClient({
    clientCode: dp.clientCode,
    signKey: dp.signKey,
    baseUrl: 'https://sandbox.prakerja-kit.test',
    logLevel: 'silent',
    ...profileClientOptions(),
  });
  const { paymentToken } = await client.payments.sendOtp({
    prakerjaId: buyer.prakerjaId,
    userPlatformId: 'user-9',
    courseCode: course.courseCode,
    scheduleCode: schedule.scheduleCode,
    amount: course.price,
  });
  const result = await client.payments.authorize({
    paymentToken,
    otp: sandbox.control.sms.latestOtp(buyer.prakerjaId)!,
    invoiceCode: 'INV-MSW-1',
    invoiceUrl: 'https://shop.example/invoices/INV-MSW-1',
  });
  if (result.outcome !== 'purchased') throw new Error(`expected a purchase, got ${result.outcome}`);
  const voided = await client.payments.void({
    invoiceCode: 'INV-MSW-1',
    transactionCode: result.payment.transactionCode,
  });
  expect(voided).toMatchObject({ outcome: 'voided', alreadyVoided: false });
});
