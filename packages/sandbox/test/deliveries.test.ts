import { ProgramPath } from '@prakerja-kit/core';
import { isKnownEvent, verify } from '@prakerja-kit/webhooks';
import { afterEach, expect, it } from 'vitest';
import { useSandbox } from '../src/vitest.js';
import { call, control, startReceiver } from './helpers.js';
import { pick, purchase } from './purchase.js';

const env = useSandbox({ webhooks: { retryDelaysMs: [1_000, 60_000] } });
const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

async function receiver(respond?: Parameters<typeof startReceiver>[0]) {
  const started = await startReceiver(respond);
  receivers.push(started);
  return started;
}

it('delivers payment.authorized as a signed Standard Webhooks request', async () => {
  const hook = await receiver();
  const endpoint = await control(env.url, 'POST', '/webhooks', { url: `${hook.url}/hooks` });
  expect(endpoint.body.secret).toMatch(/^whsec_/);
  const { invoiceCode, transactionCode } = await purchase(env.sandbox, env.url);
  await env.control.deliveries.settle();
  expect(hook.received).toHaveLength(1);
  const [request] = hook.received;
  const event = await verify({
    payload: request!.body,
    headers: request!.headers as Record<string, string>,
    secret: endpoint.body.secret,
  });
  expect(isKnownEvent(event)).toBe(true);
  expect(event).toMatchObject({
    type: 'payment.authorized',
    data: { invoice_code: invoiceCode, transaction_code: transactionCode },
  });
  expect(request!.headers['webhook-id']).toBe(event.id);
  const log = await control(env.url, 'GET', '/deliveries');
  expect(log.body).toHaveLength(1);
  expect(log.body[0]).toMatchObject({
    eventId: event.id,
    status: 'succeeded',
    attempts: [{ statusCode: 200, error: null }],
  });
});

it('retries with backoff on the sandbox clock while the receiver fails, then succeeds', async () => {
  let failing = true;
  const hook = await receiver(() => (failing ? 500 : 204));
  env.control.webhooks.add({ url: hook.url, events: ['payment.authorized'] });
  await purchase(env.sandbox, env.url);
  await env.control.deliveries.settle();
  const [pending] = env.control.deliveries.list();
  expect(pending).toMatchObject({ status: 'pending', attempts: [{ statusCode: 500 }] });
  env.control.clock.advance({ ms: 1_000 });
  await env.control.deliveries.settle();
  expect(env.control.deliveries.get(pending!.id)?.attempts).toHaveLength(2);
  failing = false;
  await control(env.url, 'POST', '/clock/advance', { minutes: 1 });
  await env.control.deliveries.settle();
  const done = env.control.deliveries.get(pending!.id)!;
  expect(done.status).toBe('succeeded');
  expect(done.attempts.map((attempt) => attempt.statusCode)).toEqual([500, 500, 204]);
  const ids = new Set(hook.received.map((request) => request.headers['webhook-id']));
  expect(ids.size).toBe(1);
});

it('gives up after the last retry and redelivers by id with the same event id', async () => {
  let status = 503;
  const hook = await receiver(() => status);
  env.control.webhooks.add({ url: hook.url });
  await purchase(env.sandbox, env.url);
  await env.control.deliveries.settle();
  env.control.clock.advance({ seconds: 1 });
  await env.control.deliveries.settle();
  env.control.clock.advance({ minutes: 1 });
  await env.control.deliveries.settle();
  const [failed] = env.control.deliveries.list({ status: 'failed' });
  expect(failed?.attempts).toHaveLength(3);
  status = 200;
  const redelivered = await control(env.url, 'POST', `/deliveries/${failed!.id}/redeliver`);
  expect(redelivered.body.status).toBe('pending');
  await env.control.deliveries.settle();
  expect(env.control.deliveries.get(failed!.id)?.status).toBe('succeeded');
  expect(new Set(hook.received.map((request) => request.headers['webhook-id'])).size).toBe(1);
  expect((await control(env.url, 'POST', '/deliveries/dlv_nope/redeliver')).status).toBe(404);
});

