import { ProgramPath } from '@prakerja-kit/core';
import type { SandboxClient } from '../sandbox-fixtures.js';
import { assignmentStatus, submitAssignment, submitFeedback } from './assignments.js';
import { commitRedeemCode, redeemStatus, resetRedeemCode, urlGenerate } from './attendance.js';
import type { Engine } from './engine.js';
import { authorize, paymentStatus, quotaSchedule, sendOtp, voidPayment } from './payments.js';
import { ssoSuccessResponse, successResponse } from './responses.js';
import {
  exchangeCode,
  generateLoginUrl,
  isRefreshBody,
  refreshTokens,
  userProfile,
} from './sso.js';

/** What a program route handler receives once the caller is authenticated. */
export interface RouteContext {
  engine: Engine;
  client: SandboxClient;
  body: unknown;
  headers: Headers;
  url: URL;
}

/** One documented program endpoint. */
export interface ProgramRoute {
  method: 'GET' | 'POST';
  /**
   * `integration`: `client_code`/`signature`/`timestamp`; `sso-signed`: `X-Client-Id`,
   * `X-Signature`, `X-Timestamp`; `sso-client`: `X-Client-Id` only.
   */
  auth: 'integration' | 'sso-signed' | 'sso-client';
  role: 'dp' | 'lp';
  run(context: RouteContext): Response;
}

const ok = (data: unknown) => successResponse('OK', data);

const dp = (run: ProgramRoute['run']): ProgramRoute => ({
  method: 'POST',
  auth: 'integration',
  role: 'dp',
  run,
});
const lp = (run: ProgramRoute['run']): ProgramRoute => ({
  method: 'POST',
  auth: 'integration',
  role: 'lp',
  run,
});
const sso = (
  method: ProgramRoute['method'],
  auth: ProgramRoute['auth'],
  run: ProgramRoute['run'],
): ProgramRoute => ({ method, auth, role: 'lp', run });

/** Every documented endpoint (program-api.md §4), keyed by path. */
export const PROGRAM_ROUTES: Readonly<Record<string, ProgramRoute>> = {
  [ProgramPath.QUOTA_SCHEDULE]: dp(({ engine, body }) => ok(quotaSchedule(engine, body))),
  [ProgramPath.SEND_OTP]: dp(({ engine, client, body }) =>
    successResponse('OTP berhasil dikirim.', sendOtp(engine, client, body)),
  ),
  [ProgramPath.AUTHORIZE]: dp(({ engine, client, body, headers }) =>
    successResponse(
      'Pelatihan berhasil dibeli.',
      authorize(engine, client, headers.get('authorization'), body),
    ),
  ),
  [ProgramPath.PAYMENT_STATUS]: dp(({ engine, client, body }) =>
    ok(paymentStatus(engine, client, body)),
  ),
  [ProgramPath.VOID]: dp(({ engine, client, body }) => {
    voidPayment(engine, client, body);
    return successResponse('Transaksi berhasil dibatalkan.');
  }),
  [ProgramPath.URL_GENERATE]: lp(({ engine, client, body, url }) =>
    ok(urlGenerate(engine, client, body, url.origin)),
  ),
  [ProgramPath.REDEEM_STATUS]: lp(({ engine, client, body }) =>
    ok(redeemStatus(engine, client, body)),
  ),
  [ProgramPath.REDEEM_RESET]: lp(({ engine, client, body }) =>
    successResponse('Kode redeem berhasil direset.', resetRedeemCode(engine, client, body)),
  ),
  [ProgramPath.REDEEM_COMMIT]: lp(({ engine, client, body }) =>
    ok(commitRedeemCode(engine, client, body)),
  ),
  [ProgramPath.TPM_SUBMISSION]: lp(({ engine, client, body }) =>
    ok(submitAssignment(engine, client, body)),
  ),
  [ProgramPath.TPM_FEEDBACK]: lp(({ engine, client, body }) =>
    ok(submitFeedback(engine, client, body)),
  ),
  [ProgramPath.TPM_STATUS]: lp(({ engine, client, body }) =>
    ok(assignmentStatus(engine, client, body)),
  ),
  [ProgramPath.SSO_AUTHORIZE]: sso('GET', 'sso-signed', ({ client, url }) =>
    ssoSuccessResponse(generateLoginUrl(client, url.searchParams, url.origin)),
  ),
  [ProgramPath.SSO_TOKEN]: sso('POST', 'sso-client', ({ engine, client, body }) =>
    // The refresh page's curl posts `{ token }` to this path (program-api.md §4.15).
    ssoSuccessResponse(
      // Unless the profile accepts refreshes only on /oauth/token/refresh.
      isRefreshBody(body) && engine.profile.refreshPath !== 'token-refresh'
        ? refreshTokens(engine, client, body)
        : exchangeCode(engine, client, body),
    ),
  ),
  [ProgramPath.SSO_REFRESH]: sso('POST', 'sso-client', ({ engine, client, body }) =>
    ssoSuccessResponse(refreshTokens(engine, client, body)),
  ),
  [ProgramPath.SSO_PROFILE]: sso('GET', 'sso-client', ({ engine, client, headers }) =>
    ssoSuccessResponse(userProfile(engine, client, headers.get('authorization'))),
  ),
};
