import {
  ConfigurationError,
  createTransport,
  PRODUCTION_CONSENT_URL,
  PRODUCTION_SSO_BASE_URL,
  ProgramPath,
  resolveCredentials,
  resolveEnv,
  type Transport,
  type TransportOptions,
} from '@prakerja-kit/core';
import { toBase64Url } from './internal/base64url.js';
import type { ProviderContext } from './internal/context.js';
import { hmacSha256 } from './internal/hmac.js';
import { SDK_PACKAGE_KEY, SDK_PACKAGE_NAME } from './internal/sdk-package.js';
import { type AssignmentsResource, createAssignmentsResource } from './resources/assignments.js';
import { type AttendanceResource, createAttendanceResource } from './resources/attendance.js';
import { type CompletionResource, createCompletionResource } from './resources/completion.js';
import { createRedeemCodesResource, type RedeemCodesResource } from './resources/redeem-codes.js';
import { createSsoResource, type SsoResource } from './resources/sso.js';
import { DEFAULT_SSO_SCOPE } from './schemas/sso.js';

/** SSO settings (login with a Prakerja account). */
export interface ProviderSsoOptions {
  /**
   * `client_id` for SSO. The docs show `X-Client-Id: CLIENT_CODE`, so it defaults to the client code.
   * @default clientCode
   */
  clientId?: string | undefined;
  /** `client_name` on the consent URL. @default clientId */
  clientName?: string | undefined;
  /** Where Prakerja sends the browser after a successful login (`redirect_uri`). */
  redirectUri?: string | undefined;
  /** Where Prakerja sends the browser when login fails (`login_uri`), usually the LP login page. */
  loginUri?: string | undefined;
  /** Profile fields to ask for. @default ['name', 'email', 'prakerjaid', 'notelp'] */
  scope?: readonly string[] | undefined;
  /**
   * The consent page. Falls back to `PRAKERJA_CONSENT_URL`, then `<ssoBaseUrl>/consent-sso` when
   * the SSO host is not production (the sandbox serves it there), then production.
   * @default 'https://oauth.prakerja.go.id/consent-sso'
   */
  consentUrl?: string | undefined;
  /**
   * Refresh endpoint path: the docs name `/api/v1/oauth/token/refresh` but their curl calls
   * `/api/v1/oauth/token` (program-api.md §4.15, UNCERTAIN).
   * @default '/api/v1/oauth/token/refresh'
   */
  refreshPath?: string | undefined;
  /**
   * How the access token goes into `Authorization` on the profile call: `raw` as documented,
   * or `bearer` (`token_type` says Bearer; program-api.md §9 lists the inconsistency).
   * @default 'raw'
   */
  authorizationScheme?: 'raw' | 'bearer' | undefined;
  /** Refresh this many seconds before the access token expires. @default 60 */
  refreshMarginSeconds?: number | undefined;
  /**
   * Put the query string into the signature of the login-URL call (`GET /api/v1/oauth/authorize`):
   * `client_code + timestamp + GET + path + ?query`. The program does not document how this GET
   * is signed (program-api.md §3, UNCERTAIN); the default signs the path with an empty body.
   * @default false
   */
  signQuery?: boolean | undefined;
}

