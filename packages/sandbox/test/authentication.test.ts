import { createHmac } from 'node:crypto';
import { connect } from 'node:net';
import { ProgramErrorCode as E, PROGRAM_ERRORS, ProgramPath } from '@prakerja-kit/core';
import { expect, it } from 'vitest';
import { useSandbox } from '../src/vitest.js';
import { call, codeOf } from './helpers.js';
import { pick } from './purchase.js';

const env = useSandbox({ timestampToleranceSeconds: 120 });

const quotaBody = () => {
  const f = pick(env.fixtures);
  return { course_code: f.course.courseCode, schedule_code: f.soon.scheduleCode };
};

it('succeeds with a request signed by hand with fetch and node:crypto (the program-api.md recipe)', async () => {
  const { clientCode, signKey } = env.fixtures.platforms[0]!;
  const path = '/api/v1/integration/payment/quota-schedule';
  const body = JSON.stringify(quotaBody());
  const timestamp = String(Math.round(Date.now() / 1000));
  const rawSignature = clientCode + timestamp + 'POST' + path + body;
  const signature = createHmac('sha1', signKey).update(rawSignature).digest('hex');
  const response = await fetch(env.url + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', client_code: clientCode, signature, timestamp },
    body,
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ success: true, data: { quota: 20 } });
});

it('accepts a Python-style spaced body verified against its compact form', async () => {
  const f = pick(env.fixtures);
  const compact = JSON.stringify(quotaBody());
  const spaced = `{"course_code": "${f.course.courseCode}", "schedule_code": "${f.soon.scheduleCode}"}`;
  const result = await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, undefined, {
    rawBody: spaced,
    signedBody: compact,
  });
  expect(result.status).toBe(200);
  // Signing the spaced bytes as sent works too.
  const asSent = await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, undefined, {
    rawBody: spaced,
  });
  expect(asSent.status).toBe(200);
});

it('rejects a signature over other bytes, another key or garbage (SBX_GEN40101)', async () => {
  const f = pick(env.fixtures);
  const results = [
    await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, quotaBody(), {
      signedBody: '{"course_code":"x"}',
    }),
    await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, quotaBody(), {
      signKey: 'sk_sandbox_fake_wrong',
    }),
    await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, quotaBody(), {
      headers: { signature: 'not-hex' },
    }),
    await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, quotaBody(), {
      method: 'POST',
      headers: { 'x-extra': '1' },
      signedBody: '',
    }),
  ];
  for (const result of results) {
    expect(result.status).toBe(401);
    expect(result.body).toEqual({
      code: E.INVALID_SIGNATURE,
      message: PROGRAM_ERRORS[E.INVALID_SIGNATURE].message,
      success: false,
    });
  }
});

it('accepts an upper-case hex signature, as the shared verifier compares case-insensitively', async () => {
  const f = pick(env.fixtures);
  const timestamp = Math.floor(Date.now() / 1000);
  const body = JSON.stringify(quotaBody());
  const upper = createHmac('sha1', f.dp.signKey)
    .update(`${f.dp.clientCode}${timestamp}POST${ProgramPath.QUOTA_SCHEDULE}${body}`)
    .digest('hex')
    .toUpperCase();
  const result = await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, undefined, {
    rawBody: body,
    timestamp,
    headers: { signature: upper },
  });
  expect(result.status).toBe(200);
});

it('rejects missing headers (SBX_GEN40001) and an unknown client (SBX_GEN40102)', async () => {
  const f = pick(env.fixtures);
  for (const header of ['client_code', 'signature', 'timestamp']) {
    const result = await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, quotaBody(), {
      headers: { [header]: '' },
    });
    expect(codeOf(result)).toBe(E.MISSING_AUTH_HEADER);
    expect(result.status).toBe(400);
  }
  const unknown = await call(
    env.url,
    { clientCode: 'dp-unknown', signKey: 'sk_sandbox_fake_x' },
    ProgramPath.QUOTA_SCHEDULE,
    quotaBody(),
  );
  expect(codeOf(unknown)).toBe(E.UNKNOWN_CLIENT);
  expect(unknown.status).toBe(401);
});

