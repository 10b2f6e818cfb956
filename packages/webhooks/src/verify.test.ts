import { safeParse } from '@prakerja-kit/core/events';
import { describe, expect, it } from 'vitest';
import { NOW_SECONDS, now, SECRET } from '../test/fixtures.js';
import { createTestEvent } from './create-test-event.js';
import { WebhookVerificationError } from './errors/webhook-verification-error.js';
import {
  isWebhookEventType,
  WEBHOOK_EVENT_TYPES,
  webhookEventSchema,
} from './schemas/webhook-event.js';
import { sign } from './sign.js';
import { signSync, verifySync } from './sync.js';
import { isKnownEvent, verify } from './verify.js';

// The checks are shared by `verify` and `verifySync`; the synchronous one keeps these cases
// plain, and the last case pins that `verify` gives the same event as a promise.
function deliver(event: { id: string } & Record<string, unknown>) {
  const body = JSON.stringify(event);
  const headers = {
    'webhook-id': event.id,
    'webhook-timestamp': String(NOW_SECONDS),
    'webhook-signature': signSync({
      id: event.id,
      timestamp: NOW_SECONDS,
      payload: body,
      secret: SECRET,
    }),
  };
  return () => verifySync({ payload: body, headers, secret: SECRET, now });
}

describe('verify', () => {
  it('lists the eight event types of docs/events.md', () => {
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

  it.each(WEBHOOK_EVENT_TYPES)('returns a valid %s event typed and validated', (type) => {
    const event = createTestEvent(type);
    const verified = deliver(event)();
    expect(verified).toEqual(event);
    expect(isKnownEvent(verified)).toBe(true);
    expect(safeParse(webhookEventSchema, verified).success).toBe(true);
  });

  it('narrows the event by type so data fields are typed', () => {
    const verified = deliver(
      createTestEvent('incentive.disbursement_requested', { data: { amount: 750_000 } }),
    )();
    if (!isKnownEvent(verified) || verified.type !== 'incentive.disbursement_requested')
      throw new Error('wrong type');
    expect(verified.data.amount).toBe(750_000);
    expect(verified.data.destination.type).toBe('ewallet');
  });

  it('returns an event of an unknown type as such instead of throwing', () => {
    const event = {
      id: 'evt_01JFAKEFAKEFAKEFAKEFAKEFAK',
      type: 'voucher.issued',
      created_at: '2026-11-24T07:00:00.000Z',
      data: { x: 1 },
    };
    const verified = deliver(event)();
    expect(verified).toEqual(event);
    expect(isKnownEvent(verified)).toBe(false);
    expect(isWebhookEventType('voucher.issued')).toBe(false);
    expect(isWebhookEventType(42)).toBe(false);
    expect(isWebhookEventType('toString')).toBe(false);
  });

  it('accepts optional fields left out and data times with an offset', () => {
    const event = createTestEvent('payment.authorized', {
      data: {
        course_code: undefined,
        schedule_code: undefined,
        authorized_at: '2026-11-24T14:00:00+07:00',
      },
    });
    expect(deliver(event)()).toMatchObject({
      data: { authorized_at: '2026-11-24T14:00:00+07:00' },
    });
  });

  it.each([
    [
      'amount as a numeric string',
      createTestEvent('payment.authorized', { data: { amount: '1000' as unknown as number } }),
      'data.amount',
    ],
    [
      'sequence 11',
      createTestEvent('attendance.verified', { data: { sequence: 11 as 10 } }),
      'data.sequence',
    ],
    [
      'a status of 4',
      createTestEvent('assignment.reviewed', { data: { status: 4 as 3 } }),
      'data.status',
    ],
    [
      'a scope other than tpm or uk',
      createTestEvent('assignment.submitted', { data: { scope: 'quiz' as 'tpm' } }),
      'data.scope',
    ],
    [
      'a currency other than IDR',
      createTestEvent('incentive.disbursement_requested', { data: { currency: 'USD' as 'IDR' } }),
      'data.currency',
    ],
    [
      'an id without evt_',
      createTestEvent('course.completed', { id: 'msg_01JFAKEFAKEFAKEFAKEFAKEFAK' }),
      'id',
    ],
    [
      'created_at with an offset',
      createTestEvent('payment.voided', { created_at: '2026-11-24T14:00:00+07:00' }),
      'created_at',
    ],
  ])('rejects a known type with %s, listing the schema issues', (_label, event, path) => {
    let error: unknown;
    try {
      deliver(event)();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WebhookVerificationError);
    const failure = error as WebhookVerificationError;
    expect(failure.check).toBe('event');
    expect(failure.message).toContain(`${event.type} does not match its schema at ${path}`);
    expect(failure.issues[0]?.path.join('.')).toBe(path);
  });
});

describe('verify (the promise form)', () => {
  it('resolves to the same event as verifySync', async () => {
    const event = createTestEvent('payment.voided');
    const body = JSON.stringify(event);
    const signature = await sign({
      id: event.id,
      timestamp: NOW_SECONDS,
      payload: body,
      secret: SECRET,
    });
    const headers = {
      'webhook-id': event.id,
      'webhook-timestamp': String(NOW_SECONDS),
      'webhook-signature': signature,
    };
    const params = { payload: body, headers, secret: SECRET, now };
    const verified = verify(params);
    expect(verified).toBeInstanceOf(Promise);
    expect(await verified).toEqual(verifySync(params));
  });

  it('rejects, never throws, for a bad delivery', async () => {
    const pending = verify({ payload: '{}', headers: {}, secret: SECRET, now });
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).rejects.toBeInstanceOf(WebhookVerificationError);
  });
});
