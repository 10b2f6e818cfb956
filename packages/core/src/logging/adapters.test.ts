import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import winston from 'winston';
import { ProgramPath } from '../constants.js';
import * as z from '../schema/index.js';
import { createTransport } from '../transport/create-transport.js';
import { fromConsole, fromPino, fromWinston, type Logger } from './logger.js';

const SIGN_KEY = 'sk_test_fake_obs_0123456789';
const OTP = '482913';
const PAYMENT_TOKEN = 'ptok_fake_7c1e9a55';
const ACCESS_TOKEN = 'atok_fake_93kd82jd';
const REDEEM_CODE = 'PRAT-ZZ9XQ1';
const EMAIL = 'rina.lestari@example.com';
const PRAKERJA_ID = '3174012345678901';
const USER_PLATFORM_ID = 'user-884213';
const SECRETS = [SIGN_KEY, OTP, PAYMENT_TOKEN, ACCESS_TOKEN];
const PII = [REDEEM_CODE, EMAIL, PRAKERJA_ID, USER_PLATFORM_ID];

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

// A 503 (retried: read-only) then a success: request and response lines at debug, a retry at info.
function scriptedFetch(): typeof fetch {
  const answers = [
    () => json({ success: false, message: `sibuk ${EMAIL}` }, 503, { 'retry-after': '0' }),
    () => json({ success: true, message: 'OK', data: { quota: 3 } }),
  ];
  let index = 0;
  return async () => (answers[Math.min(index++, answers.length - 1)] as () => Response)();
}

// Everything the SDK logs for one call, plus a warn and an error line as SDK components write
// them (through the transport's redacting logger).
async function exercise(logger: Logger): Promise<void> {
  const transport = createTransport({
    clientCode: 'dp-obs-fake',
    signKey: SIGN_KEY,
    baseUrl: 'https://sandbox.test',
    fetch: scriptedFetch(),
    logger,
    retry: { baseDelayMs: 0, maxDelayMs: 0 },
  });
  await transport.request({
    method: 'POST',
    path: ProgramPath.QUOTA_SCHEDULE,
    body: {
      otp: OTP,
      redeem_code: REDEEM_CODE,
      email: EMAIL,
      prakerja_id: PRAKERJA_ID,
      user_platform_id: USER_PLATFORM_ID,
      access_token: ACCESS_TOKEN,
    },
    authorization: `Payment ${PAYMENT_TOKEN}`,
    secrets: [OTP, PAYMENT_TOKEN],
    readOnly: true,
    data: z.object({ quota: z.number() }),
  });
  const sensitive = {
    event: 'test.sensitive',
    signKey: SIGN_KEY,
    signature: 'a'.repeat(64),
    paymentToken: PAYMENT_TOKEN,
    redeemCode: REDEEM_CODE,
    email: EMAIL,
    userPlatformId: USER_PLATFORM_ID,
  };
  transport.logger.warn(`warn with key ${SIGN_KEY}`, sensitive);
  transport.logger.error(`error with key ${SIGN_KEY}`, sensitive);
}

function assertClean(output: string): void {
  for (const secret of SECRETS) expect(output).not.toContain(secret);
  for (const value of PII) expect(output).not.toContain(value);
  expect(output).not.toContain('a'.repeat(40));
}

function memoryStream(lines: string[]): Writable {
  return new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
}

const parse = (lines: string[]) =>
  lines
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('fromPino', () => {
  it('writes structured records at every level, with no secret and no unmasked PII', async () => {
    const lines: string[] = [];
    await exercise(fromPino(pino({ level: 'debug' }, memoryStream(lines))));
    await new Promise((resolve) => setImmediate(resolve));
    const records = parse(lines);
    const levels = new Set(records.map((record) => record['level']));
    expect([...levels].sort()).toEqual([20, 30, 40, 50]); // debug, info, warn, error
    expect(records).toContainEqual(
      expect.objectContaining({
        msg: 'request',
        event: 'prakerja.request',
        endpoint: ProgramPath.QUOTA_SCHEDULE,
        attempt: 1,
      }),
    );
    expect(records).toContainEqual(
      expect.objectContaining({
        msg: 'response',
        event: 'prakerja.response',
        attempt: 2,
        status: 200,
        durationMs: expect.any(Number),
      }),
    );
    expect(records).toContainEqual(
      expect.objectContaining({ msg: 'retrying', event: 'prakerja.retry', status: 503 }),
    );
    const body = records.find((record) => record['event'] === 'prakerja.request')?.['body'];
    expect(body).toMatchObject({
      otp: '[REDACTED]',
      redeem_code: 'PRAT-****Q1',
      email: 'r***@example.com',
    });
    assertClean(lines.join(''));
  });

  it('adapts a pino instance a JavaScript caller passes as is', async () => {
    const lines: string[] = [];
    const raw = pino({ level: 'debug' }, memoryStream(lines));
    await exercise(raw as unknown as Logger);
    const records = parse(lines);
    expect(records).toContainEqual(
      expect.objectContaining({ msg: 'request', event: 'prakerja.request', attempt: 1 }),
    );
    assertClean(lines.join(''));
  });
});

describe('fromWinston', () => {
  it('writes structured records at every level, with no secret and no unmasked PII', async () => {
    const lines: string[] = [];
    const logger = winston.createLogger({
      level: 'debug',
      format: winston.format.json(),
      transports: [new winston.transports.Stream({ stream: memoryStream(lines) })],
    });
    await exercise(fromWinston(logger));
    await new Promise((resolve) => setImmediate(resolve));
    const records = parse(lines);
    expect(new Set(records.map((record) => record['level']))).toEqual(
      new Set(['debug', 'info', 'warn', 'error']),
    );
    expect(records).toContainEqual(
      expect.objectContaining({
        message: 'response',
        event: 'prakerja.response',
        endpoint: ProgramPath.QUOTA_SCHEDULE,
        status: 200,
      }),
    );
    assertClean(lines.join(''));
  });
});

describe('fromConsole', () => {
  it('calls console-like methods as (message, fields), redacted', async () => {
    const calls: unknown[][] = [];
    const record = (...args: unknown[]) => calls.push(args);
    await exercise(fromConsole({ debug: record, info: record, warn: record, error: record }));
    expect(calls).toContainEqual([
      'request',
      expect.objectContaining({ event: 'prakerja.request' }),
    ]);
    assertClean(JSON.stringify(calls));
  });
});
