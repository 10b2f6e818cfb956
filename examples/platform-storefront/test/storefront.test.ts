import { ProgramPath } from '@prakerja-kit/core';
import { createPlatformClient } from '@prakerja-kit/platform';
import { createSandbox, type Sandbox, type SandboxServer } from '@prakerja-kit/sandbox';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import {
  connectSandbox,
  createApp,
  createOrderStore,
  listen,
  type OrderStore,
  type RunningServer,
  type Storefront,
} from '../src/index.js';

let sandbox: Sandbox;
let sandboxServer: SandboxServer;
let app: RunningServer;
let storefront: Storefront;
let orders: OrderStore;
const lines: string[] = [];

beforeEach(async () => {
  sandbox = createSandbox({ seed: 11 });
  sandboxServer = await sandbox.listen({ port: 0 });
  const connection = await connectSandbox(sandboxServer.url);
  const client = createPlatformClient({
    clientCode: connection.clientCode,
    signKey: connection.signKey,
    baseUrl: connection.baseUrl,
    logLevel: 'silent',
    // Quick give-up for the test of an outcome that stays unknown, and a short timeout for the
    // late-commit test (the commit window stays the 60 s default).
    maxRetries: 1,
    timeout: 800,
    reconcile: { attempts: 2, delayMs: 20 },
  });
  orders = createOrderStore();
  storefront = createApp({
    client,
    courses: connection.courses,
    schedules: connection.schedules,
    publicUrl: 'http://storefront.test',
    devOtp: connection.latestOtp,
    devPrakerjaId: connection.prakerjaId,
    log: (line) => lines.push(line),
    orders,
    followIntervalMs: 20,
  });
  app = await listen(storefront);
});

afterEach(async () => {
  await storefront.followUp.stop();
  await app.close();
  await sandbox.close();
  lines.length = 0;
});

const get = (path: string) => fetch(`${app.url}${path}`);
const post = (path: string, form: Record<string, string>) =>
  fetch(`${app.url}${path}`, {
    method: 'POST',
    body: new URLSearchParams(form),
    redirect: 'manual',
  });

async function checkout(scheduleCode: string) {
  const prakerjaId = sandbox.fixtures.participants[0]!.prakerjaId;
  const sent = await post(`/checkout/${scheduleCode}`, { prakerja_id: prakerjaId });
  expect(sent.status).toBe(303);
  const otpPath = sent.headers.get('location')!;
  const otpPage = await (await get(otpPath)).text();
  const otp = /id="dev-otp">(\d+)</.exec(otpPage)?.[1];
  expect(otp).toBe(sandbox.control.sms.latestOtp(prakerjaId));
  const paid = await post(otpPath, { otp: otp! });
  expect(paid.status).toBe(303);
  return paid.headers.get('location')!;
}

test('lists courses with live seats, checks out with the OTP, shows the invoice and voids it', async () => {
  const schedule = sandbox.fixtures.schedules[0]!;
  expect(await (await get('/')).text()).toContain(`data-seats="${schedule.scheduleCode}">20<`);

  const invoicePath = await checkout(schedule.scheduleCode);
  const invoice = await (await get(invoicePath)).text();
  expect(invoice).toContain('data-state="paid"');
  expect(invoice).toContain('id="program-status">SUCCESS<');
  expect(await (await get('/')).text()).toContain(`data-seats="${schedule.scheduleCode}">19<`);

  expect((await post(`${invoicePath}/void`, {})).status).toBe(303);
  expect(await (await get(invoicePath)).text()).toContain('data-state="voided"');
  expect(await (await get('/')).text()).toContain(`data-seats="${schedule.scheduleCode}">20<`);
  // Logs mask the buyer's Prakerja number.
  expect(lines.join('\n')).not.toContain(sandbox.fixtures.participants[0]!.prakerjaId);
});

test('a purchase whose authorize answer was lost is reconciled, not bought twice', async () => {
  sandbox.control.faults.add({ kind: 'drop-after-commit', path: ProgramPath.AUTHORIZE });
  const schedule = sandbox.fixtures.schedules[0]!;
  const invoicePath = await checkout(schedule.scheduleCode);
  expect(await (await get(invoicePath)).text()).toContain('data-state="paid"');
  const buyer = sandbox.fixtures.participants[0]!.prakerjaId;
  const purchases = sandbox.control.transactions.list().filter((item) => item.prakerjaId === buyer);
  expect(purchases).toHaveLength(1);
  expect(lines.join('\n')).toContain('reconciled');
});

