import { ProgramErrorCode } from '@prakerja-kit/core';
import type { SandboxClient } from '../sandbox-fixtures.js';
import type { Engine } from './engine.js';
import { isObject } from './parse-body.js';
import { ControlFailure, fail } from './program-failure.js';
import { Alphabet } from './random.js';
import { isHttpUrl, isRegisteredRedirectUri } from './redirect-uris.js';
import type { SsoGrant } from './state.js';

/** Path of the consent page (production: https://oauth.prakerja.go.id/consent-sso). */
export const CONSENT_PAGE_PATH = '/consent-sso';

const AUTH_CODE_TTL_MS = 10 * 60_000;
const LOGIN_PARAMS = ['state', 'scope', 'client_id', 'redirect_uri', 'login_uri'] as const;

/** `GET /api/v1/oauth/authorize`: the consent page URL for the given query. */
export function generateLoginUrl(client: SandboxClient, query: URLSearchParams, origin: string) {
  for (const name of LOGIN_PARAMS) {
    if (!query.get(name)) fail(ProgramErrorCode.INVALID_FIELD);
  }
  if (query.get('client_id') !== client.clientCode)
    fail(ProgramErrorCode.OAUTH_CLIENT_ID_NOT_FOUND);
  if (!isRegisteredRedirectUri(client, query.get('redirect_uri')!)) {
    fail(ProgramErrorCode.OAUTH_REDIRECT_URI_MISMATCH);
  }
  // The consent page sends the browser to login_uri on "deny": never a javascript: or data: URI.
  if (!isHttpUrl(query.get('login_uri')!)) fail(ProgramErrorCode.INVALID_FIELD);
  const consent = new URLSearchParams();
  for (const name of LOGIN_PARAMS) consent.set(name, query.get(name)!);
  consent.set('client_name', query.get('client_name') ?? client.name);
  return { redirect_url: `${origin}${CONSENT_PAGE_PATH}?${consent.toString()}` };
}

/** Parameters of a consent (page or control plane). */
export interface ConsentParams {
  clientId: string;
  prakerjaId: string;
  redirectUri: string;
  scope: string;
}

/** Issues a one-time authorization code for a consenting participant. */
export function issueAuthCode(engine: Engine, params: ConsentParams): string {
  const client = [...engine.fixtures.providers].find((item) => item.clientCode === params.clientId);
  if (!client) throw new ControlFailure(`unknown SSO client_id "${params.clientId}"`);
  if (!isRegisteredRedirectUri(client, params.redirectUri)) {
    throw new ControlFailure(
      `redirect_uri "${params.redirectUri}" is not registered for ${client.clientCode}`,
    );
  }
  const participant = engine.fixtures.participants.find(
    (item) => item.prakerjaId === params.prakerjaId,
  );
  if (!participant) throw new ControlFailure(`unknown prakerja_id "${params.prakerjaId}"`);
  const code = engine.id('', 32, Alphabet.LOWER_ALPHANUMERIC);
  engine.state.ssoCodes[code] = {
    clientId: client.clientCode,
    prakerjaId: participant.prakerjaId,
    scope: params.scope,
    redirectUri: params.redirectUri,
    expiresAt: engine.now() + AUTH_CODE_TTL_MS,
    used: false,
  };
  return code;
}

function issueTokens(engine: Engine, grant: SsoGrant) {
  const expiresAt = engine.now() + engine.options.ssoTokenTtlSeconds * 1000;
  const accessToken = engine.id('sat_', 40, Alphabet.LOWER_ALPHANUMERIC);
  const refreshToken = engine.id('srt_', 40, Alphabet.LOWER_ALPHANUMERIC);
  const base = { ...grant, used: false };
  engine.state.accessTokens[accessToken] = { ...base, expiresAt };
  engine.state.refreshTokens[refreshToken] = {
    ...base,
    expiresAt: engine.now() + 30 * 24 * 3600_000,
  };
  return {
    access_token: accessToken,
    expires_in: String(Math.floor(expiresAt / 1000)),
    refresh_token: refreshToken,
    scope: grant.scope,
    token_type: 'Bearer',
  };
}

function field(body: unknown, name: string): string | undefined {
  if (!isObject(body)) return undefined;
  const value = body[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** True when a body sent to `/oauth/token` is a refresh (`{ token }`, no `code`). */
export function isRefreshBody(body: unknown): boolean {
  return field(body, 'code') === undefined && field(body, 'token') !== undefined;
}

/** `POST /api/v1/oauth/token`: exchanges a one-time code for tokens. */
export function exchangeCode(engine: Engine, client: SandboxClient, body: unknown) {
  const code = field(body, 'code');
  const grant = code === undefined ? undefined : engine.state.ssoCodes[code];
  if (
    !grant ||
    grant.used ||
    grant.clientId !== client.clientCode ||
    grant.expiresAt < engine.now()
  ) {
    fail(ProgramErrorCode.OAUTH_AUTH_CODE_NOT_FOUND);
  }
  grant.used = true;
  return issueTokens(engine, grant);
}

/** `POST /api/v1/oauth/token/refresh` (or `/oauth/token` with `{ token }`): rotates tokens. */
export function refreshTokens(engine: Engine, client: SandboxClient, body: unknown) {
  const token = field(body, 'token');
  const grant = token === undefined ? undefined : engine.state.refreshTokens[token];
  if (
    !grant ||
    grant.used ||
    grant.clientId !== client.clientCode ||
    grant.expiresAt < engine.now()
  ) {
    fail(ProgramErrorCode.OAUTH_REFRESH_TOKEN_INVALID);
  }
  grant.used = true;
  return issueTokens(engine, grant);
}

/** `GET /api/v1/resource/user_profile`: the participant behind an access token. */
export function userProfile(engine: Engine, client: SandboxClient, authorization: string | null) {
  // The doc sends the bare token; `Bearer <token>` (token_type) is accepted too.
  const token = (authorization ?? '').replace(/^Bearer\s+/i, '').trim();
  const grant = token ? engine.state.accessTokens[token] : undefined;
  if (!grant || grant.clientId !== client.clientCode) {
    fail(ProgramErrorCode.OAUTH_CONTEXT_USER_ID_NOT_FOUND);
  }
  if (grant.expiresAt < engine.now()) fail(ProgramErrorCode.OAUTH_ACCESS_TOKEN_EXPIRED);
  const participant = engine.fixtures.participants.find(
    (item) => item.prakerjaId === grant.prakerjaId,
  )!;
  const purchase = Object.values(engine.state.transactions).find(
    (item) => item.prakerjaId === participant.prakerjaId,
  );
  return {
    dp_user_id: purchase?.userPlatformId ?? '',
    email: participant.email,
    name: participant.name,
    no_prakerja: participant.prakerjaId,
    phone_number: participant.phone,
    user_id: `usr_${participant.prakerjaId}`,
  };
}
