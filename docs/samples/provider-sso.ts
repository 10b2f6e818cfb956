import { createProviderClient, type ProviderClient } from '@prakerja-kit/provider';

// #region client
export function createSsoClient(env: Record<string, string | undefined> = process.env) {
  return createProviderClient({
    env, // PRAKERJA_CLIENT_CODE, PRAKERJA_SIGN_KEY; PRAKERJA_SSO_BASE_URL for api-proxy
    sso: {
      redirectUri: env['LP_SSO_REDIRECT_URI'], // after a successful login (registered)
      loginUri: env['LP_LOGIN_URI'], // after a failed or refused login: your login page
      scope: ['name', 'email', 'prakerjaid'], // profile fields to ask for
    },
  });
}
// #endregion

// #region routes
/** "Log in with Prakerja": send the browser to Prakerja's consent page. */
export async function startLogin(client: ProviderClient) {
  const { url, state } = await client.sso.createConsentUrl(); // no request is sent
  return {
    redirectTo: url,
    setCookie: `prakerja_sso=${state}; HttpOnly; Secure; SameSite=Lax; Path=/sso`,
  };
}

/** The SSO redirect_uri: check the state, exchange the code, read the profile. */
export async function finishLogin(
  client: ProviderClient,
  request: { url: string; cookieState: string },
) {
  const result = await client.sso.handleCallback({
    returnUrl: request.url, // carries ?code=…&state=…
    state: request.cookieState, // must equal the returned state: stops login CSRF
  });
  if (result.outcome !== 'signed_in') return { error: result.reason }; // invalid/expired state, state_mismatch, missing_code
  const profile = await client.sso.retrieveProfile({ accessToken: result.token.accessToken });
  return { prakerjaNumber: profile.prakerjaNumber, name: profile.name, email: profile.email };
}
// #endregion