test('shows the program refusal as a message for the buyer', async () => {
  const started = sandbox.fixtures.schedules[2]!; // started 2 hours ago (SBX_PLT40003)
  const prakerjaId = sandbox.fixtures.participants[0]!.prakerjaId;
  const response = await post(`/checkout/${started.scheduleCode}`, { prakerja_id: prakerjaId });
  expect(response.status).toBe(422);
  expect(await response.text()).toContain('id="error"');
});

test('an authorize that stays unknown (status down too) is shown as such, then followed to paid by the watcher', async () => {
  sandbox.control.faults.add({ kind: 'drop-after-commit', path: ProgramPath.AUTHORIZE });
  sandbox.control.faults.add({
    kind: 'error',
    path: ProgramPath.PAYMENT_STATUS,
    status: 503,
    times: 4,
  });
  const invoicePath = await checkout(sandbox.fixtures.schedules[0]!.scheduleCode);
  const invoiceCode = invoicePath.split('/').pop()!;
  expect(orders.get(invoiceCode)?.state).toBe('unknown');
  expect(
    (await storefront.followUp.list())
      .filter((item) => item.pending.length > 0)
      .map((item) => item.invoiceCode),
  ).toEqual([invoiceCode]);
  // Nobody views the invoice: the watcher alone settles it once status answers again.
  await vi.waitFor(() => expect(orders.get(invoiceCode)?.state).toBe('paid'), {
    timeout: 5000,
    interval: 20,
  });
  expect(await (await get(invoicePath)).text()).toContain('data-state="paid"');
  const buyer = sandbox.fixtures.participants[0]!.prakerjaId;
  expect(
    sandbox.control.transactions.list().filter((item) => item.prakerjaId === buyer),
  ).toHaveLength(1);
});

test('a purchase the program commits after the storefront gave up is never shown as failed, and is followed to paid', async () => {
  sandbox.control.faults.add({ kind: 'latency', path: ProgramPath.AUTHORIZE, latencyMs: 3000 });
  const invoicePath = await checkout(sandbox.fixtures.schedules[0]!.scheduleCode);
  const invoiceCode = invoicePath.split('/').pop()!;
  const seen: string[] = [];
  const timer = setInterval(() => seen.push(orders.get(invoiceCode)?.state ?? '-'), 10);
  try {
    expect(await (await get(invoicePath)).text()).toContain('data-state="unknown"');
    await vi.waitFor(() => expect(orders.get(invoiceCode)?.state).toBe('paid'), {
      timeout: 8000,
      interval: 20,
    });
  } finally {
    clearInterval(timer);
  }
  expect(seen).not.toContain('failed');
  const buyer = sandbox.fixtures.participants[0]!.prakerjaId;
  expect(
    sandbox.control.transactions.list().filter((item) => item.prakerjaId === buyer),
  ).toHaveLength(1);
  expect(lines.join('\n')).toContain(
    `${invoiceCode} settled by the watcher: authorize → purchased`,
  );
});

test("a paid purchase voided on the program's side reaches the order through the watcher, with nobody viewing the invoice", async () => {
  const invoicePath = await checkout(sandbox.fixtures.schedules[0]!.scheduleCode);
  const invoiceCode = invoicePath.split('/').pop()!;
  expect(orders.get(invoiceCode)?.state).toBe('paid');
  expect((await storefront.followUp.list()).map((item) => item.invoiceCode)).toEqual([invoiceCode]);
  // Voided outside the storefront (the sandbox's control plane, as the program's dashboard would).
  const { transactionCode } = sandbox.control.transactions.byInvoice(invoiceCode)!;
  const voided = await fetch(
    `${sandboxServer.url}/__sandbox/transactions/${transactionCode}/void`,
    {
      method: 'POST',
    },
  );
  expect(voided.status).toBe(200);
  await vi.waitFor(() => expect(orders.get(invoiceCode)?.state).toBe('voided'), {
    timeout: 5000,
    interval: 20,
  });
  expect(lines).toContain(`${invoiceCode} voided (seen by the watcher)`);
  // Voided is final: the watcher lets it go.
  await vi.waitFor(async () => expect(await storefront.followUp.list()).toEqual([]), {
    timeout: 5000,
    interval: 20,
  });
});

test('offers no schedule that has started', async () => {
  const started = sandbox.fixtures.schedules[2]!;
  const page = await (await get('/')).text();
  expect(page).toContain(`data-closed="${started.scheduleCode}" data-reason="started"`);
  expect(page).not.toContain(`data-buy="${started.scheduleCode}"`);
});
