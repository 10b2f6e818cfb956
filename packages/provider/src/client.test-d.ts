import type { RequestOptions } from '@prakerja-kit/core';
import { expectTypeOf, test } from 'vitest';
import { createProviderClient } from './client.js';
import type {
  AttendanceConfirmParams,
  AttendanceConfirmResult,
  AttendanceEvent,
  ProgramApiError,
  RedeemCodesCommitParams,
  RedeemCodesCommitResult,
  RequestValidationError,
  SsoCreateConsentUrlParams,
  SsoCreateLoginUrlParams,
  SsoHandleCallbackParams,
  SsoHandleCallbackResult,
} from './index.js';
import {
  isAssignmentEvent,
  isAttendanceEvent,
  isProgramApiError,
  isRequestValidationError,
} from './index.js';

const client = createProviderClient({ clientCode: 'lp-types', signKey: 'sk_fake_types' });

test('every endpoint method takes (params, options?: RequestOptions)', () => {
  expectTypeOf(client.attendance.retrieve).parameter(1).toEqualTypeOf<RequestOptions | undefined>();
  expectTypeOf(client.attendance.createVerificationUrl)
    .parameter(1)
    .toEqualTypeOf<RequestOptions | undefined>();
  expectTypeOf(client.attendance.reset).parameter(1).toEqualTypeOf<RequestOptions | undefined>();
  expectTypeOf(client.assignments.submit).parameter(1).toEqualTypeOf<RequestOptions | undefined>();
  expectTypeOf(client.assignments.review).parameter(1).toEqualTypeOf<RequestOptions | undefined>();
  expectTypeOf(client.assignments.retrieve)
    .parameter(1)
    .toEqualTypeOf<RequestOptions | undefined>();
  expectTypeOf(client.sso.createToken).parameter(1).toEqualTypeOf<RequestOptions | undefined>();
  expectTypeOf(client.sso.refreshToken).parameter(1).toEqualTypeOf<RequestOptions | undefined>();
  expectTypeOf(client.sso.retrieveProfile).parameter(1).toEqualTypeOf<RequestOptions | undefined>();
  expectTypeOf(client.redeemCodes.commit).parameter(1).toEqualTypeOf<RequestOptions | undefined>();
});

test('a confirmation is a union on outcome', () => {
  const result = {} as AttendanceConfirmResult;
  expectTypeOf(result.outcome).toEqualTypeOf<'verified' | 'rejected'>();
  if (result.outcome === 'verified')
    expectTypeOf(result.status.attendanceStatus).toEqualTypeOf<number | undefined>();
  else
    expectTypeOf(result.reason).toEqualTypeOf<
      | 'invalid_state'
      | 'expired_state'
      | 'state_mismatch'
      | 'state_missing'
      | 'participant_mismatch'
      | 'status_mismatch'
      | 'not_verified'
    >();
});

test('params are camelCase and scopes are literal', () => {
  expectTypeOf(client.assignments.submit).parameter(0).toHaveProperty('urlFile');
  expectTypeOf(client.assignments.submit)
    .parameter(0)
    .toHaveProperty('scope')
    .toEqualTypeOf<'tpm' | 'uk'>();
});

test('each method takes <Resource><Method>Params and answers <Resource><Method>Result', () => {
  expectTypeOf(client.attendance.confirm).parameter(0).toEqualTypeOf<AttendanceConfirmParams>();
  expectTypeOf(client.attendance.confirm).returns.resolves.toEqualTypeOf<AttendanceConfirmResult>();
  expectTypeOf(client.redeemCodes.commit).parameter(0).toEqualTypeOf<RedeemCodesCommitParams>();
  expectTypeOf(client.redeemCodes.commit).returns.resolves.toEqualTypeOf<RedeemCodesCommitResult>();
  expectTypeOf(client.sso.handleCallback).parameter(0).toEqualTypeOf<SsoHandleCallbackParams>();
  expectTypeOf(client.sso.handleCallback).returns.resolves.toEqualTypeOf<SsoHandleCallbackResult>();
  expectTypeOf(client.sso.createLoginUrl)
    .parameter(0)
    .toEqualTypeOf<SsoCreateLoginUrlParams | undefined>();
  expectTypeOf(client.sso.createConsentUrl)
    .parameter(0)
    .toEqualTypeOf<SsoCreateConsentUrlParams | undefined>();
});

test('the SSO callback is a union on outcome with snake_case reasons', () => {
  const result = {} as SsoHandleCallbackResult;
  expectTypeOf(result.outcome).toEqualTypeOf<'signed_in' | 'rejected'>();
  if (result.outcome === 'rejected')
    expectTypeOf(result.reason).toEqualTypeOf<
      'invalid_state' | 'expired_state' | 'state_mismatch' | 'missing_code'
    >();
});

test('error and event guards narrow', () => {
  const value: unknown = undefined;
  if (isProgramApiError(value)) expectTypeOf(value).toEqualTypeOf<ProgramApiError>();
  if (isRequestValidationError(value)) expectTypeOf(value).toEqualTypeOf<RequestValidationError>();
  if (isAttendanceEvent(value)) expectTypeOf(value).toEqualTypeOf<AttendanceEvent>();
  if (isAssignmentEvent(value)) {
    expectTypeOf(value.data.scope).toEqualTypeOf<'tpm' | 'uk'>();
    expectTypeOf(value.data.status).toEqualTypeOf<0 | 1 | 2 | 3>();
  }
});
