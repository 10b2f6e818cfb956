import { ProgramErrorCode } from '@prakerja-kit/core';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import {
  codeOf,
  PROFILE,
  pressButton,
  profileSsoOptions,
  SSO_REDIRECT_URI,
  sent,
  startSandbox,
} from './support/sandbox.js';

let context: Awaited<ReturnType<typeof startSandbox>>;
beforeAll(async () => {
  context = await startSandbox();
});
afterAll(() => context.close());
beforeEach(() => context.sandbox.control.reset());

test('login through the server login URL, consent page, callback and profile', async () => {
  const client = context.makeClient();
  const login = await client.sso.createLoginUrl();
  expect(login.url.startsWith(`${context.server.url}/consent-sso?`)).toBe(true);
  const callback = await pressButton(login.url, 'decision', 'allow');
  expect(callback.startsWith(SSO_REDIRECT_URI)).toBe(true);
  const result = await client.sso.handleCallback({ returnUrl: callback, state: login.state });
  if (result.outcome !== 'signed_in') throw new Error(result.reason);
  expect(result.token.expiresAt).toBeGreaterThan(Date.now() / 1000 + 3000);
  const profile = await client.sso.retrieveProfile({ accessToken: result.token.accessToken });
  const participant = context.sandbox.fixtures.participants[0]!;
  expect(profile).toMatchObject({
    name: participant.name,
    email: participant.email,
    prakerjaNumber: participant.prakerjaId,
  });
});

test('login through the consent URL the LP builds itself', async () => {
  const client = context.makeClient();
  const consent = await client.sso.createConsentUrl({ scope: ['name', 'email'] });
  expect(consent.url).toContain('scope=name%20email');
  const callback = await pressButton(consent.url, 'decision', 'allow');
  const result = await client.sso.handleCallback({ returnUrl: callback, state: consent.state });
  expect(result.outcome).toBe('signed_in');
});

test('a callback with another browser state is refused and the code is not spent', async () => {
  const client = context.makeClient();
  const attacker = await client.sso.createConsentUrl();
  const victim = await client.sso.createConsentUrl();
  const callback = await pressButton(attacker.url, 'decision', 'allow');
  expect(await client.sso.handleCallback({ returnUrl: callback, state: victim.state })).toEqual({
    outcome: 'rejected',
    reason: 'state_mismatch',
  });
  expect(
    (await client.sso.handleCallback({ returnUrl: callback, state: attacker.state })).outcome,
  ).toBe('signed_in');
});

test('tokens refresh before expiry, and a spent refresh token is refused', async () => {
  const client = context.makeClient({
    sso: {
      redirectUri: SSO_REDIRECT_URI,
      loginUri: 'http://127.0.0.1/login',
      refreshMarginSeconds: 4000,
      ...profileSsoOptions(),
    },
  });
  const { code } = context.sandbox.control.sso.consent({
    clientId: context.lp.clientCode,
    prakerjaId: context.sandbox.fixtures.participants[1]!.prakerjaId,
    redirectUri: SSO_REDIRECT_URI,
    scope: 'name email',
  });
  const token = await client.sso.createToken({ code });
  expect(await codeOf(client.sso.createToken({ code }))).toBe(
    sent(ProgramErrorCode.OAUTH_AUTH_CODE_NOT_FOUND),
  );
  const manager = client.sso.createTokenManager(token);
  const fresh = await manager.getAccessToken(); // expires within the 4000 s margin: refreshed
  expect(fresh).not.toBe(token.accessToken);
  expect((await client.sso.retrieveProfile({ accessToken: fresh })).name).toBe(
    context.sandbox.fixtures.participants[1]!.name,
  );
  expect(await codeOf(client.sso.refreshToken({ refreshToken: token.refreshToken }))).toBe(
    sent(ProgramErrorCode.OAUTH_REFRESH_TOKEN_INVALID),
  );
  const viaCurlPath = context.makeClient({ sso: { refreshPath: '/api/v1/oauth/token' } });
  const curlRefresh = viaCurlPath.sso.refreshToken({ refreshToken: manager.token.refreshToken });
  if (PROFILE.switches.refreshPath === 'token-refresh') {
    // This profile's program refreshes only on /oauth/token/refresh: the curl path is refused.
    expect(await codeOf(curlRefresh)).toBe(sent(ProgramErrorCode.OAUTH_AUTH_CODE_NOT_FOUND));
  } else {
    expect((await curlRefresh).accessToken).toMatch(/^sat_/);
  }
});

test('the documented SSO errors reach the caller with their ERROAUTH codes', async () => {
  const client = context.makeClient();
  expect(await codeOf(client.sso.retrieveProfile({ accessToken: 'sat_not_a_real_token' }))).toBe(
    sent(ProgramErrorCode.OAUTH_CONTEXT_USER_ID_NOT_FOUND),
  );
  expect(await codeOf(client.sso.createToken({ code: 'not-a-code' }))).toBe(
    sent(ProgramErrorCode.OAUTH_AUTH_CODE_NOT_FOUND),
  );
  const unknown = context.makeClient({ clientCode: 'lp-unknown-client' });
  expect(await codeOf(unknown.sso.createToken({ code: 'x' }))).toBe(
    sent(ProgramErrorCode.OAUTH_CLIENT_ID_NOT_FOUND),
  );
  const otherId = context.makeClient({
    sso: {
      clientId: 'lp-sandbox-02',
      redirectUri: SSO_REDIRECT_URI,
      loginUri: 'http://127.0.0.1/login',
      ...profileSsoOptions(),
    },
  });
  expect(await codeOf(otherId.sso.createLoginUrl())).toBe(
    sent(ProgramErrorCode.OAUTH_CLIENT_ID_NOT_FOUND),
  );
  expect(await codeOf(client.sso.createLoginUrl({ redirectUri: 'https://evil.example/cb' }))).toBe(
    sent(ProgramErrorCode.OAUTH_REDIRECT_URI_MISMATCH),
  );
});

test('an expired access token is refused', async () => {
  const client = context.makeClient();
  const { code } = context.sandbox.control.sso.consent({
    clientId: context.lp.clientCode,
    prakerjaId: context.sandbox.fixtures.participants[0]!.prakerjaId,
    redirectUri: SSO_REDIRECT_URI,
  });
  const token = await client.sso.createToken({ code });
  context.sandbox.control.clock.advance({ hours: 2 });
  expect(await codeOf(client.sso.retrieveProfile({ accessToken: token.accessToken }))).toBe(
    sent(ProgramErrorCode.OAUTH_ACCESS_TOKEN_EXPIRED),
  );
});
