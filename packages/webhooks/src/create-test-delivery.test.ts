import { describe, expect, it } from 'vitest';
import { NOW_SECONDS, SECRET } from '../test/fixtures.js';
import { createEventId } from './create-event-id.js';
import { createTestDelivery } from './create-test-delivery.js';
import { createTestEvent } from './create-test-event.js';
import { sign } from './sign.js';

describe('createTestDelivery', () => {
  it('builds headers, body and a POST Request signed for the event', async () => {
    const event = createTestEvent('course.completed');
    const delivery = await createTestDelivery({
      event,
      secret: SECRET,
      timestamp: NOW_SECONDS,
      url: 'https://partner.test/hooks',
    });
    expect(delivery.body).toBe(JSON.stringify(event));
    expect(delivery.headers).toEqual({
      'content-type': 'application/json',
      'webhook-id': event.id,
      'webhook-timestamp': String(NOW_SECONDS),
      'webhook-signature': await sign({
        id: event.id,
        timestamp: NOW_SECONDS,
        payload: delivery.body,
        secret: SECRET,
      }),
    });
    expect(delivery.request.method).toBe('POST');
    expect(delivery.request.url).toBe('https://partner.test/hooks');
    expect(delivery.request.headers.get('webhook-id')).toBe(event.id);
    expect(await delivery.request.text()).toBe(delivery.body);
  });

  it('defaults to the current time and a localhost URL', async () => {
    const before = Math.floor(Date.now() / 1000);
    const delivery = await createTestDelivery({
      event: createTestEvent('payment.voided'),
      secret: SECRET,
    });
    expect(Number(delivery.headers['webhook-timestamp'])).toBeGreaterThanOrEqual(before);
    expect(delivery.request.url).toBe('http://localhost/webhooks');
  });
});

describe('createTestEvent', () => {
  it('merges data overrides over the sample and keeps a given id and time', () => {
    const event = createTestEvent('payment.authorized', {
      id: 'evt_01JFAKEFAKEFAKEFAKEFAKEFAK',
      created_at: '2026-01-01T00:00:00.000Z',
      data: { amount: 5 },
    });
    expect(event).toMatchObject({
      id: 'evt_01JFAKEFAKEFAKEFAKEFAKEFAK',
      created_at: '2026-01-01T00:00:00.000Z',
      data: { amount: 5, invoice_code: 'INV-TEST-0001' },
    });
  });
});

describe('createEventId', () => {
  it('creates evt_ and a 26-character ULID whose time part sorts by creation time', () => {
    const first = createEventId(1_763_967_600_000);
    const later = createEventId(1_763_967_600_001);
    expect(first).toMatch(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(first.slice(4, 14) < later.slice(4, 14)).toBe(true);
    expect(createEventId(0).slice(4, 14)).toBe('0000000000');
    expect(createEventId()).not.toBe(createEventId());
  });
});
