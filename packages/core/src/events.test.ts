import { describe, expect, it } from 'vitest';
import {
  isAssignmentEvent,
  isAttendanceVerifiedEvent,
  isCourseEvent,
  isIncentiveEvent,
  isPaymentAuthorizedEvent,
  isPaymentEvent,
  isPaymentVoidedEvent,
  isWebhookEvent,
  paymentEventSchema,
  WEBHOOK_EVENT_TYPES,
} from './events.js';
import * as z from './schema/index.js';

const id = 'evt_01JD0000000000000000000000';
const authorized = {
  id,
  type: 'payment.authorized',
  created_at: '2026-11-24T07:00:00.000Z',
  data: {
    invoice_code: 'INV-1',
    transaction_code: 'TRX-1',
    amount: 1_500_000,
    authorized_at: '2026-11-24T07:00:00.000Z',
  },
};
const voided = {
  id,
  type: 'payment.voided',
  created_at: '2026-11-24T07:00:00.000Z',
  data: { invoice_code: 'INV-1', transaction_code: 'TRX-1', voided_at: '2026-11-24T07:00:00Z' },
};
const reviewed = {
  id,
  type: 'assignment.reviewed',
  created_at: '2026-11-24T07:00:00.000Z',
  data: {
    redeem_code: 'RC',
    scope: 'uk',
    sequence: 999,
    status: 2,
    reviewed_at: '2026-11-24T07:00:00+07:00',
  },
};

describe('event guards', () => {
  it('accept a valid event of their type and family only', () => {
    expect(isPaymentAuthorizedEvent(authorized)).toBe(true);
    expect(isPaymentVoidedEvent(authorized)).toBe(false);
    expect(isPaymentEvent(authorized)).toBe(true);
    expect(isPaymentEvent(voided)).toBe(true);
    expect(isAssignmentEvent(reviewed)).toBe(true);
    expect(isPaymentEvent(reviewed)).toBe(false);
    expect(isCourseEvent(reviewed)).toBe(false);
    expect(isIncentiveEvent(authorized)).toBe(false);
    expect(isAttendanceVerifiedEvent(reviewed)).toBe(false);
    expect(isWebhookEvent(reviewed)).toBe(true);
  });

  it('validate the whole event, not only its type', () => {
    expect(isPaymentEvent({ ...authorized, id: 'not-an-event-id' })).toBe(false);
    expect(isPaymentAuthorizedEvent({ ...authorized, created_at: 'yesterday' })).toBe(false);
    expect(isAssignmentEvent({ ...reviewed, data: { ...reviewed.data, scope: 'x' } })).toBe(false);
    expect(isWebhookEvent(null)).toBe(false);
    expect(isPaymentEvent('payment.authorized')).toBe(false);
  });

  it('parse payment events with the one payment schema, JSON unchanged', () => {
    expect(z.parse(paymentEventSchema, authorized)).toEqual(authorized);
    expect(JSON.parse(JSON.stringify(z.parse(paymentEventSchema, voided)))).toEqual(voided);
  });

  it('list every event type once', () => {
    expect(WEBHOOK_EVENT_TYPES).toEqual([
      'payment.authorized',
      'payment.voided',
      'attendance.verified',
      'assignment.submitted',
      'assignment.reviewed',
      'course.completed',
      'incentive.disbursement_requested',
      'incentive.disbursement_cancelled',
    ]);
  });
});
