// Pins the public names (`<Resource><Method>Params` / `<Resource><Method>Result`), the result
// unions and the error guards of @prakerja-kit/platform (issue 22).
import { expectTypeOf, test } from 'vitest';
import {
  createPlatformClient,
  isPaymentEvent,
  isPaymentNotFoundError,
  isProgramApiError,
  type PaymentEvent,
  type PaymentNotFoundError,
  type PaymentsAuthorizeParams,
  type PaymentsAuthorizeResult,
  type PaymentsRetrieveParams,
  type PaymentsSendOtpParams,
  type PaymentsVoidParams,
  type PaymentsVoidResult,
  type ProgramApiError,
  type QuotasRetrieveParams,
} from './index.js';

const client = createPlatformClient({ clientCode: 'dp-types', signKey: 'sk_fake_types' });

test('each method takes <Resource><Method>Params', () => {
  expectTypeOf(client.payments.sendOtp).parameter(0).toEqualTypeOf<PaymentsSendOtpParams>();
  expectTypeOf(client.payments.authorize).parameter(0).toEqualTypeOf<PaymentsAuthorizeParams>();
  expectTypeOf(client.payments.retrieve).parameter(0).toEqualTypeOf<PaymentsRetrieveParams>();
  expectTypeOf(client.payments.void).parameter(0).toEqualTypeOf<PaymentsVoidParams>();
  expectTypeOf(client.quotas.retrieve).parameter(0).toEqualTypeOf<QuotasRetrieveParams>();
});

test('ambiguous answers are unions on outcome with snake_case literals', () => {
  expectTypeOf(client.payments.authorize).returns.resolves.toEqualTypeOf<PaymentsAuthorizeResult>();
  expectTypeOf(client.payments.void).returns.resolves.toEqualTypeOf<PaymentsVoidResult>();
  expectTypeOf<PaymentsAuthorizeResult['outcome']>().toEqualTypeOf<
    'purchased' | 'not_purchased' | 'voided' | 'unknown'
  >();
  expectTypeOf<PaymentsVoidResult['outcome']>().toEqualTypeOf<
    'voided' | 'not_voided' | 'unknown'
  >();
});

test('error guards and event guards narrow', () => {
  const error: unknown = undefined;
  if (isProgramApiError(error)) expectTypeOf(error).toEqualTypeOf<ProgramApiError>();
  if (isPaymentNotFoundError(error)) expectTypeOf(error).toEqualTypeOf<PaymentNotFoundError>();
  const event: unknown = undefined;
  if (isPaymentEvent(event)) {
    expectTypeOf(event).toEqualTypeOf<PaymentEvent>();
    expectTypeOf(event.type).toEqualTypeOf<'payment.authorized' | 'payment.voided'>();
  }
});
