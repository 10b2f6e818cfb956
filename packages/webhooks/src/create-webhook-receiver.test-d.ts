import { describe, expectTypeOf, it } from 'vitest';
import { createWebhookReceiver } from './create-webhook-receiver.js';
import type { IncentiveDisbursementRequestedEvent } from './schemas/incentive-events.js';
import type { PaymentVoidedEvent } from './schemas/payment-events.js';
import type { WebhookEventType } from './schemas/webhook-event.js';
import { isKnownEvent, type UnknownWebhookEvent, verify } from './verify.js';

const receiver = createWebhookReceiver({ secret: 'whsec_ZmFrZQ==' });

describe('the handler registry', () => {
  it('types each handler with the event of its type', () => {
    receiver.on('incentive.disbursement_requested', (event) => {
      expectTypeOf(event).toEqualTypeOf<IncentiveDisbursementRequestedEvent>();
      expectTypeOf(event.data.destination.type).toEqualTypeOf<'bank' | 'ewallet'>();
    });
  });

  it('accepts every event type and nothing else', () => {
    expectTypeOf(receiver.on).parameter(0).toEqualTypeOf<WebhookEventType>();
    // @ts-expect-error: not an event type
    receiver.on('incentive.disbursement_requestd', () => {});
  });

  it('narrows a verified event by type once it is known', async () => {
    const event = await verify({ payload: '', headers: {}, secret: 'whsec_ZmFrZQ==' });
    if (isKnownEvent(event)) {
      if (event.type === 'payment.voided') expectTypeOf(event).toEqualTypeOf<PaymentVoidedEvent>();
    } else {
      expectTypeOf(event).toEqualTypeOf<UnknownWebhookEvent>();
    }
  });
});
