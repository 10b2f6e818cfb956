import { createProviderClient } from '@prakerja-kit/provider';
import { createSandbox } from '@prakerja-kit/sandbox';
import { generateSecret, type IncentiveDisbursementRequestedEvent } from '@prakerja-kit/webhooks';
import { createTestDelivery, createTestEvent } from '@prakerja-kit/webhooks/testing';
import { beforeEach, expect, it, vi } from 'vitest';
import {
  createIncentiveReceiver,
  incentiveRoute,
  type Payouts,
} from '../../samples/incentive-receiver.js';
import { LP_REDIRECT_URI, LP_STATE_SECRET } from '../support/sandbox.js';

function recordingPayouts() {
  const paid: IncentiveDisbursementRequestedEvent['data'][] = [];
  const cancelled: string[] = [];
  const payouts: Payouts = {
    pay: async (request) => {
      paid.push(request);
    },
    cancel: async (id) => {
      cancelled.push(id);
    },
  };
  return { payouts, paid, cancelled };
}

// A refused (forged) delivery is logged at warn, as a receiver should.
let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});

// #region unit
it('pays once for a delivery received twice, and refuses a forged one', async () => {
  const secret = generateSecret();
  const { payouts, paid } = recordingPayouts();
  const route = incentiveRoute(createIncentiveReceiver(payouts, secret));
  const event = createTestEvent('incentive.disbursement_requested');
  const first = await route((await createTestDelivery({ event, secret })).request);
  const again = await route((await createTestDelivery({ event, secret })).request);
  expect([first.status, again.status]).toEqual([204, 204]);
  expect(paid).toHaveLength(1);
  const forged = (await createTestDelivery({ event, secret: generateSecret() })).request;
  expect((await route(forged)).status).toBe(400);
});
// #endregion

it('logs the forged delivery at warn with its failed check', async () => {
  const secret = generateSecret();
  const route = incentiveRoute(createIncentiveReceiver(recordingPayouts().payouts, secret));
  const event = createTestEvent('incentive.disbursement_requested');
  await route((await createTestDelivery({ event, secret: generateSecret() })).request);
  expect(warn).toHaveBeenCalledExactlyOnceWith('[prakerja-kit] webhook delivery refused', {
    check: 'signature',
    status: 400,
    webhookId: event.id,
    reason: expect.stringContaining('(signature)'),
  });
});

it('receives the sandbox incentive request after a course is completed, once despite a redelivery', async () => {
  const secret = generateSecret();
  const { payouts, paid } = recordingPayouts();
  const route = incentiveRoute(createIncentiveReceiver(payouts, secret));
  const sandbox = createSandbox({
    seed: 42,
    webhooks: { fetch: async (input, init) => route(new Request(input, init)) },
  });
  try {
    const server = await sandbox.listen({ port: 0 });
    sandbox.control.webhooks.add({
      url: 'https://payouts.example/prakerja/webhooks',
      secret,
      events: ['incentive.disbursement_requested'],
    });
    const lp = sandbox.fixtures.providers[0]!;
    const client = createProviderClient({
      ...lp,
      baseUrl: server.url,
      redirectUri: LP_REDIRECT_URI,
      stateSecret: LP_STATE_SECRET,
      logLevel: 'silent',
    });
    const code = sandbox.fixtures.redeemCodes.find((item) => item.testCase === 'TC1-999-200')!;
    // The LP's side of completion: post-test verified, UK (skills test) accepted.
    const started = await client.attendance.createVerificationUrl({
      redeemCode: code.redeemCode,
      sequence: 999,
      email: 'tari@lp.example',
    });
    sandbox.control.verifications.approve(started.programState!);
    const uk = { redeemCode: code.redeemCode, scope: 'uk', sequence: 999 } as const;
    await client.assignments.submit({ ...uk, urlFile: 'https://lp.example/files/uk.pdf' });
    await client.assignments.review({ ...uk, notes: 'Lulus.' });
    await sandbox.control.deliveries.settle();
    expect(paid).toEqual([
      expect.objectContaining({ redeem_code: code.redeemCode, amount: 600_000, currency: 'IDR' }),
    ]);
    const [delivery] = sandbox.control.deliveries.list();
    sandbox.control.deliveries.redeliver(delivery!.id);
    await sandbox.control.deliveries.settle();
    expect(paid).toHaveLength(1);
  } finally {
    await sandbox.close();
  }
});
