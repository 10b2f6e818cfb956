import { ProgramApiError, RequestValidationError } from '@prakerja-kit/core';
import { expect, test, vi } from 'vitest';
import { fail, fakeClient, ok } from '../../test/support/fake-program.js';

const SSO = {
  redirectUri: 'https://lp.test/sso/callback',
  loginUri: 'https://lp.test/login',
  clientName: 'LP Demo',
};
const NOW = 1_700_000_000_000;
const token = (accessToken: string, expiresIn: string | number) => ({
  access_token: accessToken,
  expires_in: expiresIn,
  refresh_token: `refresh-${accessToken}`,
  scope: 'name email',
  token_type: 'Bearer',
});

test('the consent URL carries every documented parameter, encodeURIComponent-encoded', async () => {
  const { client, received } = fakeClient(() => ok({}), { sso: SSO });
  const { url, state } = await client.sso.createConsentUrl();
  expect(url.startsWith('https://oauth.prakerja.go.id/consent-sso?')).toBe(false);
  expect(
    url.startsWith(
      'https://program.test/consent-sso?scope=name%20email%20prakerjaid%20notelp&state=',
    ),
  ).toBe(true);
  const query = new URL(url).searchParams;
  expect(query.get('state')).toBe(state);
  expect(query.get('redirect_uri')).toBe(SSO.redirectUri);
  expect(query.get('login_uri')).toBe(SSO.loginUri);
  expect(query.get('client_id')).toBe('lp-unit-test');
  expect(query.get('client_name')).toBe('LP Demo');
  expect(url).toContain('client_name=LP%20Demo');
  expect(received).toHaveLength(0);
});

test('the production consent page is used with production hosts', async () => {
  const { client } = fakeClient(() => ok({}), { sso: SSO, baseUrl: undefined });
  const { url } = await client.sso.createConsentUrl({ scope: ['email'] });
  expect(url.startsWith('https://oauth.prakerja.go.id/consent-sso?scope=email&')).toBe(true);
});

test('the server login URL is a signed GET with the X- headers', async () => {
  const { client, received } = fakeClient(
    () => ({
      body: {
        message: 'no error',
        success: true,
        errorCode: '0',
        data: { redirect_url: 'https://sso.program.test/login?x=1' },
      },
    }),
    { sso: SSO },
  );
  const { url, state } = await client.sso.createLoginUrl();
  expect(url).toBe('https://sso.program.test/login?x=1');
  const request = received[0];
  expect(request?.method).toBe('GET');
  expect(request?.url.pathname).toBe('/api/v1/oauth/authorize');
  expect(request?.url.searchParams.get('state')).toBe(state);
  expect(request?.headers.get('x-client-id')).toBe('lp-unit-test');
  expect(request?.headers.get('x-signature')).toMatch(/^[0-9a-f]{40}$/);
  expect(request?.headers.get('x-timestamp')).toMatch(/^\d+$/);
  expect(request?.headers.get('client_code')).toBeNull();
});

test('handleCallback checks the state against the kept one, then exchanges the code', async () => {
  const { client, received } = fakeClient(() => ok(token('at-1', '1700003600')), {
    sso: SSO,
    clock: { now: () => NOW },
  });
  const { state } = await client.sso.createConsentUrl();
  const result = await client.sso.handleCallback({
    returnUrl: `/sso/callback?code=abc&state=${encodeURIComponent(state)}`,
    state,
  });
  expect(result).toEqual({
    outcome: 'signed_in',
    token: {
      accessToken: 'at-1',
      refreshToken: 'refresh-at-1',
      expiresAt: 1_700_003_600,
      scope: 'name email',
      tokenType: 'Bearer',
    },
  });
  expect(received[0]?.url.pathname).toBe('/api/v1/oauth/token');
  expect(received[0]?.body).toEqual({ code: 'abc' });
  expect(received[0]?.headers.get('x-client-id')).toBe('lp-unit-test');
  expect(received[0]?.headers.get('x-signature')).toBeNull();
});

test('handleCallback refuses another browser state, a forged state and a missing code', async () => {
  const { client, received } = fakeClient(() => ok(token('at', '1700003600')), { sso: SSO });
  const mine = (await client.sso.createConsentUrl()).state;
  const theirs = (await client.sso.createConsentUrl()).state;
  expect(
    await client.sso.handleCallback({ returnUrl: `/cb?code=x&state=${theirs}`, state: mine }),
  ).toEqual({
    outcome: 'rejected',
    reason: 'state_mismatch',
  });
  expect(
    await client.sso.handleCallback({ returnUrl: '/cb?code=x&state=v1.a.b', state: 'v1.a.b' }),
  ).toEqual({
    outcome: 'rejected',
    reason: 'invalid_state',
  });
  expect(await client.sso.handleCallback({ returnUrl: `/cb?state=${mine}`, state: mine })).toEqual({
    outcome: 'rejected',
    reason: 'missing_code',
  });
  expect(received).toHaveLength(0);
});

