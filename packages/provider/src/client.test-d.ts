import type { RequestOptions } from '@prakerja-kit/core';
import { expectTypeOf, test } from 'vitest';
import { createProviderClient } from './client.js';
import type { AttendanceConfirmation } from './resources/attendance.js';

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
  const result = {} as AttendanceConfirmation;
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
