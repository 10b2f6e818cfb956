import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProgramPath } from '@prakerja-kit/core';
import { expect, it } from 'vitest';
import { createSandbox } from '../src/index.js';
import { useSandbox } from '../src/vitest.js';
import { call, control } from './helpers.js';
import { pick, purchase } from './purchase.js';

const env = useSandbox({ clock: { startAt: '2026-11-24T07:00:00.000Z' } });

it('serves the fixtures as JSON, equal to sandbox.fixtures', async () => {
  const result = await control(env.url, 'GET', '/fixtures');
  expect(result.status).toBe(200);
  expect(result.body).toEqual(env.fixtures);
  expect(result.body.startedAt).toBe('2026-11-24T07:00:00.000Z');
  expect(result.body.redeemCodes.map((code: { testCase: string }) => code.testCase)).toEqual([
    'TC1-001-200',
    'TC1-999-200',
    'TC2-001-200',
    'TC2-999-200',
    'TC1-001-400',
  ]);
});

it('is deterministic by seed: same seed, same fixtures and generated codes', async () => {
  const run = async (seed: number) => {
    const sandbox = createSandbox({ seed, clock: { startAt: '2026-11-24T07:00:00.000Z' } });
    const server = await sandbox.listen();
    const bought = await purchase(sandbox, server.url, { invoiceCode: 'DET-1' });
    await sandbox.close();
    return { fixtures: sandbox.fixtures, otp: sandbox.control.sms.list()[0]?.otp, ...bought };
  };
  const first = await run(42);
  expect(await run(42)).toEqual(first);
  expect((await run(43)).fixtures.platforms[0]?.signKey).not.toBe(
    first.fixtures.platforms[0]?.signKey,
  );
});

it('lists the routes, and reads the SMS inbox and latest OTP', async () => {
  const index = await control(env.url, 'GET', '');
  expect(index.body.routes).toContain(
    'GET /__sandbox/fixtures: seeded credentials, participants, courses, schedules, redeem codes',
  );
  const f = pick(env.fixtures);
  await purchase(env.sandbox, env.url);
  const inbox = await control(env.url, 'GET', `/sms?prakerjaId=${f.eligible.prakerjaId}`);
  expect(inbox.body).toHaveLength(1);
  const latest = await control(env.url, 'GET', `/sms/latest?prakerjaId=${f.eligible.prakerjaId}`);
  expect(latest.body.otp).toBe(inbox.body[0].otp);
  expect((await control(env.url, 'GET', '/transactions')).body).toHaveLength(6);
  expect((await control(env.url, 'GET', '/events?type=payment.authorized')).body).toHaveLength(1);
});

it('resets to the seeded state over HTTP', async () => {
  await purchase(env.sandbox, env.url);
  await control(env.url, 'POST', '/clock/advance', { hours: 5 });
  await control(env.url, 'POST', '/faults', { kind: 'latency', latencyMs: 1 });
  expect((await control(env.url, 'POST', '/reset')).body).toEqual({ reset: true });
  expect(env.control.transactions.list().map((item) => item.invoiceCode)).toEqual(
    env.fixtures.redeemCodes.map((code) => code.invoiceCode),
  );
  expect(env.control.faults.list()).toEqual([]);
  expect((await control(env.url, 'GET', '/clock')).body.now.slice(0, 16)).toBe('2026-11-24T07:00');
});

it('travels in time and sets the clock', async () => {
  const advanced = await control(env.url, 'POST', '/clock/advance', { days: 1, hours: 2 });
  expect(advanced.body.now.slice(0, 16)).toBe('2026-11-25T09:00');
  const set = await control(env.url, 'POST', '/clock', { now: '2027-01-01T00:00:00Z' });
  expect(set.body.now.slice(0, 16)).toBe('2027-01-01T00:00');
});

it('refuses to move the clock out of the range the program formats can express', async () => {
  const before = (await control(env.url, 'GET', '/clock')).body.now;
  const tooFar = await control(env.url, 'POST', '/clock/advance', { days: 1e9 });
  expect(tooFar.status).toBe(400);
  expect(tooFar.body.error).toMatch(/would move sandbox time past 9999-12-31T23:59:59.999Z/);
  for (const now of ['+275760-09-13T00:00:00.000Z', '1969-12-31T23:59:59Z']) {
    const refused = await control(env.url, 'POST', '/clock', { now });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/between 1970-01-01 and 9999-12-31/);
  }
  expect(() => env.control.clock.advance({ days: 1e9 })).toThrow(/past 9999-12-31/);
  // Nothing moved.
  expect((await control(env.url, 'GET', '/clock')).body.now.slice(0, 16)).toBe(before.slice(0, 16));
});