test('an attendance state is not accepted on the SSO callback', async () => {
  const { client } = fakeClient(() => ok({ url: 'https://verify.program.test/v' }), { sso: SSO });
  const { state } = await client.attendance.createVerificationUrl({
    redeemCode: 'PRAT-AAAAAA',
    email: 'a@b.co',
  });
  expect(
    await client.sso.handleCallback({ returnUrl: `/cb?code=x&state=${state}`, state }),
  ).toEqual({
    outcome: 'rejected',
    reason: 'invalid_state',
  });
});

test('a duration-like expires_in is read as seconds from now', async () => {
  const { client } = fakeClient(() => ok(token('at', 3600)), { clock: { now: () => NOW } });
  expect((await client.sso.createToken({ code: 'abc' })).expiresAt).toBe(1_700_003_600);
});

test('the profile call sends the access token without Bearer and maps the profile', async () => {
  const { client, received } = fakeClient(() =>
    ok({
      dp_user_id: 12,
      email: 'budi@example.com',
      name: 'Budi',
      no_prakerja: '1234567890123456',
      phone_number: '0812',
      user_id: 'u-1',
    }),
  );
  const profile = await client.sso.retrieveProfile({ accessToken: 'at-secret-1' });
  expect(received[0]?.headers.get('authorization')).toBe('at-secret-1');
  expect(profile).toEqual({
    dpUserId: '12',
    email: 'budi@example.com',
    name: 'Budi',
    prakerjaNumber: '1234567890123456',
    phoneNumber: '0812',
    userId: 'u-1',
  });
});

test('the bearer scheme is available for the profile call', async () => {
  const { client, received } = fakeClient(() => ok({}), { sso: { authorizationScheme: 'bearer' } });
  await client.sso.retrieveProfile({ accessToken: 'at-secret-1' });
  expect(received[0]?.headers.get('authorization')).toBe('Bearer at-secret-1');
});

test('an SSO error keeps its ERROAUTH code and never shows the token', async () => {
  const { client } = fakeClient(() => fail(400, 'ERROAUTH4030', 'Unauthorized at-secret-1'));
  const error = await client.sso
    .retrieveProfile({ accessToken: 'at-secret-1' })
    .catch((caught) => caught);
  expect(error).toBeInstanceOf(ProgramApiError);
  expect(error.code).toBe('ERROAUTH4030');
  expect(error.message).not.toContain('at-secret-1');
});

test('the token manager refreshes once shortly before expiry, for concurrent callers', async () => {
  let now = NOW;
  const { client, received } = fakeClient(() => ok(token('at-2', '1700007200')), {
    clock: { now: () => now },
  });
  const onRefresh = vi.fn();
  const manager = client.sso.createTokenManager(
    {
      accessToken: 'at-1',
      refreshToken: 'rt-1',
      expiresAt: 1_700_003_600,
      scope: undefined,
      tokenType: 'Bearer',
    },
    { onRefresh },
  );
  expect(await manager.getAccessToken()).toBe('at-1');
  expect(received).toHaveLength(0);
  now = (1_700_003_600 - 30) * 1000;
  const tokens = await Promise.all([manager.getAccessToken(), manager.getAccessToken()]);
  expect(tokens).toEqual(['at-2', 'at-2']);
  expect(received).toHaveLength(1);
  expect(received[0]?.url.pathname).toBe('/api/v1/oauth/token/refresh');
  expect(received[0]?.body).toEqual({ token: 'rt-1' });
  expect(onRefresh).toHaveBeenCalledTimes(1);
  expect(manager.token.expiresAt).toBe(1_700_007_200);
});

test('the refresh path can follow the curl example instead', async () => {
  const { client, received } = fakeClient(() => ok(token('at', '1700007200')), {
    sso: { refreshPath: '/api/v1/oauth/token' },
  });
  await client.sso.refreshToken({ refreshToken: 'rt-1' });
  expect(received[0]?.url.pathname).toBe('/api/v1/oauth/token');
});

test('token params fail with their own messages, naming the field', async () => {
  const { client, received } = fakeClient(() => ok({}), { sso: SSO });
  const cases = [
    [
      () => client.sso.retrieveProfile({ accessToken: '' }),
      '`accessToken`: expected a non-empty string',
    ],
    [
      () => client.sso.refreshToken({ refreshToken: ' ' }),
      '`refreshToken`: expected a non-empty string',
    ],
    [() => client.sso.createToken({ code: '' }), '`code`: expected a non-empty string'],
  ] as const;
  for (const [call, message] of cases) {
    const error = await call().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('redeem');
  }
  expect(received).toEqual([]);
});
