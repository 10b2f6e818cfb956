// The public signing types do not depend on the export condition (issue 22): this file is
// type-checked under the `node` condition (tsconfig.json, vitest typecheck) and under `worker`
// (tsconfig.web-types.json, in `pnpm -F @prakerja-kit/webhooks typecheck`).
import { describe, expectTypeOf, it } from 'vitest';
import type { TestDelivery } from './create-test-delivery.js';
import {
  sign,
  type VerifiedWebhookEvent,
  verify,
  verifyEnvelope,
  type WebhookEnvelope,
} from './index.js';
import { signSync, verifyEnvelopeSync, verifySync } from './node.js';
import { createTestDelivery } from './testing.js';
import { verifyEnvelope as verifyEnvelopeOnly } from './verify-only.js';

describe('one public type on every runtime', () => {
  it('sign, verify, verifyEnvelope and createTestDelivery always return a promise', () => {
    expectTypeOf(sign).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(verify).returns.toEqualTypeOf<Promise<VerifiedWebhookEvent>>();
    expectTypeOf(verifyEnvelope).returns.toEqualTypeOf<Promise<WebhookEnvelope>>();
    expectTypeOf(verifyEnvelopeOnly).returns.toEqualTypeOf<Promise<WebhookEnvelope>>();
    expectTypeOf(createTestDelivery).returns.toEqualTypeOf<Promise<TestDelivery>>();
  });

  it('the Node entry names the synchronous variants', () => {
    expectTypeOf(signSync).returns.toEqualTypeOf<string>();
    expectTypeOf(verifySync).returns.toEqualTypeOf<VerifiedWebhookEvent>();
    expectTypeOf(verifyEnvelopeSync).returns.toEqualTypeOf<WebhookEnvelope>();
  });
});
