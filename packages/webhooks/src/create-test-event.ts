import { createEventId } from './create-event-id.js';
import type { WebhookEventOf, WebhookEventType } from './schemas/webhook-event.js';

const AT = '2026-11-24T07:00:00.000Z';

// Plausible, obviously fake data for every type (docs/events.md).
const SAMPLE_DATA: { [Type in WebhookEventType]: WebhookEventOf<Type>['data'] } = {
  'payment.authorized': {
    invoice_code: 'INV-TEST-0001',
    transaction_code: 'TRX-TEST-0001',
    amount: 1_000_000,
    course_code: 'COURSE-TEST-01',
    schedule_code: 'SCHEDULE-TEST-01',
    authorized_at: AT,
  },
  'payment.voided': {
    invoice_code: 'INV-TEST-0001',
    transaction_code: 'TRX-TEST-0001',
    voided_at: AT,
  },
  'attendance.verified': {
    redeem_code: 'REDEEMTEST01',
    course_code: 'COURSE-TEST-01',
    sequence: 1,
    verified_at: AT,
  },
  'assignment.submitted': {
    redeem_code: 'REDEEMTEST01',
    scope: 'tpm',
    sequence: 1,
    status: 1,
    url_file: 'https://example.com/assignment.pdf',
    submitted_at: AT,
  },
  'assignment.reviewed': {
    redeem_code: 'REDEEMTEST01',
    scope: 'uk',
    sequence: 999,
    status: 2,
    reviewed_at: AT,
  },
  'course.completed': {
    redeem_code: 'REDEEMTEST01',
    course_code: 'COURSE-TEST-01',
    completed_at: AT,
  },
  'incentive.disbursement_requested': {
    disbursement_id: 'DISB-TEST-0001',
    redeem_code: 'REDEEMTEST01',
    prakerja_id: 'PRAKERJA-TEST-0001',
    amount: 600_000,
    currency: 'IDR',
    destination: { type: 'ewallet', provider: 'test-wallet', account_number: '000000000000' },
    requested_at: AT,
  },
  'incentive.disbursement_cancelled': {
    disbursement_id: 'DISB-TEST-0001',
    reason: 'test cancellation',
    cancelled_at: AT,
  },
};

/**
 * Builds a valid event of one type with fake sample data, for tests; `data` fields given are
 * merged over the sample, and the envelope gets a fresh id unless one is given.
 *
 * @example
 * const event = createTestEvent('payment.authorized', { data: { amount: 250_000 } });
 */
export function createTestEvent<Type extends WebhookEventType>(
  type: Type,
  overrides: {
    id?: string;
    created_at?: string;
    data?: Partial<WebhookEventOf<Type>['data']>;
  } = {},
): WebhookEventOf<Type> {
  return {
    id: overrides.id ?? createEventId(),
    type,
    created_at: overrides.created_at ?? AT,
    data: { ...SAMPLE_DATA[type], ...overrides.data },
  } as WebhookEventOf<Type>;
}
