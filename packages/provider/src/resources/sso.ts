import {
  ProgramPath,
  type RequestOptions,
  RequestValidationError,
  timingSafeEqual,
} from '@prakerja-kit/core';
import { parseParams } from '@prakerja-kit/core/internal';
import type { ProviderContext } from '../internal/context.js';
import { returnQuery } from '../internal/return-url.js';
import { signState, verifyState } from '../internal/state-token.js';
import {
  type SsoCreateConsentUrlParams,
  type SsoCreateLoginUrlParams,
  type SsoCreateTokenParams,
  type SsoProfile,
  type SsoRefreshTokenParams,
  type SsoRetrieveProfileParams,
  type SsoToken,
  type SsoTokenWire,
  ssoCreateTokenParamsSchema,
  ssoLoginUrlSchema,
  ssoProfileSchema,
  ssoRefreshTokenParamsSchema,
  ssoRetrieveProfileParamsSchema,
  ssoTokenWireSchema,
  ssoUrlParamsSchema,
  toSsoProfile,
} from '../schemas/sso.js';
import {
  createSsoTokenManager,
  type SsoTokenManager,
  type SsoTokenManagerOptions,
} from './sso-token-manager.js';

/** A login URL plus the signed `state` to keep for the callback. */
export interface SsoLoginUrl {
  /** Where to send the browser. */
  url: string;
  /** Keep it (an `HttpOnly` cookie) and pass it to `sso.handleCallback`. */
  state: string;
  /** When `state` stops being accepted, Unix seconds. */
  expiresAt: number;
}

/** Params of `sso.handleCallback`. */
export interface SsoHandleCallbackParams {
  /** The URL Prakerja redirected to (`redirect_uri?code=…&state=…`), or its query. */
  returnUrl: string | URL | URLSearchParams;
  /**
   * The state issued with the login URL, read back from where the LP kept it (the cookie). The
   * returned `state` must equal it: this binds the login to the browser that started it.
   */
  state: string;
}

/** Why an SSO callback was refused. */
export type SsoCallbackFailureReason =
  | 'invalid_state'
  | 'expired_state'
  /** The returned `state` differs from the one kept for this browser (login CSRF). */
  | 'state_mismatch'
  /** No `code` on the callback URL. */
  | 'missing_code';

/**
 * The outcome of `sso.handleCallback`: `signed_in` with the tokens, or `rejected` with a
 * snake_case `reason`; a failed token exchange throws.
 */
export type SsoHandleCallbackResult =
  | { outcome: 'signed_in'; token: SsoToken }
  | { outcome: 'rejected'; reason: SsoCallbackFailureReason };

/** Login with a Prakerja account (SSO / OAuth on `api-proxy.prakerja.go.id`). */
export interface SsoResource {
  /**
   * Builds the consent URL the browser opens (`https://oauth.prakerja.go.id/consent-sso`), with
   * a signed `state`. No request is sent (program-api.md §4.12).
   *
   * @example
   * const { url, state } = await client.sso.createConsentUrl();
   */
  createConsentUrl(params?: SsoCreateConsentUrlParams): Promise<SsoLoginUrl>;
  /**
   * Asks the program for a login URL (`GET /api/v1/oauth/authorize`, signed with `X-Signature`).
   * How the program signs this GET is not documented; the SDK signs path and empty body
   * (program-api.md §3, UNCERTAIN).
   *
   * @example
   * const { url, state } = await client.sso.createLoginUrl();
   */
  createLoginUrl(params?: SsoCreateLoginUrlParams, options?: RequestOptions): Promise<SsoLoginUrl>;
  /**
   * Handles the redirect back: checks `state` against the one kept for this browser, then
   * exchanges `code` for tokens. Returns `outcome: 'rejected'` with a reason for a bad callback; throws
   * when the exchange itself fails.
   *
   * @example
   * const result = await client.sso.handleCallback({ returnUrl: request.url, state: cookie });
   */
  handleCallback(
    params: SsoHandleCallbackParams,
    options?: RequestOptions,
  ): Promise<SsoHandleCallbackResult>;
  /**
   * Exchanges an authorization `code` for tokens (`POST /api/v1/oauth/token`). `expires_in` is
   * a Unix timestamp string (program-api.md §4.14), mapped to `expiresAt`.
   *
   * @example
   * const token = await client.sso.createToken({ code });
   */
  createToken(params: SsoCreateTokenParams, options?: RequestOptions): Promise<SsoToken>;
  /**
   * Gets a new token with the refresh token. The documented path is `/api/v1/oauth/token/refresh`
   * but the doc's curl uses `/api/v1/oauth/token`; set `sso.refreshPath` to switch
   * (program-api.md §4.15, UNCERTAIN).
   *
   * @example
   * const fresh = await client.sso.refreshToken({ refreshToken: token.refreshToken });
   */
  refreshToken(params: SsoRefreshTokenParams, options?: RequestOptions): Promise<SsoToken>;
  /**
   * The participant's Prakerja profile (`GET /api/v1/resource/user_profile`). The access token is
   * sent as `Authorization` without `Bearer`, as documented; see `sso.authorizationScheme`.
   *
   * @example
   * const profile = await client.sso.retrieveProfile({ accessToken: token.accessToken });
   */
  retrieveProfile(params: SsoRetrieveProfileParams, options?: RequestOptions): Promise<SsoProfile>;
  /**
   * Wraps a token so `getAccessToken()` refreshes it shortly before it expires.
   *
   * @example
   * const session = client.sso.createTokenManager(token, { onRefresh: save });
   * const profile = await client.sso.retrieveProfile({ accessToken: await session.getAccessToken() });
   */
  createTokenManager(token: SsoToken, options?: SsoTokenManagerOptions): SsoTokenManager;
}

