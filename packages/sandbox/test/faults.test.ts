import { ProgramErrorCode as E, ProgramPath } from '@prakerja-kit/core';
import { expect, it } from 'vitest';
import { createSandbox } from '../src/index.js';
import { useSandbox } from '../src/vitest.js';
import { call, codeOf, control } from './helpers.js';
import { pick, purchase } from './purchase.js';

const env = useSandbox();

const quota = () => {
  const f = pick(env.fixtures);
  return call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, {
    course_code: f.course.courseCode,
    schedule_code: f.soon.scheduleCode,
  });
};

it('adds latency to matching requests', async () => {
  const added = await control(env.url, 'POST', '/faults', {
    kind: 'latency',
    path: ProgramPath.QUOTA_SCHEDULE,
    latencyMs: 300,
  });
  expect(added.status).toBe(200);
  const started = Date.now();
  expect((await quota()).status).toBe(200);
  expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  const again = Date.now();
  await quota();
  expect(Date.now() - again).toBeLessThan(250);
});

it('answers 5xx the given number of times, then recovers', async () => {
  await control(env.url, 'POST', '/faults', {
    kind: 'error',
    path: ProgramPath.QUOTA_SCHEDULE,
    status: 502,
    times: 2,
  });
  for (let index = 0; index < 2; index++) {
    const result = await quota();
    expect(result.status).toBe(502);
    expect(codeOf(result)).toBe(E.INTERNAL);
  }
  expect((await quota()).status).toBe(200);
  const [fault] = env.control.faults.list();
  expect(fault).toMatchObject({ hits: 2, remaining: 0 });
});

it('answers 429 with Retry-After', async () => {
  await control(env.url, 'POST', '/faults', {
    kind: 'rate-limit',
    path: '*',
    retryAfterSeconds: 7,
  });
  const result = await quota();
  expect(result.status).toBe(429);
  expect(result.headers.get('retry-after')).toBe('7');
  expect(codeOf(result)).toBe(E.RATE_LIMITED);
});

it('drops the connection before the state change: the purchase does not exist', async () => {
  const f = pick(env.fixtures);
  const sent = await call(env.url, f.dp, ProgramPath.SEND_OTP, {
    prakerja_id: f.eligible.prakerjaId,
    user_platform_id: 'u',
    course_code: f.course.courseCode,
    schedule_code: f.soon.scheduleCode,
    amount: f.course.price,
  });
  await control(env.url, 'POST', '/faults', {
    kind: 'drop-before',
    path: ProgramPath.AUTHORIZE,
    times: 1,
  });
  const body = {
    otp: env.control.sms.latestOtp(f.eligible.prakerjaId),
    invoice_url: 'https://dp.example/i',
    invoice_code: 'DROP-1',
  };
  const authorization = `Payment ${sent.body.data.payment_token}`;
  await expect(call(env.url, f.dp, ProgramPath.AUTHORIZE, body, { authorization })).rejects.toThrow(
    TypeError,
  );
  expect(env.control.transactions.byInvoice('DROP-1')).toBeUndefined();
  const retried = await call(env.url, f.dp, ProgramPath.AUTHORIZE, body, { authorization });
  expect(retried.status).toBe(200);
});

it('drops the connection after the commit: the client sees a socket error but the purchase exists', async () => {
  const f = pick(env.fixtures);
  await control(env.url, 'POST', '/faults', {
    path: ProgramPath.AUTHORIZE,
    kind: 'drop-after-commit',
    times: 1,
  });
  await expect(purchase(env.sandbox, env.url, { invoiceCode: 'COMMITTED-1' })).rejects.toThrow(
    TypeError,
  );
  expect(env.control.transactions.byInvoice('COMMITTED-1')?.status).toBe('SUCCESS');
  const status = await call(env.url, f.dp, ProgramPath.PAYMENT_STATUS, {
    invoice_code: 'COMMITTED-1',
  });
  expect(status.body.data.status).toBe('SUCCESS');
});

it('skews the server clock so fresh timestamps fall outside the window', async () => {
  const added = await control(env.url, 'POST', '/faults', { kind: 'clock-skew', skewSeconds: 600 });
  expect(codeOf(await quota())).toBe(E.TIMESTAMP_OUT_OF_WINDOW);
  const f = pick(env.fixtures);
  const skewed = await call(
    env.url,
    f.dp,
    ProgramPath.QUOTA_SCHEDULE,
    {
      course_code: f.course.courseCode,
      schedule_code: f.soon.scheduleCode,
    },
    { timestamp: Math.floor(Date.now() / 1000) + 600 },
  );
  expect(skewed.status).toBe(200);
  expect(Date.parse(skewed.headers.get('date')!) - Date.now()).toBeGreaterThan(590_000);
  expect((await control(env.url, 'DELETE', `/faults/${added.body.id}`)).status).toBe(200);
  expect((await quota()).status).toBe(200);
});

it('decides probabilistic faults from the seed, identically in two sandboxes', async () => {
  const outcomes = async () => {
    const sandbox = createSandbox({ seed: 7 });
    sandbox.control.faults.add({ kind: 'error', path: '*', probability: 0.5, times: null });
    const f = pick(sandbox.fixtures);
    const statuses: number[] = [];
    for (let index = 0; index < 12; index++) {
      const response = await sandbox.fetch(
        new Request(`https://api.prakerja.go.id${ProgramPath.QUOTA_SCHEDULE}`, {
          method: 'POST',
          body: '{}',
        }),
      );
      statuses.push(response.status);
    }
    await sandbox.close();
    return { statuses, code: f.course.courseCode };
  };
  const first = await outcomes();
  expect(await outcomes()).toEqual(first);
  expect(first.statuses).toContain(503);
  expect(first.statuses.some((status) => status !== 503)).toBe(true);
});

it('refuses bad fault input with a clear 400', async () => {
  const bad = [
    { kind: 'explode' },
    { kind: 'error', status: 404 },
    { kind: 'latency', latencyMs: -1 },
    { kind: 'error', path: 'no-slash' },
    { kind: 'error', times: 0 },
    JSON.stringify('not an object'),
    '{not json',
  ];
  for (const body of bad) {
    const result = await control(env.url, 'POST', '/faults', body);
    expect(result.status).toBe(400);
    expect(result.body.error).toMatch(/fault|object|JSON/);
  }
  expect((await control(env.url, 'DELETE', '/faults/flt_nope')).status).toBe(404);
});
