import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOW_SECONDS, now, OTHER_SECRET, SECRET } from '../test/fixtures.js';
import { WebhookVerificationError } from './errors/webhook-verification-error.js';
import { signSync, verifyEnvelopeSync } from './sync.js';

const envelope = fc.record({
  id: fc.stringMatching(/^evt_[0-9A-Z]{26}$/),
  type: fc.constantFrom('payment.voided', 'some.future_type'),
  created_at: fc.constant('2026-11-24T07:00:00.000Z'),
  data: fc.dictionary(fc.string(), fc.jsonValue()),
});

const delivery = envelope.map((event) => {
  const payload = JSON.stringify(event);
  return {
    payload,
    headers: {
      'webhook-id': event.id,
      'webhook-timestamp': String(NOW_SECONDS),
      'webhook-signature': signSync({
        id: event.id,
        timestamp: NOW_SECONDS,
        payload,
        secret: SECRET,
      }),
    },
  };
});

function rejects(run: () => unknown): boolean {
  try {
    run();
  } catch (error) {
    return error instanceof WebhookVerificationError;
  }
  return false;
}

function replaceAt(text: string, position: number, replacement: string): string {
  const index = position % text.length;
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe('verification properties', () => {
  it('accepts every correctly signed delivery', () => {
    fc.assert(
      fc.property(delivery, ({ payload, headers }) => {
        expect(verifyEnvelopeSync({ payload, headers, secret: SECRET, now })).toEqual(
          JSON.parse(payload),
        );
      }),
    );
  });

  it('rejects any delivery with one byte of the body changed', () => {
    fc.assert(
      fc.property(
        delivery,
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        ({ payload, headers }, position, byte) => {
          const bytes = new TextEncoder().encode(payload);
          const index = position % bytes.length;
          fc.pre(bytes[index] !== byte);
          bytes[index] = byte;
          expect(
            rejects(() => verifyEnvelopeSync({ payload: bytes, headers, secret: SECRET, now })),
          ).toBe(true);
        },
      ),
    );
  });

  it('rejects any change to one character of any header', () => {
    const names = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;
    fc.assert(
      fc.property(
        delivery,
        fc.constantFrom(...names),
        fc.nat(),
        fc.integer({ min: 0x20, max: 0x7e }),
        ({ payload, headers }, name, position, code) => {
          const original = headers[name];
          const changed = replaceAt(original, position, String.fromCharCode(code));
          fc.pre(changed !== original);
          const tampered = { ...headers, [name]: changed };
          expect(
            rejects(() => verifyEnvelopeSync({ payload, headers: tampered, secret: SECRET, now })),
          ).toBe(true);
        },
      ),
    );
  });

  it('rejects a signature re-used with any other timestamp, even inside the tolerance', () => {
    fc.assert(
      fc.property(delivery, fc.integer({ min: -300, max: 300 }), ({ payload, headers }, delta) => {
        fc.pre(delta !== 0);
        const tampered = { ...headers, 'webhook-timestamp': String(NOW_SECONDS + delta) };
        expect(
          rejects(() => verifyEnvelopeSync({ payload, headers: tampered, secret: SECRET, now })),
        ).toBe(true);
      }),
    );
  });

  it('rejects any delivery outside the tolerance, however it is signed', () => {
    fc.assert(
      fc.property(
        delivery,
        fc.integer({ min: 301, max: 10 ** 9 }),
        fc.boolean(),
        ({ payload, headers }, skew, future) => {
          const at = () => (NOW_SECONDS + (future ? -skew : skew)) * 1000;
          expect(
            rejects(() => verifyEnvelopeSync({ payload, headers, secret: SECRET, now: at })),
          ).toBe(true);
        },
      ),
    );
  });

  it('rejects any other secret', () => {
    const secrets = fc
      .uint8Array({ minLength: 1, maxLength: 64 })
      .map((bytes) => `whsec_${Buffer.from(bytes).toString('base64')}`)
      .filter((secret) => secret !== SECRET);
    fc.assert(
      fc.property(delivery, secrets, ({ payload, headers }, secret) => {
        expect(rejects(() => verifyEnvelopeSync({ payload, headers, secret, now }))).toBe(true);
        expect(
          verifyEnvelopeSync({ payload, headers, secret: [secret, OTHER_SECRET, SECRET], now }),
        ).toEqual(JSON.parse(payload));
      }),
    );
  });
});