/** Builds the SSO resource. */
export function createSsoResource(context: ProviderContext): SsoResource {
  const { transport, sso } = context;

  function toToken(wire: SsoTokenWire): SsoToken {
    const value = Number(wire.expires_in);
    // `expires_in` is documented as a Unix timestamp; a small number can only be a duration.
    const nowSeconds = Math.floor(context.now() / 1000);
    const expiresAt = Number.isFinite(value)
      ? value > 1_000_000_000
        ? Math.floor(value)
        : nowSeconds + Math.floor(value)
      : nowSeconds;
    return {
      accessToken: wire.access_token,
      refreshToken: wire.refresh_token,
      expiresAt,
      scope: wire.scope ?? undefined,
      tokenType: wire.token_type ?? undefined,
    };
  }

  async function urlInputs(params: SsoCreateLoginUrlParams | undefined, endpoint: string) {
    const input = parseParams(ssoUrlParamsSchema, params ?? {}, endpoint);
    const redirectUri = input.redirectUri ?? sso.redirectUri;
    const loginUri = input.loginUri ?? sso.loginUri;
    const missing =
      redirectUri === undefined ? 'redirectUri' : loginUri === undefined ? 'loginUri' : undefined;
    if (missing || redirectUri === undefined || loginUri === undefined) {
      throw new RequestValidationError(
        [
          {
            path: [missing ?? 'redirectUri'],
            message: `pass ${missing} here or as sso.${missing} to createProviderClient`,
          },
        ],
        endpoint,
      );
    }
    const now = context.now();
    const state = await signState(
      await context.stateSecrets(),
      { k: 'sso' },
      context.stateTtlSeconds,
      now,
    );
    return {
      fields: {
        scope: (input.scope ?? sso.scope).join(' '),
        state,
        redirect_uri: redirectUri,
        login_uri: loginUri,
        client_id: sso.clientId,
      },
      state,
      expiresAt: Math.floor(now / 1000) + context.stateTtlSeconds,
    };
  }

  // Token and refresh share one shape: a client-id call whose body carries a single secret.
  async function tokenCall(
    path: string,
    body: Record<string, string>,
    secret: string,
    options: RequestOptions | undefined,
  ) {
    const response = await transport.request({
      method: 'POST',
      path,
      api: 'sso',
      auth: 'client-id',
      body,
      readOnly: false,
      data: ssoTokenWireSchema,
      secrets: [secret],
      options,
    });
    return toToken(response.data);
  }

  async function createToken(params: SsoCreateTokenParams, options?: RequestOptions) {
    const input = parseParams(ssoCreateTokenParamsSchema, params, ProgramPath.SSO_TOKEN);
    return tokenCall(ProgramPath.SSO_TOKEN, { code: input.code }, input.code, options);
  }

  async function refreshToken(params: SsoRefreshTokenParams, options?: RequestOptions) {
    const input = parseParams(ssoRefreshTokenParamsSchema, params, sso.refreshPath);
    return tokenCall(sso.refreshPath, { token: input.refreshToken }, input.refreshToken, options);
  }

  return {
    async createConsentUrl(params) {
      const { fields, state, expiresAt } = await urlInputs(params, sso.consentUrl);
      const all: Record<string, string> = { ...fields, client_name: sso.clientName };
      // Each value encodeURIComponent-encoded, spaces as %20 (program-api.md §4.12).
      const query = Object.entries(all)
        .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
        .join('&');
      return { url: `${sso.consentUrl}?${query}`, state, expiresAt };
    },

    async createLoginUrl(params, options) {
      const { fields, state, expiresAt } = await urlInputs(params, ProgramPath.SSO_AUTHORIZE);
      const response = await transport.request({
        method: 'GET',
        path: ProgramPath.SSO_AUTHORIZE,
        api: 'sso',
        query: fields,
        signQuery: sso.signQuery,
        readOnly: true,
        data: ssoLoginUrlSchema,
        options,
      });
      return { url: response.data.redirect_url, state, expiresAt };
    },

    async handleCallback(params, options) {
      const checked = await verifyState(
        await context.stateSecrets(),
        params.state,
        'sso',
        context.now(),
      );
      if (!checked.ok) return { outcome: 'rejected', reason: checked.reason };
      const search = returnQuery(params.returnUrl);
      const returned = search.get('state');
      if (returned === null || !timingSafeEqual(returned, params.state)) {
        return { outcome: 'rejected', reason: 'state_mismatch' };
      }
      const code = search.get('code');
      if (!code) return { outcome: 'rejected', reason: 'missing_code' };
      return { outcome: 'signed_in', token: await createToken({ code }, options) };
    },

    createToken,
    refreshToken,

    async retrieveProfile(params, options) {
      const input = parseParams(ssoRetrieveProfileParamsSchema, params, ProgramPath.SSO_PROFILE);
      const response = await transport.request({
        method: 'GET',
        path: ProgramPath.SSO_PROFILE,
        api: 'sso',
        auth: 'client-id',
        authorization:
          sso.authorizationScheme === 'bearer' ? `Bearer ${input.accessToken}` : input.accessToken,
        readOnly: true,
        data: ssoProfileSchema,
        secrets: [input.accessToken],
        options,
      });
      return toSsoProfile(response.data);
    },

    createTokenManager(token, managerOptions) {
      return createSsoTokenManager(token, {
        refresh: (refresh, options) => refreshToken({ refreshToken: refresh }, options),
        nowSeconds: () => Math.floor(context.now() / 1000),
        marginSeconds: sso.refreshMarginSeconds,
        onRefresh: managerOptions?.onRefresh,
      });
    },
  };
}