it('rejects a timestamp outside the configured window either way (SBX_GEN40103)', async () => {
  const f = pick(env.fixtures);
  const now = Math.floor(Date.now() / 1000);
  for (const timestamp of [now - 130, now + 130]) {
    const result = await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, quotaBody(), {
      timestamp,
    });
    expect(codeOf(result)).toBe(E.TIMESTAMP_OUT_OF_WINDOW);
  }
  const milliseconds = await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, quotaBody(), {
    headers: { timestamp: String(Date.now()) },
  });
  expect(codeOf(milliseconds)).toBe(E.TIMESTAMP_OUT_OF_WINDOW);
  for (const timestamp of [now - 110, now + 110]) {
    const result = await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, quotaBody(), {
      timestamp,
    });
    expect(result.status).toBe(200);
  }
});

it('checks the timestamp against wall time, not the time-travelled sandbox clock', async () => {
  const f = pick(env.fixtures);
  env.control.clock.advance({ days: 2 });
  const result = await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, quotaBody());
  expect(result.status).toBe(200);
});

it('answers malformed JSON with SBX_GEN40002 and keeps serving', async () => {
  const f = pick(env.fixtures);
  const result = await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, undefined, {
    rawBody: '{"course_code":',
  });
  expect(codeOf(result)).toBe(E.MALFORMED_BODY);
  const trailingComma = await call(env.url, f.dp, ProgramPath.PAYMENT_STATUS, undefined, {
    rawBody: '{"invoice_code":"x",}',
  });
  expect(codeOf(trailingComma)).toBe(E.MALFORMED_BODY);
  expect((await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, quotaBody())).status).toBe(200);
});

it('answers an oversized body with 413 SBX_GEN41301 and keeps serving', async () => {
  const f = pick(env.fixtures);
  const huge = JSON.stringify({ course_code: 'x'.repeat(200 * 1024) });
  const result = await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, undefined, {
    rawBody: huge,
  });
  expect(result.status).toBe(413);
  expect(codeOf(result)).toBe(E.PAYLOAD_TOO_LARGE);
  const control = await fetch(`${env.url}/__sandbox/faults`, { method: 'POST', body: huge });
  expect(control.status).toBe(413);
  expect((await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, quotaBody())).status).toBe(200);
});

it('answers unknown paths and wrong methods with 404 SBX_GEN40401', async () => {
  const f = pick(env.fixtures);
  const unknown = await call(env.url, f.dp, '/api/v1/integration/payment/nope', {});
  expect(unknown.status).toBe(404);
  expect(codeOf(unknown)).toBe(E.NOT_FOUND);
  const get = await fetch(`${env.url}${ProgramPath.QUOTA_SCHEDULE}`);
  expect(get.status).toBe(404);
  const odd = await fetch(`${env.url}/%E0%A4%A`, { method: 'DELETE' });
  expect(odd.status).toBe(404);
  expect((await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, quotaBody())).status).toBe(200);
});

it('sends a Date header so clients can measure clock skew', async () => {
  const result = await call(
    env.url,
    pick(env.fixtures).dp,
    ProgramPath.QUOTA_SCHEDULE,
    quotaBody(),
  );
  const date = Date.parse(result.headers.get('date') ?? '');
  expect(Math.abs(date - Date.now())).toBeLessThan(5000);
});

it('survives garbage on the socket and a client that hangs up mid-body', async () => {
  const { hostname, port } = new URL(env.url);
  const exchange = (bytes: string, end: boolean) =>
    new Promise<string>((resolve) => {
      const socket = connect(Number(port), hostname, () => {
        socket.write(bytes);
        if (end) socket.end();
        else setTimeout(() => socket.destroy(), 50);
      });
      let reply = '';
      socket.on('data', (chunk) => {
        reply += chunk.toString();
      });
      socket.on('close', () => resolve(reply));
      socket.on('error', () => resolve(reply));
    });
  expect(await exchange('NOT HTTP AT ALL\r\n\r\n', true)).toMatch(/^HTTP\/1\.1 400/);
  await exchange(
    `POST ${ProgramPath.QUOTA_SCHEDULE} HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"course`,
    false,
  );
  expect(
    (await call(env.url, pick(env.fixtures).dp, ProgramPath.QUOTA_SCHEDULE, quotaBody())).status,
  ).toBe(200);
});