it('records a connection error as a failed attempt', async () => {
  const hook = await receiver();
  await hook.close();
  env.control.webhooks.add({ url: hook.url });
  await purchase(env.sandbox, env.url);
  await env.control.deliveries.settle();
  const [delivery] = env.control.deliveries.list();
  expect(delivery?.attempts[0]).toMatchObject({
    statusCode: null,
    error: expect.stringMatching(/Error/),
  });
});

it('emits the whole event model along a course, with one disbursement per redeem code', async () => {
  const hook = await receiver();
  const { secret } = env.control.webhooks.add({ url: hook.url });
  const f = pick(env.fixtures);
  const { redeemCode, invoiceCode, transactionCode } = await purchase(env.sandbox, env.url);
  const generate = async (sequence: number) => {
    const result = await call(env.url, f.lp, ProgramPath.URL_GENERATE, {
      redeem_code: redeemCode,
      redirect_uri: 'http://127.0.0.1:3/prakerja/callback',
      email: 'x@lp.example',
      sequence,
    });
    env.control.verifications.approve(result.body.data.state);
  };
  await generate(1);
  const assignment = { redeem_code: redeemCode, scope: 'uk', sequence: 999 };
  await call(env.url, f.lp, ProgramPath.TPM_SUBMISSION, {
    ...assignment,
    url_file: 'https://files.example/uk.txt',
  });
  await call(env.url, f.lp, ProgramPath.TPM_FEEDBACK, { ...assignment, notes: 'Lulus' });
  expect(env.control.events.list('course.completed')).toEqual([]);
  await generate(999);
  // A second accepted UK feedback does not pay twice.
  await call(env.url, f.lp, ProgramPath.TPM_SUBMISSION, {
    ...assignment,
    url_file: 'https://files.example/uk2.txt',
  });
  await call(env.url, f.lp, ProgramPath.TPM_FEEDBACK, { ...assignment, notes: 'Lulus lagi' });
  await call(env.url, f.dp, ProgramPath.VOID, {
    invoice_code: invoiceCode,
    transaction_code: transactionCode,
  });
  await env.control.deliveries.settle();
  const events = await Promise.all(
    hook.received.map((request) =>
      verify({ payload: request.body, headers: request.headers as Record<string, string>, secret }),
    ),
  );
  expect(events.every((event) => isKnownEvent(event))).toBe(true);
  // Deliveries run concurrently (no ordering guarantee, as in Standard Webhooks); the log is ordered.
  const emitted = env.control.events.list();
  expect(events.map((event) => event.id).sort()).toEqual(emitted.map((event) => event.id).sort());
  expect(emitted.map((event) => event.type)).toEqual([
    'payment.authorized',
    'attendance.verified',
    'assignment.submitted',
    'assignment.reviewed',
    'attendance.verified',
    'course.completed',
    'incentive.disbursement_requested',
    'assignment.submitted',
    'assignment.reviewed',
    'payment.voided',
    'incentive.disbursement_cancelled',
  ]);
  const disbursement = events.find((event) => event.type === 'incentive.disbursement_requested')!;
  expect(disbursement.data).toMatchObject({
    redeem_code: redeemCode,
    prakerja_id: f.eligible.prakerjaId,
    amount: 600_000,
    currency: 'IDR',
    // The event keeps its wire name `account_number`; the fixture is camelCase.
    destination: {
      type: f.eligible.payout.type,
      provider: f.eligible.payout.provider,
      account_number: f.eligible.payout.accountNumber,
    },
  });
});

it('refuses bad webhook input with a clear 400', async () => {
  for (const body of [
    {},
    { url: 'ftp://x.example' },
    { url: 'http://x.example', secret: 'plain' },
    { url: 'http://x.example', events: 'all' },
  ]) {
    const result = await control(env.url, 'POST', '/webhooks', body);
    expect(result.status).toBe(400);
    expect(result.body.error).toMatch(/invalid webhook endpoint/);
  }
  expect((await control(env.url, 'DELETE', '/webhooks/whe_nope')).status).toBe(404);
});
