import { createSignature, ProgramErrorCode as E, ProgramPath } from '@prakerja-kit/core';
import { expect, it } from 'vitest';
import { useSandbox } from '../src/vitest.js';
import { codeOf } from './helpers.js';
import { pick } from './purchase.js';

const env = useSandbox();
const REDIRECT = 'http://127.0.0.1:7/sso/callback';

async function loginUrl(
  query: Record<string, string>,
  headers: Record<string, string> = {},
  signKey?: string,
) {
  const f = pick(env.fixtures);
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = await createSignature({
    clientCode: f.lp.clientCode,
    signKey: signKey ?? f.lp.signKey,
    timestamp,
    method: 'GET',
    path: ProgramPath.SSO_AUTHORIZE,
    body: '',
  });
  const response = await fetch(
    `${env.url}${ProgramPath.SSO_AUTHORIZE}?${new URLSearchParams(query)}`,
    {
      headers: {
        'X-Client-Id': f.lp.clientCode,
        'X-Signature': signature,
        'X-Timestamp': String(timestamp),
        ...headers,
      },
    },
  );
  return { status: response.status, body: await response.json() };
}

const loginQuery = () => ({
  state: 'st-123',
  scope: 'name email prakerjaid notelp',
  client_id: pick(env.fixtures).lp.clientCode,
  redirect_uri: REDIRECT,
  login_uri: 'http://127.0.0.1:7/login',
});

