import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { NOW_SECONDS, now, OTHER_SECRET, SECRET } from '../test/fixtures.js';
import { createTestEvent } from './create-test-event.js';
import { WebhookVerificationError } from './errors/webhook-verification-error.js';
import { signSync, verifyEnvelopeSync } from './sync.js';
import { DEFAULT_TOLERANCE_SECONDS } from './verify-envelope.js';

const event = createTestEvent('payment.voided');
const payload = JSON.stringify(event);

function headersFor(overrides: Record<string, string> = {}, secret: string | string[] = SECRET) {
  return {
    'webhook-id': event.id,
    'webhook-timestamp': String(NOW_SECONDS),
    'webhook-signature': signSync({ id: event.id, timestamp: NOW_SECONDS, payload, secret }),
    ...overrides,
  };
}

function failure(run: () => unknown): WebhookVerificationError {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error;
    throw error;
  }
  throw new Error('expected a WebhookVerificationError');
}

// The checks run in `checkDelivery`/`matchSignature`, shared by `verifyEnvelope` and
// `verifyEnvelopeSync`; these cases use the synchronous form (sync.test.ts pins that both agree).
describe('verifyEnvelopeSync', () => {
  it('returns the parsed envelope of a correctly signed delivery', () => {
    expect(verifyEnvelopeSync({ payload, headers: headersFor(), secret: SECRET, now })).toEqual(
      event,
    );
  });

  it('accepts the body as bytes or an ArrayBuffer', () => {
    const bytes = new TextEncoder().encode(payload);
    expect(
      verifyEnvelopeSync({ payload: bytes, headers: headersFor(), secret: SECRET, now }),
    ).toEqual(event);
    const buffer = bytes.buffer.slice(0);
    expect(
      verifyEnvelopeSync({ payload: buffer, headers: headersFor(), secret: SECRET, now }),
    ).toEqual(event);
  });

  it('reads headers from a fetch Headers object and from mixed-case records', () => {
    const headers = new Headers(headersFor());
    expect(verifyEnvelopeSync({ payload, headers, secret: SECRET, now })).toEqual(event);
    const record = Object.fromEntries(
      Object.entries(headersFor()).map(([name, value]) => [name.toUpperCase(), value]),
    );
    expect(verifyEnvelopeSync({ payload, headers: record, secret: SECRET, now })).toEqual(event);
  });

  it('joins a repeated signature header so any of its signatures can match', () => {
    const valid = headersFor()['webhook-signature'];
    const headers = { ...headersFor(), 'webhook-signature': ['v1,bm90LWl0', valid] };
    expect(verifyEnvelopeSync({ payload, headers, secret: SECRET, now })).toEqual(event);
  });

  it('reads a repeated signature header in a fetch Headers object', () => {
    const headers = new Headers(headersFor({ 'webhook-signature': 'v1,bm90LWl0' }));
    headers.append('webhook-signature', headersFor()['webhook-signature']);
    expect(verifyEnvelopeSync({ payload, headers, secret: SECRET, now })).toEqual(event);
  });

  it('accepts a header with several signatures when any one matches', () => {
    const valid = headersFor()['webhook-signature'];
    const headers = headersFor({ 'webhook-signature': `v1a,ignored v1,bm90LWl0 ${valid}` });
    expect(verifyEnvelopeSync({ payload, headers, secret: SECRET, now })).toEqual(event);
  });

  it('accepts any of several secrets during a rotation, in either order', () => {
    const headers = headersFor({}, OTHER_SECRET);
    expect(verifyEnvelopeSync({ payload, headers, secret: [SECRET, OTHER_SECRET], now })).toEqual(
      event,
    );
    expect(verifyEnvelopeSync({ payload, headers, secret: [OTHER_SECRET, SECRET], now })).toEqual(
      event,
    );
  });

  it('rejects a signature made with another secret, naming the signature check', () => {
    const error = failure(() =>
      verifyEnvelopeSync({ payload, headers: headersFor({}, OTHER_SECRET), secret: SECRET, now }),
    );
    expect(error.check).toBe('signature');
    expect(error.message).toMatch(
      /^Webhook verification failed \(signature\): no v1 signature matched/,
    );
    expect(error.message).not.toContain(headersFor({}, OTHER_SECRET)['webhook-signature'].slice(3));
    expect(error.message).not.toContain(SECRET.slice(6));
  });

  it('rejects a signature whose version is not v1', () => {
    const digest = headersFor()['webhook-signature'].slice(3);
    const error = failure(() =>
      verifyEnvelopeSync({
        payload,
        headers: headersFor({ 'webhook-signature': `v2,${digest}` }),
        secret: SECRET,
        now,
      }),
    );
    expect(error.check).toBe('signature');
  });

  it('accepts a timestamp exactly at the tolerance on either side and rejects one second more', () => {
    const at = (skew: number) => () => (NOW_SECONDS + skew) * 1000;
    const verifyAt = (skew: number) =>
      verifyEnvelopeSync({ payload, headers: headersFor(), secret: SECRET, now: at(skew) });
    expect(verifyAt(DEFAULT_TOLERANCE_SECONDS)).toEqual(event);
    expect(verifyAt(-DEFAULT_TOLERANCE_SECONDS)).toEqual(event);
    expect(failure(() => verifyAt(DEFAULT_TOLERANCE_SECONDS + 1)).message).toMatch(
      /\(timestamp\): too old \(301 s, tolerance 300 s\)/,
    );
    expect(failure(() => verifyAt(-DEFAULT_TOLERANCE_SECONDS - 1)).message).toMatch(
      /\(timestamp\): in the future \(301 s/,
    );
  });

  it('defaults the tolerance to 300 seconds and the clock to Date.now', () => {
    expect(DEFAULT_TOLERANCE_SECONDS).toBe(300);
    const error = failure(() =>
      verifyEnvelopeSync({ payload, headers: headersFor(), secret: SECRET }),
    );
    expect(error.check).toBe('timestamp');
  });

  it('honours a custom tolerance', () => {
    const later = () => (NOW_SECONDS + 10) * 1000;
    expect(
      failure(() =>
        verifyEnvelopeSync({
          payload,
          headers: headersFor(),
          secret: SECRET,
          now: later,
          toleranceSeconds: 5,
        }),
      ).check,
    ).toBe('timestamp');
  });

  it('rejects a timestamp that is not Unix seconds', () => {
    const error = failure(() =>
      verifyEnvelopeSync({
        payload,
        headers: headersFor({ 'webhook-timestamp': '2026-11-24T07:00:00Z' }),
        secret: SECRET,
        now,
      }),
    );
    expect(error.check).toBe('timestamp');
  });

  it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])(
    'rejects a delivery without %s',
    (name) => {
      const headers: Record<string, string> = headersFor();
      delete headers[name];
      const error = failure(() => verifyEnvelopeSync({ payload, headers, secret: SECRET, now }));
      expect(error.check).toBe('headers');
      expect(error.message).toContain(
        'webhook-id, webhook-timestamp and webhook-signature are all required',
      );
    },
  );

  it.each([
    ['a parsed object', event],
    ['null', null],
    ['a number', 42],
  ])(
    'refuses %s as payload and explains how to get the raw body in each framework',
    (_label, value) => {
      const error = failure(() =>
        verifyEnvelopeSync({
          payload: value as unknown as string,
          headers: headersFor(),
          secret: SECRET,
          now,
        }),
      );
      expect(error.check).toBe('payload');
      for (const framework of [
        'Express: mount express.raw(',
        'Fastify: register the webhook route in a plugin',
        'Koa: with koa-bodyparser mounted, pass ctx.request.rawBody',
        'Hono: await c.req.text()',
        'Next.js: await request.text()',
      ]) {
        expect(error.message).toContain(framework);
      }
    },
  );

  it('refuses a re-serialised body with the raw-body advice', () => {
    const reserialised = JSON.stringify(JSON.parse(payload), null, 2);
    const error = failure(() =>
      verifyEnvelopeSync({ payload: reserialised, headers: headersFor(), secret: SECRET, now }),
    );
    expect(error.check).toBe('signature');
    expect(error.message).toContain('never a parsed or re-serialised one');
  });

  it.each([
    ['not JSON', 'not json', 'the body is not JSON'],
    ['JSON without an envelope', '[1,2]', 'not an event envelope'],
    ['JSON null', 'null', 'not an event envelope'],
    [
      'an envelope whose data is null',
      JSON.stringify({ ...event, data: null }),
      'not an event envelope',
    ],
    [
      'an envelope whose type is missing',
      JSON.stringify({ ...event, type: undefined }),
      'not an event envelope',
    ],
  ])('rejects a correctly signed body that is %s', (_label, body, message) => {
    const headers = headersFor({
      'webhook-signature': signSync({
        id: event.id,
        timestamp: NOW_SECONDS,
        payload: body,
        secret: SECRET,
      }),
    });
    const error = failure(() =>
      verifyEnvelopeSync({ payload: body, headers, secret: SECRET, now }),
    );
    expect(error.check).toBe('event');
    expect(error.message).toContain(message);
  });

  it('refuses a missing or malformed secret with a TypeError', () => {
    expect(() => verifyEnvelopeSync({ payload, headers: headersFor(), secret: [], now })).toThrow(
      TypeError,
    );
    expect(() =>
      verifyEnvelopeSync({ payload, headers: headersFor(), secret: 'plain', now }),
    ).toThrow(/whsec_/);
  });
});