/** Options of {@link createProviderClient}. */
export interface ProviderClientOptions extends TransportOptions {
  /**
   * Secret for the LP's signed `state` values (attendance and SSO). Several for rotation: the
   * first signs, all verify. Falls back to `PRAKERJA_STATE_SECRET`.
   *
   * Each must carry real entropy: at least 32 characters and an estimated entropy of at least
   * 128 bits (length × the Shannon entropy of its own characters), so whitespace, repeated or
   * low-diversity strings are refused with `ConfigurationError`. Generate one with
   * `openssl rand -base64 32` (44 characters) or `openssl rand -hex 32` (64 characters); 32 hex
   * characters are not enough.
   *
   * When neither is set, a secret is derived from the sign key as
   * HMAC-SHA256(signKey, "prakerja-kit/provider/state-secret/v1"): the sign key itself never
   * signs a state, but rotating it invalidates states in flight.
   */
  stateSecret?: string | readonly string[] | undefined;
  /**
   * How long a `state` is accepted, in seconds: an integer from 1 to 86400 (one day), else
   * `ConfigurationError`.
   * @default 1800
   */
  stateTtlSeconds?: number | undefined;
  /**
   * Whether `attendance.confirm` requires the attendance return URL to carry the `state` the
   * program issued at url-generate. `required` (default): a return without it is refused
   * (`state_missing`). `if-present`: for a program that does not put `state` on the redirect
   * (program-api.md §6, UNCERTAIN); a present `state` must still match, and the confirmation
   * rests on the signed LP state, the participant and the signed status call.
   * @default 'required'
   */
  attendanceReturnState?: 'required' | 'if-present' | undefined;
  /**
   * The attendance `redirect_uri` registered with Prakerja. Falls back to `PRAKERJA_REDIRECT_URI`.
   */
  redirectUri?: string | undefined;
  /** SSO settings. */
  sso?: ProviderSsoOptions | undefined;
}

/** The LP (Lembaga Pelatihan, training provider) client. */
export interface ProviderClient {
  /** Attendance verification, redeem-code status per sequence, and test-code reset. */
  readonly attendance: AttendanceResource;
  /** TPM (Tugas Praktik Mandiri) and UK (Unjuk Keterampilan) submissions, feedback and status. */
  readonly assignments: AssignmentsResource;
  /** Progress and completion of a redeem code in one call. */
  readonly completion: CompletionResource;
  /** Login with a Prakerja account. */
  readonly sso: SsoResource;
  /** The legacy (2022) redeem commit. */
  readonly redeemCodes: RedeemCodesResource;
  /** The signed transport, for calls the SDK does not wrap. */
  readonly transport: Transport;
}

/** Shortest accepted state secret, in characters. */
export const MIN_STATE_SECRET_LENGTH = 32;
/** Least estimated entropy of a state secret, in bits. */
export const MIN_STATE_SECRET_BITS = 128;
/** Longest accepted state lifetime, in seconds (one day). */
export const MAX_STATE_TTL_SECONDS = 86_400;

/**
 * Estimated entropy of a secret in bits: its length times the Shannon entropy of its own
 * character distribution. An estimate, not a guarantee: it catches whitespace, repeated and
 * low-diversity strings, not a memorable phrase that happens to use many characters.
 */
export function estimateSecretBits(secret: string): number {
  const characters = [...secret];
  const counts = new Map<string, number>();
  for (const character of characters) counts.set(character, (counts.get(character) ?? 0) + 1);
  let perCharacter = 0;
  for (const count of counts.values()) {
    const p = count / characters.length;
    perCharacter -= p * Math.log2(p);
  }
  return characters.length * perCharacter;
}

function checkStateSecrets(list: readonly unknown[]): void {
  const expected = `at least ${MIN_STATE_SECRET_LENGTH} characters with an estimated entropy of at least ${MIN_STATE_SECRET_BITS} bits (e.g. \`openssl rand -base64 32\`)`;
  if (list.length === 0) {
    throw new ConfigurationError(
      'stateSecret',
      `stateSecret (PRAKERJA_STATE_SECRET) must be a secret of ${expected}; received an empty list`,
    );
  }
  list.forEach((secret, index) => {
    const which = list.length > 1 ? ` #${index + 1} of ${list.length}` : '';
    if (typeof secret !== 'string') {
      throw new ConfigurationError(
        'stateSecret',
        `stateSecret${which} (PRAKERJA_STATE_SECRET) must be a string of ${expected}; received a ${secret === null ? 'null' : typeof secret}`,
      );
    }
    const length = [...secret].length;
    const bits = Math.floor(estimateSecretBits(secret));
    if (length < MIN_STATE_SECRET_LENGTH || bits < MIN_STATE_SECRET_BITS) {
      throw new ConfigurationError(
        'stateSecret',
        `stateSecret${which} (PRAKERJA_STATE_SECRET) must be ${expected}; received ${length} characters with an estimated ${bits} bits. Its value is not shown`,
      );
    }
  });
}

