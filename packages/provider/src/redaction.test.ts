import type { LogFields, Logger } from '@prakerja-kit/core';
import { expect, test } from 'vitest';
import {
  FAKE_CREDENTIALS,
  FAKE_STATE_SECRET,
  fakeClient,
  ok,
  statusData,
} from '../test/support/fake-program.js';

test('debug logs never carry the sign key, the state secret, tokens or codes', async () => {
  const lines: string[] = [];
  const record = (message: string, fields?: LogFields) =>
    lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  const logger: Logger = { debug: record, info: record, warn: record, error: record };
  const { client } = fakeClient(
    (request) => {
      const path = request.url.pathname;
      if (path.endsWith('/url-generate'))
        return ok({ url: 'https://verify.program.test/v', state: 'program-state' });
      if (path.includes('/oauth/token')) {
        return ok({
          access_token: 'at-secret-xyz',
          expires_in: '1900000000',
          refresh_token: 'rt-secret-xyz',
        });
      }
      if (path.endsWith('/user_profile')) return ok({ name: 'Budi' });
      return ok(statusData('PRAT-UJ0EEQ', 1, 1));
    },
    { logger, logLevel: 'debug' },
  );
  const { state } = await client.attendance.createVerificationUrl({
    redeemCode: 'PRAT-UJ0EEQ',
    email: 'budi@example.com',
  });
  const confirmed = await client.attendance.confirm({
    state,
    returnUrl: '/attendance/return?state=program-state',
    email: 'budi@example.com',
    redeemCode: 'PRAT-UJ0EEQ',
  });
  expect(confirmed.outcome).toBe('verified');
  const token = await client.sso.createToken({ code: 'auth-code-secret' });
  await client.sso.refreshToken({ refreshToken: token.refreshToken });
  await client.sso.retrieveProfile({ accessToken: token.accessToken });
  const log = lines.join('\n');
  expect(lines.length).toBeGreaterThan(0);
  for (const secret of [
    FAKE_CREDENTIALS.signKey,
    FAKE_STATE_SECRET,
    state,
    'at-secret-xyz',
    'rt-secret-xyz',
    'auth-code-secret',
    'budi@example.com',
  ]) {
    expect(log).not.toContain(secret);
  }
});
