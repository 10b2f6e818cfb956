// Pins the event model webhooks re-exports from @prakerja-kit/core/events and the error guards
// (issue 22).

import type * as events from '@prakerja-kit/core/events';
import { expectTypeOf, test } from 'vitest';
import {
  type AssignmentScope,
  isIncentiveEvent,
  isPaymentAuthorizedEvent,
  isWebhookConfigurationError,
  isWebhookVerificationError,
  type PaymentAuthorizedEvent,
  type SubmissionStatus,
  type WebhookConfigurationError,
  type WebhookEventOf,
  type WebhookVerificationError,
} from './index.js';

test('the event types are the ones of @prakerja-kit/core/events', () => {
  expectTypeOf<PaymentAuthorizedEvent>().toEqualTypeOf<events.PaymentAuthorizedEvent>();
  expectTypeOf<WebhookEventOf<'payment.authorized'>>().toEqualTypeOf<PaymentAuthorizedEvent>();
  expectTypeOf<AssignmentScope>().toEqualTypeOf<'tpm' | 'uk'>();
  expectTypeOf<SubmissionStatus>().toEqualTypeOf<0 | 1 | 2 | 3>();
});

test('guards narrow', () => {
  const value: unknown = undefined;
  if (isPaymentAuthorizedEvent(value)) expectTypeOf(value.data.amount).toEqualTypeOf<number>();
  if (isIncentiveEvent(value))
    expectTypeOf(value.type).toEqualTypeOf<
      'incentive.disbursement_requested' | 'incentive.disbursement_cancelled'
    >();
  if (isWebhookVerificationError(value))
    expectTypeOf(value).toEqualTypeOf<WebhookVerificationError>();
  if (isWebhookConfigurationError(value))
    expectTypeOf(value).toEqualTypeOf<WebhookConfigurationError>();
});
