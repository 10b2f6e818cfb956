import { ProgramPath } from '@prakerja-kit/core';
import { realClock } from '@prakerja-kit/watchers';
import { expect, it } from 'vitest';
import { createPaymentWatcher, type FollowedOutcome, type PaymentEvent } from '../src/index.js';
import { useSandbox } from './support/sandbox.js';

const env = useSandbox();

async function otpFor(invoiceCode: string) {
  const client = env.client();
  return { client, params: await env.authorizeParams(client, invoiceCode) };
}

it('reports the purchase exactly once when the connection drops after the sandbox committed the authorize', async () => {
  const { client, params } = await otpFor('INV-DROP-1');
  const fault = env.sandbox.control.faults.add({
    kind: 'drop-after-commit',
    path: ProgramPath.AUTHORIZE,
  });
  const events: PaymentEvent[] = [];
  const watcher = createPaymentWatcher(client, {
    invoiceCodes: ['INV-DROP-1'],
    onEvent: (event) => {
      events.push(event);
    },
  });

  const result = await client.payments.authorize(params);

  expect(result.outcome).toBe('purchased');
  if (result.outcome !== 'purchased') return;
  expect(result.reconciled).toBe(true);
  const committed = env.sandbox.control.transactions.byInvoice('INV-DROP-1');
  expect(result.payment.transactionCode).toBe(committed?.transactionCode);
  // One authorize reached the sandbox (the faulted one); the client never re-sent it.
  expect(env.sandbox.control.faults.list().find((item) => item.id === fault.id)?.hits).toBe(1);
  expect(
    env.sandbox.control.transactions.list().filter((item) => item.invoiceCode === 'INV-DROP-1'),
  ).toHaveLength(1);
  expect(env.sandbox.control.events.list('payment.authorized')).toHaveLength(1);
  await watcher.poll();
  await watcher.poll();
  expect(events.map((event) => event.type)).toEqual(['payment.authorized']);
  expect(events[0]?.data).toMatchObject({
    invoice_code: 'INV-DROP-1',
    transaction_code: committed?.transactionCode,
  });
});

it('reports unknown when the connection dropped before the sandbox processed it, and the watcher settles it as not purchased', async () => {
  const { client, params } = await otpFor('INV-DROP-2');
  env.sandbox.control.faults.add({ kind: 'drop-before', path: ProgramPath.AUTHORIZE });
  const outcomes: FollowedOutcome[] = [];
  let skipMs = 0;
  const watcher = createPaymentWatcher(client, {
    onEvent: () => {},
    onOutcome: (outcome) => {
      outcomes.push(outcome);
    },
    clock: { ...realClock, now: () => Date.now() + skipMs },
  });
  const first = await client.payments.authorize(params, { follow: watcher });
  // The client cannot tell a drop before from a drop after: never "not purchased" yet.
  expect(first).toMatchObject({ outcome: 'unknown', invoiceCode: 'INV-DROP-2' });
  if (first.outcome !== 'unknown') return;
  await watcher.poll();
  expect(outcomes).toEqual([]);
  skipMs = first.settlesAt - Date.now();
  await watcher.poll();
  expect(outcomes).toMatchObject([{ outcome: 'not_purchased', invoiceCode: 'INV-DROP-2' }]);
  expect(env.sandbox.control.transactions.byInvoice('INV-DROP-2')).toBeUndefined();
  const second = await client.payments.authorize(params);
  expect(second).toMatchObject({ outcome: 'purchased', reconciled: false });
  expect(
    env.sandbox.control.transactions.list().filter((item) => item.invoiceCode === 'INV-DROP-2'),
  ).toHaveLength(1);
});

it('reconciles a void whose connection dropped after the sandbox committed it', async () => {
  const { client, params } = await otpFor('INV-DROP-3');
  const bought = await client.payments.authorize(params);
  if (bought.outcome !== 'purchased') throw new Error(`expected a purchase, got ${bought.outcome}`);
  env.sandbox.control.faults.add({ kind: 'drop-after-commit', path: ProgramPath.VOID });
  const result = await client.payments.void({
    invoiceCode: 'INV-DROP-3',
    transactionCode: bought.payment.transactionCode,
  });
  expect(result).toMatchObject({ outcome: 'voided', alreadyVoided: false, reconciled: true });
  expect(env.sandbox.control.events.list('payment.voided')).toHaveLength(1);
});

it('reconciles a 5xx on authorize instead of re-sending it: unknown within the commit window, not purchased after it', async () => {
  const { client, params } = await otpFor('INV-5XX-1');
  env.sandbox.control.faults.add({ kind: 'error', path: ProgramPath.AUTHORIZE, status: 503 });
  expect(await client.payments.authorize(params)).toMatchObject({ outcome: 'unknown' });
  env.sandbox.control.faults.add({ kind: 'error', path: ProgramPath.AUTHORIZE, status: 503 });
  const settled = env.client({ reconcile: { attempts: 3, delayMs: 10, commitWindowMs: 5 } });
  expect(await settled.payments.authorize(params)).toMatchObject({
    outcome: 'not_purchased',
    reconciled: true,
  });
  expect(env.sandbox.control.transactions.byInvoice('INV-5XX-1')).toBeUndefined();
});

it('reports unknown, without re-sending, when status is unreachable after a dropped authorize', async () => {
  const { client, params } = await otpFor('INV-DROP-4');
  env.sandbox.control.faults.add({ kind: 'drop-after-commit', path: ProgramPath.AUTHORIZE });
  env.sandbox.control.faults.add({
    kind: 'error',
    path: ProgramPath.PAYMENT_STATUS,
    status: 503,
    times: 50,
  });
  const result = await client.payments.authorize(params, { maxRetries: 0 });
  expect(result).toMatchObject({ outcome: 'unknown', invoiceCode: 'INV-DROP-4' });
  env.sandbox.control.faults.clear();
  expect((await client.payments.retrieve({ invoiceCode: 'INV-DROP-4' })).state).toBe('authorized');
});
