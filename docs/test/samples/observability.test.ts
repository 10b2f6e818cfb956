import { Writable } from 'node:stream';
import { ProgramPath } from '@prakerja-kit/core';
import { expect, it } from 'vitest';
import { createObservedClient, report } from '../../samples/observability.js';
import { useSandboxServer } from '../support/sandbox.js';

const env = useSandboxServer();

it('logs through pino and traces a purchase that times out and is reconciled', async () => {
  const lines: string[] = [];
  const logs = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  const dp = env.platform();
  const observed = createObservedClient(
    { clientCode: dp.clientCode, signKey: dp.signKey, baseUrl: env.url() },
    logs,
  );
  const { participants, courses, schedules } = env.sandbox.control.fixtures();
  const challenge = await observed.client.payments.sendOtp({
    prakerjaId: participants[0]!.prakerjaId,
    userPlatformId: 'user-42',
    courseCode: courses[0]!.courseCode,
    scheduleCode: schedules[0]!.scheduleCode,
    amount: courses[0]!.price,
  });
  const otp = env.sandbox.control.sms.latestOtp(participants[0]!.prakerjaId)!;
  // The program holds authorize 700 ms and then commits; the client gives up after 300 ms.
  env.sandbox.control.faults.add({ kind: 'latency', path: ProgramPath.AUTHORIZE, latencyMs: 700 });
  const result = await observed.client.payments.authorize(
    {
      paymentToken: challenge.paymentToken,
      otp,
      invoiceCode: 'INV-DOCS-OBS-1',
      invoiceUrl: 'https://shop.example/invoices/INV-DOCS-OBS-1',
    },
    { timeout: 300 },
  );
  expect(result).toMatchObject({ outcome: 'purchased', reconciled: true });

  const { tree, counters } = await report(observed);
  expect(tree.slice(0, 3)).toEqual([
    'payments.sendOtp',
    `  POST ${ProgramPath.SEND_OTP}`,
    'payments.authorize → purchased',
  ]);
  expect(tree[3]).toBe(`  POST ${ProgramPath.AUTHORIZE}`);
  expect(tree.slice(4)).toContain('  payments.reconcile.lookup');
  expect(tree.slice(4)).toContain(`    POST ${ProgramPath.PAYMENT_STATUS}`);
  expect(counters).toMatchObject({
    'prakerja.payment.outcomes{prakerja.operation=authorize,prakerja.outcome=purchased,prakerja.reconciled=true}': 1,
    'prakerja.payment.reconciliations{prakerja.operation=authorize,prakerja.outcome=purchased,prakerja.reconcile.result=found}': 1,
    'prakerja.client.request.duration{error.type=TimeoutError}': 1,
  });

  const records = lines
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  expect(records).toContainEqual(
    expect.objectContaining({
      msg: 'request',
      event: 'prakerja.request',
      endpoint: ProgramPath.AUTHORIZE,
    }),
  );
  const everything = lines.join('');
  for (const secret of [dp.signKey, otp, challenge.paymentToken, participants[0]!.prakerjaId]) {
    expect(everything).not.toContain(secret);
  }
  await observed.tracerProvider.shutdown();
  await observed.meterProvider.shutdown();
});
