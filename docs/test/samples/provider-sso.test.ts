import { expect, it } from 'vitest';
import { createSsoClient, finishLogin, startLogin } from '../../samples/provider-sso.js';
import { LP_STATE_SECRET, useSandboxServer } from '../support/sandbox.js';

const env = useSandboxServer();
const redirectUri = 'http://127.0.0.1/sso/callback'; // registered for the sandbox's LPs

function client() {
  const lp = env.provider();
  return createSsoClient({
    PRAKERJA_CLIENT_CODE: lp.clientCode,
    PRAKERJA_SIGN_KEY: lp.signKey,
    PRAKERJA_BASE_URL: env.url(), // the sandbox serves the SSO API and consent page too
    PRAKERJA_STATE_SECRET: LP_STATE_SECRET,
    PRAKERJA_LOG_LEVEL: 'silent',
    LP_SSO_REDIRECT_URI: redirectUri,
    LP_LOGIN_URI: 'http://127.0.0.1/login',
  });
}

it('logs a participant in with their Prakerja account', async () => {
  const lp = client();
  const started = await startLogin(lp);
  const consentUrl = new URL(started.redirectTo);
  const participant = env.sandbox.control.fixtures().participants[0]!;
  // The participant logs in and consents on Prakerja's page; the sandbox does it headlessly.
  const { redirectUrl } = env.sandbox.control.sso.consent({
    clientId: env.provider().clientCode,
    prakerjaId: participant.prakerjaId,
    redirectUri,
    scope: consentUrl.searchParams.get('scope') ?? '',
    state: consentUrl.searchParams.get('state') ?? '',
  });
  const cookieState = started.setCookie.slice(
    'prakerja_sso='.length,
    started.setCookie.indexOf(';'),
  );
  expect(await finishLogin(lp, { url: redirectUrl, cookieState })).toEqual({
    prakerjaNumber: participant.prakerjaId,
    name: participant.name,
    email: participant.email,
  });
  // A callback replayed into another browser (another state) is refused.
  const other = await startLogin(lp);
  const otherState = other.setCookie.slice('prakerja_sso='.length, other.setCookie.indexOf(';'));
  expect(await finishLogin(lp, { url: redirectUrl, cookieState: otherState })).toEqual({
    error: 'state_mismatch',
  });
});