async function sso(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const response = await fetch(`${env.url}${path}`, {
    method: init.method ?? 'POST',
    headers: {
      'content-type': 'application/json',
      'X-Client-Id': pick(env.fixtures).lp.clientCode,
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: await response.json() };
}

it('generates a signed login URL pointing at the sandbox consent page', async () => {
  const result = await loginUrl(loginQuery());
  expect(result.status).toBe(200);
  expect(result.body).toMatchObject({ message: 'no error', success: true, errorCode: '0' });
  const url = new URL(result.body.data.redirect_url);
  expect(`${url.origin}${url.pathname}`).toBe(`${env.url}/consent-sso`);
  expect(url.searchParams.get('state')).toBe('st-123');
  expect(url.searchParams.get('client_name')).toBe(pick(env.fixtures).lp.name);
});

it('rejects the login URL call without or with an unknown client, a bad signature or an unregistered redirect', async () => {
  expect(codeOf(await loginUrl(loginQuery(), { 'X-Client-Id': '' }))).toBe(
    E.OAUTH_CONTEXT_CLIENT_ID_NOT_FOUND,
  );
  expect(codeOf(await loginUrl(loginQuery(), { 'X-Client-Id': 'lp-unknown' }))).toBe(
    E.OAUTH_CLIENT_ID_NOT_FOUND,
  );
  expect(
    codeOf(await loginUrl(loginQuery(), { 'X-Client-Id': pick(env.fixtures).dp.clientCode })),
  ).toBe(E.OAUTH_CLIENT_ID_NOT_FOUND);
  expect(codeOf(await loginUrl(loginQuery(), {}, 'sk_sandbox_fake_wrong'))).toBe(
    E.INVALID_SIGNATURE,
  );
  expect(codeOf(await loginUrl(loginQuery(), { 'X-Timestamp': '1516239022' }))).toBe(
    E.TIMESTAMP_OUT_OF_WINDOW,
  );
  expect(codeOf(await loginUrl(loginQuery(), { 'X-Signature': '' }))).toBe(E.MISSING_AUTH_HEADER);
  expect(
    codeOf(await loginUrl({ ...loginQuery(), redirect_uri: 'https://evil.example/sso/callback' })),
  ).toBe(E.OAUTH_REDIRECT_URI_MISMATCH);
  expect(codeOf(await loginUrl({ ...loginQuery(), client_id: 'someone-else' }))).toBe(
    E.OAUTH_CLIENT_ID_NOT_FOUND,
  );
  const { state: _state, ...missing } = loginQuery();
  expect(codeOf(await loginUrl(missing))).toBe(E.INVALID_FIELD);
});

it('serves the consent page and redirects with code and state, or to login_uri on deny', async () => {
  const consentUrl = (await loginUrl(loginQuery())).body.data.redirect_url;
  const page = await fetch(consentUrl);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('id="allow"');
  const form = new URLSearchParams({
    ...Object.fromEntries(new URL(consentUrl).searchParams),
    prakerja_id: pick(env.fixtures).eligible.prakerjaId,
  });
  const allow = await fetch(`${env.url}/consent-sso`, {
    method: 'POST',
    body: new URLSearchParams({ ...Object.fromEntries(form), decision: 'allow' }),
    redirect: 'manual',
  });
  expect(allow.status).toBe(303);
  const back = new URL(allow.headers.get('location')!);
  expect(back.pathname).toBe('/sso/callback');
  expect(back.searchParams.get('state')).toBe('st-123');
  expect(back.searchParams.get('code')).toMatch(/^[a-z0-9]{32}$/);
  const deny = await fetch(`${env.url}/consent-sso`, {
    method: 'POST',
    body: new URLSearchParams({ ...Object.fromEntries(form), decision: 'deny' }),
    redirect: 'manual',
  });
  expect(deny.headers.get('location')).toBe(
    'http://127.0.0.1:7/login?state=st-123&error=access_denied',
  );
  const unknown = await fetch(
    `${env.url}/consent-sso?client_id=x&redirect_uri=y&login_uri=z&state=s&scope=name`,
  );
  expect(unknown.status).toBe(400);
});

it('exchanges a code once, refreshes on both documented paths and serves the profile', async () => {
  const f = pick(env.fixtures);
  const { code } = env.control.sso.consent({
    clientId: f.lp.clientCode,
    prakerjaId: f.eligible.prakerjaId,
    redirectUri: REDIRECT,
    state: 's',
  });
  const token = await sso(ProgramPath.SSO_TOKEN, { body: { code } });
  expect(token.body).toMatchObject({
    success: true,
    errorCode: '0',
    data: { token_type: 'Bearer', scope: 'name email prakerjaid notelp' },
  });
  expect(Number(token.body.data.expires_in)).toBeGreaterThan(Date.now() / 1000);
  expect(codeOf(await sso(ProgramPath.SSO_TOKEN, { body: { code } }))).toBe(
    E.OAUTH_AUTH_CODE_NOT_FOUND,
  );
  const refreshed = await sso(ProgramPath.SSO_REFRESH, {
    body: { token: token.body.data.refresh_token },
  });
  expect(refreshed.body.data.access_token).not.toBe(token.body.data.access_token);
  expect(
    codeOf(await sso(ProgramPath.SSO_REFRESH, { body: { token: token.body.data.refresh_token } })),
  ).toBe(E.OAUTH_REFRESH_TOKEN_INVALID);
  const viaTokenPath = await sso(ProgramPath.SSO_TOKEN, {
    body: { token: refreshed.body.data.refresh_token },
  });
  expect(viaTokenPath.status).toBe(200);
  const access = viaTokenPath.body.data.access_token;
  for (const authorization of [access, `Bearer ${access}`]) {
    const profile = await sso(ProgramPath.SSO_PROFILE, {
      method: 'GET',
      headers: { Authorization: authorization },
    });
    expect(profile.body.data).toEqual({
      dp_user_id: '',
      email: f.eligible.email,
      name: f.eligible.name,
      no_prakerja: f.eligible.prakerjaId,
      phone_number: f.eligible.phone,
      user_id: `usr_${f.eligible.prakerjaId}`,
    });
  }
});

it('answers the documented ERROAUTH codes on token and profile', async () => {
  const f = pick(env.fixtures);
  expect(
    codeOf(
      await sso(ProgramPath.SSO_TOKEN, { body: { code: 'x' }, headers: { 'X-Client-Id': '' } }),
    ),
  ).toBe(E.OAUTH_CONTEXT_CLIENT_ID_NOT_FOUND);
  expect(
    codeOf(
      await sso(ProgramPath.SSO_TOKEN, {
        body: { code: 'x' },
        headers: { 'X-Client-Id': 'nobody' },
      }),
    ),
  ).toBe(E.OAUTH_CLIENT_ID_NOT_FOUND);
  expect(codeOf(await sso(ProgramPath.SSO_TOKEN, { body: { code: 'unknown' } }))).toBe(
    E.OAUTH_AUTH_CODE_NOT_FOUND,
  );
  expect(codeOf(await sso(ProgramPath.SSO_REFRESH, { body: {} }))).toBe(
    E.OAUTH_REFRESH_TOKEN_INVALID,
  );
  const profile = await sso(ProgramPath.SSO_PROFILE, { method: 'GET' });
  expect(profile).toEqual({
    status: 400,
    body: { code: E.OAUTH_CONTEXT_USER_ID_NOT_FOUND, message: 'Unauthorized', success: false },
  });
  const { code } = env.control.sso.consent({
    clientId: f.lp.clientCode,
    prakerjaId: f.eligible.prakerjaId,
    redirectUri: REDIRECT,
  });
  const token = await sso(ProgramPath.SSO_TOKEN, { body: { code } });
  env.control.clock.advance({ hours: 2 });
  const expired = await sso(ProgramPath.SSO_PROFILE, {
    method: 'GET',
    headers: { Authorization: token.body.data.access_token },
  });
  expect(codeOf(expired)).toBe(E.OAUTH_ACCESS_TOKEN_EXPIRED);
  expect(() =>
    env.control.sso.consent({
      clientId: f.lp.clientCode,
      prakerjaId: 'nobody',
      redirectUri: REDIRECT,
    }),
  ).toThrow(/prakerja_id/);
});
