import {
  createMemoryStore,
  createWebhookReceiver,
  sign,
  verify,
  verifyEnvelope,
  WebhookVerificationError,
} from '@prakerja-kit/webhooks';
import { verifyEnvelope as verifyOnly } from '@prakerja-kit/webhooks/verify';
import * as fc from 'fast-check';
import { expect, it } from 'vitest';

// Fuzzing (issue 10): whatever arrives, verification returns an event or throws
// WebhookVerificationError, and the receiver answers 204, 400 or 409; nothing else escapes.
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const NOW = 1_763_967_600_000;
const now = () => NOW;
const RUNS = { numRuns: 300, seed: 10 };

const timestampHeader = fc.oneof(
  fc.string(),
  fc.integer({ min: -1e6, max: 1e16 }).map(String),
  fc.integer({ min: -600, max: 600 }).map((delta) => String(NOW / 1000 + delta)),
);
const signatureHeader = fc.oneof(
  fc.string(),
  fc
    .array(
      fc
        .tuple(fc.constantFrom('v1', 'v1a', 'v2', ''), fc.base64String())
        .map(([v, s]) => `${v},${s}`),
    )
    .map((parts) => parts.join(' ')),
);
const headers = fc.record(
  {
    'webhook-id': fc.oneof(fc.string(), fc.constant('evt_01')),
    'webhook-timestamp': timestampHeader,
    'webhook-signature': signatureHeader,
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.string(),
  fc.json(),
  fc.uint8Array({ maxLength: 512 }),
  fc
    .record({ id: fc.string(), type: fc.string(), created_at: fc.string(), data: fc.jsonValue() })
    .map((event) => JSON.stringify(event)),
);
// Secrets are configuration, not input: a malformed one is a TypeError on purpose. Fuzz the
// valid shapes (one secret, a rotation) against arbitrary deliveries.
const OTHER = 'whsec_dGhpcyBpcyBhbm90aGVyIGZha2Ugc2VjcmV0IQ==';
const secret = fc.oneof(fc.constant(SECRET), fc.constant([OTHER, SECRET]), fc.constant([OTHER]));

function expectOnlyVerificationErrors(run: () => unknown): Promise<void> {
  return Promise.resolve()
    .then(run)
    .then(
      () => undefined,
      (error: unknown) => {
        expect(error).toBeInstanceOf(WebhookVerificationError);
      },
    );
}

it('verify and verifyEnvelope never crash on arbitrary headers and bodies', async () => {
  await fc.assert(
    fc.asyncProperty(headers, body, secret, async (h, payload, s) => {
      await expectOnlyVerificationErrors(() => verify({ payload, headers: h, secret: s, now }));
      await expectOnlyVerificationErrors(() =>
        verifyEnvelope({ payload, headers: new Headers(h), secret: s, now }),
      );
      await expectOnlyVerificationErrors(() => verifyOnly({ payload, headers: h, secret: s, now }));
    }),
    RUNS,
  );
});

it('a correctly signed arbitrary body verifies or fails only its event check', async () => {
  const eventBody = fc.oneof(
    fc.json(),
    fc
      .record({
        id: fc.constant('evt_01'),
        type: fc.oneof(
          fc.constantFrom('payment.authorized', 'incentive.disbursement_requested'),
          fc.string(),
        ),
        created_at: fc.string(),
        data: fc.jsonValue(),
      })
      .map((event) => JSON.stringify(event)),
  );
  await fc.assert(
    fc.asyncProperty(eventBody, fc.integer({ min: -299, max: 299 }), async (payload, delta) => {
      const timestamp = NOW / 1000 + delta;
      const signature = await sign({ id: 'evt_01', timestamp, payload, secret: SECRET });
      const h = {
        'webhook-id': 'evt_01',
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signature,
      };
      try {
        await verify({ payload, headers: h, secret: SECRET, now });
      } catch (error) {
        expect(error).toBeInstanceOf(WebhookVerificationError);
        // The signature held: only the body's shape can be refused.
        expect((error as WebhookVerificationError).check).not.toBe('signature');
      }
    }),
    RUNS,
  );
});

it('the receiver answers arbitrary requests with 204, 400 or 409 only', async () => {
  // Refused deliveries are logged at warn; this property is about the answers only.
  const logger = { warn: () => {}, error: () => {} };
  const receiver = createWebhookReceiver({
    secret: SECRET,
    now,
    store: createMemoryStore({ now }),
    logger,
  })
    .on('payment.authorized', () => {})
    .onUnknown(() => {});
  await fc.assert(
    fc.asyncProperty(headers, body, async (h, payload) => {
      const request = new Request('http://127.0.0.1/webhooks', {
        method: 'POST',
        headers: h,
        body: payload,
      });
      const response = await receiver.receiveRequest(request);
      expect([204, 400, 409]).toContain(response.status);
    }),
    RUNS,
  );
});