it('approves and rejects verifications headlessly over HTTP', async () => {
  const f = pick(env.fixtures);
  const { redeemCode } = await purchase(env.sandbox, env.url);
  const generated = await call(env.url, f.lp, ProgramPath.URL_GENERATE, {
    redeem_code: redeemCode,
    redirect_uri: 'https://lp-sandbox-01.example/prakerja/callback',
    email: 'a@lp.example',
  });
  const { state } = generated.body.data;
  expect((await control(env.url, 'GET', '/verifications')).body[0]).toMatchObject({
    state,
    status: 'pending',
  });
  const approved = await control(env.url, 'POST', `/verifications/${state}/approve`);
  expect(approved.body.redirectUrl).toBe(
    `https://lp-sandbox-01.example/prakerja/callback?state=${state}&result=approved&redeem_code=${redeemCode}&sequence=1`,
  );
  expect((await control(env.url, 'POST', `/verifications/${state}/reject`)).status).toBe(409);
  expect((await control(env.url, 'POST', '/verifications/vst_nope/approve')).status).toBe(404);
  expect(
    (await control(env.url, 'GET', `/redeem-codes/${redeemCode}`)).body.attendance['1'].status,
  ).toBe(1);
});

it('registers extra redirect URIs and consents to SSO headlessly', async () => {
  const f = pick(env.fixtures);
  expect(
    (
      await control(env.url, 'POST', '/redirect-uris', {
        clientCode: f.lp.clientCode,
        uri: 'https://lms.example/back',
      })
    ).status,
  ).toBe(200);
  const consent = await control(env.url, 'POST', '/sso/consent', {
    clientId: f.lp.clientCode,
    prakerjaId: f.eligible.prakerjaId,
    redirectUri: 'https://lms.example/back',
    state: 'abc',
  });
  expect(consent.body.redirectUrl).toBe(
    `https://lms.example/back?code=${consent.body.code}&state=abc`,
  );
});

it('answers bad control-plane input with a clear 4xx', async () => {
  const cases: [string, string, unknown, number, RegExp][] = [
    ['GET', '/nope', undefined, 404, /unknown control route/],
    ['DELETE', '/fixtures', undefined, 405, /not allowed/],
    ['POST', '/clock/advance', '{bad', 400, /not valid JSON/],
    ['POST', '/clock/advance', { years: 1 }, 400, /duration/],
    ['POST', '/clock/advance', { hours: -1 }, 400, /duration/],
    ['POST', '/clock/advance', [], 400, /object/],
    ['POST', '/clock', { now: 'tomorrow' }, 400, /invalid time/],
    ['POST', '/clock', {}, 400, /"now"/],
    ['GET', '/sms/latest', undefined, 400, /prakerjaId/],
    ['GET', '/sms/latest?prakerjaId=none', undefined, 404, /no SMS/],
    ['GET', '/deliveries?status=odd', undefined, 400, /status/],
    ['GET', '/deliveries/dlv_none', undefined, 404, /no delivery/],
    ['GET', '/redeem-codes/NOPE', undefined, 404, /no redeem code/],
    ['GET', '/redeem-codes/%E0%A4%A', undefined, 400, /percent-encoding/],
    [
      'POST',
      '/redirect-uris',
      { clientCode: 'lp-none', uri: 'https://x.example' },
      404,
      /no provider/,
    ],
    [
      'POST',
      '/redirect-uris',
      { clientCode: 'lp-sandbox-01', uri: 'nope' },
      400,
      /invalid redirect URI/,
    ],
    ['POST', '/sso/consent', { clientId: 'lp-sandbox-01' }, 400, /prakerjaId/],
    [
      'POST',
      '/sso/consent',
      { clientId: 'x', prakerjaId: 'y', redirectUri: 'z' },
      400,
      /client_id/,
    ],
    ['PUT', '/state', { version: 2 }, 400, /not a sandbox state/],
  ];
  for (const [method, path, body, status, message] of cases) {
    const result = await control(env.url, method, path, body);
    expect([path, result.status]).toEqual([path, status]);
    expect(result.body.error).toMatch(message);
  }
  expect((await control(env.url, 'GET', '/fixtures')).status).toBe(200);
});

it('exports and imports the whole state', async () => {
  const { invoiceCode } = await purchase(env.sandbox, env.url);
  const exported = await control(env.url, 'GET', '/state');
  await control(env.url, 'POST', '/reset');
  expect(env.control.transactions.byInvoice(invoiceCode)).toBeUndefined();
  expect((await control(env.url, 'PUT', '/state', exported.body)).body).toEqual({ imported: true });
  expect(env.control.transactions.byInvoice(invoiceCode)?.status).toBe('SUCCESS');
});

it('saves the state to a JSON file and loads it on the next start', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'prakerja-sandbox-'));
  const stateFile = join(directory, 'state.json');
  try {
    const first = createSandbox({ stateFile });
    const server = await first.listen();
    const { invoiceCode } = await purchase(first, server.url);
    await first.close();
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).version).toBe(1);
    const second = createSandbox({ stateFile });
    expect(second.control.transactions.byInvoice(invoiceCode)?.status).toBe('SUCCESS');
    expect(second.fixtures).toEqual(first.fixtures);
    await second.close();
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
