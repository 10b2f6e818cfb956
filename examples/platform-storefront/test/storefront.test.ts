import { ProgramPath } from '@prakerja-kit/core';
import { createPlatformClient } from '@prakerja-kit/platform';
import { createSandbox, type Sandbox, type SandboxServer } from '@prakerja-kit/sandbox';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { connectSandbox, createApp, listen, type RunningServer } from '../src/index.js';

let sandbox: Sandbox;
let sandboxServer: SandboxServer;
let app: RunningServer;
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
    // Quick give-up for the test of an outcome that stays unknown.
    maxRetries: 1,
    reconcile: { attempts: 2, delayMs: 20 },
  });
  app = await listen(
    createApp({
      client,
      courses: connection.courses,
      schedules: connection.schedules,
      publicUrl: 'http://storefront.test',
      devOtp: connection.latestOtp,
      devPrakerjaId: connection.prakerjaId,
      log: (line) => lines.push(line),
    }),
  );
});

afterEach(async () => {
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
  const prakerjaId = sandbox.fixtures.participants[0]!.prakerja_id;
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
  expect(await (await get('/')).text()).toContain(`data-seats="${schedule.schedule_code}">20<`);

  const invoicePath = await checkout(schedule.schedule_code);
  const invoice = await (await get(invoicePath)).text();
  expect(invoice).toContain('data-state="paid"');
  expect(invoice).toContain('id="program-status">SUCCESS<');
  expect(await (await get('/')).text()).toContain(`data-seats="${schedule.schedule_code}">19<`);

  expect((await post(`${invoicePath}/void`, {})).status).toBe(303);
  expect(await (await get(invoicePath)).text()).toContain('data-state="voided"');
  expect(await (await get('/')).text()).toContain(`data-seats="${schedule.schedule_code}">20<`);
  // Logs mask the buyer's Prakerja number.
  expect(lines.join('\n')).not.toContain(sandbox.fixtures.participants[0]!.prakerja_id);
});

test('a purchase whose authorize answer was lost is reconciled, not bought twice', async () => {
  sandbox.control.faults.add({ kind: 'drop-after-commit', path: ProgramPath.AUTHORIZE });
  const schedule = sandbox.fixtures.schedules[0]!;
  const invoicePath = await checkout(schedule.schedule_code);
  expect(await (await get(invoicePath)).text()).toContain('data-state="paid"');
  const buyer = sandbox.fixtures.participants[0]!.prakerja_id;
  const purchases = sandbox.control.transactions.list().filter((item) => item.prakerjaId === buyer);
  expect(purchases).toHaveLength(1);
  expect(lines.join('\n')).toContain('reconciled');
});

test('shows the program refusal as a message for the buyer', async () => {
  const started = sandbox.fixtures.schedules[2]!; // started 2 hours ago (SBX_PLT40003)
  const prakerjaId = sandbox.fixtures.participants[0]!.prakerja_id;
  const response = await post(`/checkout/${started.schedule_code}`, { prakerja_id: prakerjaId });
  expect(response.status).toBe(422);
  expect(await response.text()).toContain('id="error"');
});

test('an authorize that stays unknown (status down too) is shown as such, then reconciled', async () => {
  sandbox.control.faults.add({ kind: 'drop-after-commit', path: ProgramPath.AUTHORIZE });
  sandbox.control.faults.add({
    kind: 'error',
    path: ProgramPath.PAYMENT_STATUS,
    status: 503,
    times: 20,
  });
  const invoicePath = await checkout(sandbox.fixtures.schedules[0]!.schedule_code);
  expect(await (await get(invoicePath)).text()).toContain('data-state="unknown"');

  sandbox.control.faults.clear();
  expect(await (await get(invoicePath)).text()).toContain('data-state="paid"');
  const buyer = sandbox.fixtures.participants[0]!.prakerja_id;
  expect(
    sandbox.control.transactions.list().filter((item) => item.prakerjaId === buyer),
  ).toHaveLength(1);
});