function checkStateTtl(value: unknown): number {
  if (value === undefined) return 1800;
  if (
    typeof value !== 'number' ||
    !Number.isSafeInteger(value) ||
    value < 1 ||
    value > MAX_STATE_TTL_SECONDS
  ) {
    const received =
      typeof value === 'number' ? String(value) : `a ${value === null ? 'null' : typeof value}`;
    throw new ConfigurationError(
      'stateTtlSeconds',
      `stateTtlSeconds must be an integer number of seconds from 1 to ${MAX_STATE_TTL_SECONDS}; received ${received}`,
    );
  }
  return value;
}

/**
 * Creates the LP client: every LP endpoint of the program, plus attendance verification with a
 * signed state, completion tracking and SSO helpers.
 *
 * Credentials come from options or `PRAKERJA_CLIENT_CODE` / `PRAKERJA_SIGN_KEY` /
 * `PRAKERJA_BASE_URL`; a missing or malformed one throws `ConfigurationError`.
 *
 * @example
 * const client = createProviderClient({
 *   clientCode: 'lp-demo', signKey: 'sk_fake_demo_key', baseUrl: sandbox.url,
 *   redirectUri: 'https://lp.example/attendance/return', stateSecret: process.env.STATE_SECRET,
 * });
 */
export function createProviderClient(options: ProviderClientOptions = {}): ProviderClient {
  const transport = createTransport({ ...options, [SDK_PACKAGE_KEY]: SDK_PACKAGE_NAME });
  const env = resolveEnv(options.env);
  const configured = options.stateSecret ?? env['PRAKERJA_STATE_SECRET'];
  const list: string[] =
    configured === undefined
      ? []
      : typeof configured === 'string'
        ? [configured]
        : Array.isArray(configured)
          ? [...configured]
          : [configured as never];
  if (configured !== undefined) checkStateSecrets(list);
  const stateTtlSeconds = checkStateTtl(options.stateTtlSeconds);
  const attendanceReturnState = options.attendanceReturnState ?? 'required';
  if (attendanceReturnState !== 'required' && attendanceReturnState !== 'if-present') {
    throw new ConfigurationError(
      'attendanceReturnState',
      `attendanceReturnState must be 'required' or 'if-present'; received ${JSON.stringify(String(attendanceReturnState)).slice(0, 40)}`,
    );
  }
  let secrets: Promise<readonly string[]> | undefined;
  const stateSecrets = () => {
    secrets ??= list.length
      ? Promise.resolve(list)
      : hmacSha256(
          resolveCredentials(options).signKey,
          'prakerja-kit/provider/state-secret/v1',
        ).then((mac) => [toBase64Url(mac)]);
    return secrets;
  };
  const sso = options.sso ?? {};
  const { ssoBaseUrl } = transport.config;
  const clientId = sso.clientId ?? transport.config.clientCode;
  const context: ProviderContext = {
    transport,
    stateSecrets,
    stateTtlSeconds,
    attendanceReturnState,
    redirectUri: options.redirectUri ?? env['PRAKERJA_REDIRECT_URI'],
    now: () => transport.clock.nowMs(),
    sso: {
      clientId,
      clientName: sso.clientName ?? clientId,
      redirectUri: sso.redirectUri,
      loginUri: sso.loginUri,
      scope: sso.scope ?? DEFAULT_SSO_SCOPE,
      consentUrl:
        sso.consentUrl ??
        env['PRAKERJA_CONSENT_URL'] ??
        (ssoBaseUrl === PRODUCTION_SSO_BASE_URL
          ? PRODUCTION_CONSENT_URL
          : `${ssoBaseUrl}/consent-sso`),
      refreshPath: sso.refreshPath ?? ProgramPath.SSO_REFRESH,
      authorizationScheme: sso.authorizationScheme ?? 'raw',
      refreshMarginSeconds: sso.refreshMarginSeconds ?? 60,
      signQuery: sso.signQuery ?? false,
    },
  };
  const attendance = createAttendanceResource(context);
  const assignments = createAssignmentsResource(context);
  return {
    attendance,
    assignments,
    completion: createCompletionResource(attendance, assignments),
    sso: createSsoResource(context),
    redeemCodes: createRedeemCodesResource(context),
    transport,
  };
}
