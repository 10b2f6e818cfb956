// Regression: the program commits after the client gave up (issue 14). A `latency` fault holds
// the request in the sandbox past the client's 800 ms timeout; the sandbox then commits it.
import { ProgramPath } from '@prakerja-kit/core';
import { expect, it, vi } from 'vitest';
import { createPaymentWatcher, type FollowedOutcome, type PaymentEvent } from '../src/index.js';
import { useSandbox } from './support/sandbox.js';

const env = useSandbox();

function watcherFor(client: ReturnType<typeof env.client>) {
  const outcomes: FollowedOutcome[] = [];
  const events: PaymentEvent[] = [];
  const watcher = createPaymentWatcher(client, {
    intervalMs: 100,
    maxIntervalMs: 400,
    onEvent: (event) => {
      events.push(event);
    },
    onOutcome: (outcome) => {
      outcomes.push(outcome);
    },
  });
  return { watcher, outcomes, events };
}

it('never reports a purchase that commits after an 800 ms timeout as not purchased; the watcher resolves it to purchased', async () => {
  const client = env.client({ timeout: 800 });
  const params = await env.authorizeParams(client, 'INV-LATE-1');
  env.sandbox.control.faults.add({ kind: 'latency', path: ProgramPath.AUTHORIZE, latencyMs: 3000 });
  const { watcher, outcomes, events } = watcherFor(client);
  const sentAt = Date.now();
  const result = await client.payments.authorize(params, { follow: watcher });
  expect(result).toMatchObject({
    outcome: 'unknown',
    operation: 'authorize',
    invoiceCode: 'INV-LATE-1',
    error: { name: 'TimeoutError' },
  });
  if (result.outcome !== 'unknown') return;
  // Not derived from the lowered timeout: the default window of 60 s at least.
  expect(result.settlesAt).toBeGreaterThanOrEqual(sentAt + 60_000);
  expect(env.sandbox.control.transactions.byInvoice('INV-LATE-1')).toBeUndefined();
  expect((await watcher.list()).flatMap((item) => item.pending)).toHaveLength(1);
  watcher.start();
  try {
    await vi.waitFor(() => expect(outcomes).toHaveLength(1), { timeout: 8000, interval: 50 });
  } finally {
    await watcher.stop();
  }
  const committed = env.sandbox.control.transactions.byInvoice('INV-LATE-1');
  expect(outcomes).toMatchObject([
    {
      operation: 'authorize',
      outcome: 'purchased',
      payment: { transactionCode: committed?.transactionCode },
    },
  ]);
  expect(events.map((event) => event.type)).toEqual(['payment.authorized']);
  expect((await client.payments.retrieve({ invoiceCode: 'INV-LATE-1' })).state).toBe('authorized');
  // Charged once: one transaction, one sandbox event.
  expect(
    env.sandbox.control.transactions.list().filter((item) => item.invoiceCode === 'INV-LATE-1'),
  ).toHaveLength(1);
  expect(env.sandbox.control.events.list('payment.authorized')).toHaveLength(1);
});

it('reports a re-sent authorize, after the late commit landed, as that purchase', async () => {
  const client = env.client({ timeout: 800 });
  const params = await env.authorizeParams(client, 'INV-LATE-2');
  env.sandbox.control.faults.add({ kind: 'latency', path: ProgramPath.AUTHORIZE, latencyMs: 3000 });
  const first = await client.payments.authorize(params);
  expect(first.outcome).toBe('unknown');
  await vi.waitFor(
    () => expect(env.sandbox.control.transactions.byInvoice('INV-LATE-2')).toBeDefined(),
    { timeout: 6000, interval: 50 },
  );
  // A storefront that re-sends anyway is told the truth: the refusal is looked up.
  const again = await client.payments.authorize(params);
  expect(again).toMatchObject({ outcome: 'purchased', reconciled: true });
  expect(
    env.sandbox.control.transactions.list().filter((item) => item.invoiceCode === 'INV-LATE-2'),
  ).toHaveLength(1);
});

it('never reports a void that commits after the client gave up as not voided', async () => {
  const client = env.client({ timeout: 800 });
  const bought = await client.payments.authorize(await env.authorizeParams(client, 'INV-LATE-3'));
  if (bought.outcome !== 'purchased') throw new Error(`expected a purchase, got ${bought.outcome}`);
  env.sandbox.control.faults.add({ kind: 'latency', path: ProgramPath.VOID, latencyMs: 3000 });
  const { watcher, outcomes } = watcherFor(client);
  const result = await client.payments.void(
    { invoiceCode: 'INV-LATE-3', transactionCode: bought.payment.transactionCode },
    { follow: watcher },
  );
  // Status still says SUCCESS while the void is in flight: unknown, never not_voided.
  expect(result).toMatchObject({
    outcome: 'unknown',
    operation: 'void',
    payment: { state: 'authorized' },
  });
  watcher.start();
  try {
    await vi.waitFor(() => expect(outcomes).toHaveLength(1), { timeout: 8000, interval: 50 });
  } finally {
    await watcher.stop();
  }
  expect(outcomes).toMatchObject([{ operation: 'void', outcome: 'voided' }]);
  expect((await client.payments.retrieve({ invoiceCode: 'INV-LATE-3' })).state).toBe('voided');
});

it('settles a dropped-before authorize as not purchased over HTTP once the (small) commit window passed', async () => {
  const client = env.client({ reconcile: { attempts: 3, delayMs: 20, commitWindowMs: 10 } });
  const params = await env.authorizeParams(client, 'INV-LATE-4');
  env.sandbox.control.faults.add({ kind: 'drop-before', path: ProgramPath.AUTHORIZE });
  expect(await client.payments.authorize(params)).toMatchObject({
    outcome: 'not_purchased',
    reconciled: true,
  });
  expect(env.sandbox.control.transactions.byInvoice('INV-LATE-4')).toBeUndefined();
});