describe('interoperability with the standardwebhooks package', () => {
  it('verifies a delivery signed by standardwebhooks', () => {
    const webhook = new Webhook(SECRET);
    const signature = webhook.sign(event.id, new Date(NOW_SECONDS * 1000), payload);
    const headers = {
      'webhook-id': event.id,
      'webhook-timestamp': String(NOW_SECONDS),
      'webhook-signature': signature,
    };
    expect(verifyEnvelopeSync({ payload, headers, secret: SECRET, now })).toEqual(event);
  });

  it('is verified by standardwebhooks, including a rotation header with two signatures', () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = signSync({
      id: event.id,
      timestamp,
      payload,
      secret: [OTHER_SECRET, SECRET],
    });
    const headers = {
      'webhook-id': event.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    };
    expect(new Webhook(SECRET).verify(payload, headers)).toEqual(event);
    expect(new Webhook(OTHER_SECRET).verify(payload, headers)).toEqual(event);
  });

  it('agrees with standardwebhooks that a tampered body fails', () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = signSync({ id: event.id, timestamp, payload, secret: SECRET });
    const headers = {
      'webhook-id': event.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    };
    expect(() => new Webhook(SECRET).verify(`${payload} `, headers)).toThrow();
    expect(() => verifyEnvelopeSync({ payload: `${payload} `, headers, secret: SECRET })).toThrow(
      WebhookVerificationError,
    );
  });
});
