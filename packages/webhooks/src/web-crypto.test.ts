import { Webhook } from 'standardwebhooks';
import { describe, expect, it, vi } from 'vitest';
import { NOW_SECONDS, now, OTHER_SECRET, SECRET } from '../test/fixtures.js';

// The edge/browser build: every module below gets the WebCrypto backend, as the `default`
// condition of "#crypto" does outside Node.
vi.mock('#crypto', () => import('./internal/crypto.web.js'));

const { sign } = await import('./sign.js');
const { generateSecret } = await import('./generate-secret.js');
const { verify } = await import('./verify.js');
const { createTestDelivery } = await import('./create-test-delivery.js');
const { createTestEvent } = await import('./create-test-event.js');
const { WebhookVerificationError } = await import('./errors/webhook-verification-error.js');

const event = createTestEvent('payment.authorized');
const payload = JSON.stringify(event);

describe('the WebCrypto build', () => {
  it('signs asynchronously, byte for byte like standardwebhooks', async () => {
    const signature = sign({ id: event.id, timestamp: NOW_SECONDS, payload, secret: SECRET });
    expect(signature).toBeInstanceOf(Promise);
    expect(await signature).toBe(
      new Webhook(SECRET).sign(event.id, new Date(NOW_SECONDS * 1000), payload),
    );
  });

  it('generates whsec_ secrets from the WebCrypto random source', () => {
    expect(generateSecret()).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(generateSecret()).not.toBe(generateSecret());
  });

  it('verifies a delivery given as text or bytes, with rotated secrets', async () => {
    const { headers, body } = await createTestDelivery({
      event,
      secret: OTHER_SECRET,
      timestamp: NOW_SECONDS,
    });
    const secret = [SECRET, OTHER_SECRET];
    await expect(verify({ payload: body, headers, secret, now })).resolves.toEqual(event);
    const bytes = new TextEncoder().encode(body);
    await expect(verify({ payload: bytes, headers, secret, now })).resolves.toEqual(event);
  });

  it('rejects a tampered body asynchronously, naming the signature check', async () => {
    const { headers, body } = await createTestDelivery({
      event,
      secret: SECRET,
      timestamp: NOW_SECONDS,
    });
    const result = verify({
      payload: body.replace('1000000', '9000000'),
      headers,
      secret: SECRET,
      now,
    });
    await expect(result).rejects.toBeInstanceOf(WebhookVerificationError);
    await expect(result).rejects.toThrow(/\(signature\)/);
  });

  it('builds a test Request that verifies', async () => {
    const { request } = await createTestDelivery({ event, secret: SECRET });
    const body = await request.text();
    await expect(
      verify({ payload: body, headers: request.headers, secret: SECRET }),
    ).resolves.toEqual(event);
  });

  it('keeps signing correctly with more secrets than its key cache holds', async () => {
    const secrets = Array.from(
      { length: 20 },
      (_, index) => `whsec_${Buffer.from(`fake-secret-${index}`).toString('base64')}`,
    );
    for (const secret of [...secrets, ...secrets]) {
      const signature = await sign({ id: event.id, timestamp: NOW_SECONDS, payload, secret });
      expect(signature).toBe(
        new Webhook(secret).sign(event.id, new Date(NOW_SECONDS * 1000), payload),
      );
    }
  });

  it('reports every failure as a rejection, even the checks made before any crypto', async () => {
    const missing = verify({ payload, headers: {}, secret: SECRET, now });
    expect(missing).toBeInstanceOf(Promise);
    await expect(missing).rejects.toThrow(/\(headers\)/);
    const badSecret = sign({ id: event.id, timestamp: NOW_SECONDS, payload, secret: 'plain' });
    await expect(badSecret).rejects.toThrow(TypeError);
  });
});
