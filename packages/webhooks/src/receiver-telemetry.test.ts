import * as otel from '@opentelemetry/api';
import { openTelemetry } from '@prakerja-kit/core/telemetry';
import { afterEach, expect, it } from 'vitest';
import { childrenOf, otelHarness } from '../../../tests/support/otel.js';
import { createEventId } from './create-event-id.js';
import { createTestDelivery } from './create-test-delivery.js';
import { createTestEvent } from './create-test-event.js';
import { createWebhookReceiver, type WebhookReceiverOptions } from './create-webhook-receiver.js';
import { WebhookTelemetryMetric } from './index.js';
import { createReceiverTelemetry } from './internal/receiver-telemetry.js';
import type { IdempotencyStore } from './stores/idempotency-store.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const silent = { warn() {}, error() {} };
const harness = otelHarness();
afterEach(() => harness.reset());

const receiverWith = (options: Partial<WebhookReceiverOptions> = {}) =>
  createWebhookReceiver({
    secret: SECRET,
    logger: silent,
    telemetry: harness.telemetry,
    ...options,
  });

const event = (id: string) =>
  createTestEvent('payment.authorized', {
    id,
    data: {
      invoice_code: 'INV-OTEL-1',
      transaction_code: 'TRX-OTEL-1',
      amount: 500000,
      course_code: 'C-1',
      schedule_code: 'S-1',
      authorized_at: '2026-11-30T10:00:00.000Z',
    },
  });
const delivery = async (id: string, secret = SECRET) => {
  const signed = await createTestDelivery({ event: event(id), secret });
  return { payload: signed.body, headers: signed.headers };
};
// Readable names for the test, real event ids on the wire.
const ids = new Map<string, string>();
const idOf = (name: string) => {
  if (!ids.has(name)) ids.set(name, createEventId());
  return ids.get(name)!;
};

it('traces a delivery as receive → verify, dispatch → handler, with the result and no body or secret', async () => {
  const receiver = receiverWith().on('payment.authorized', async () => {});
  const first = await delivery(idOf('evt_otel_first'));
  expect(await receiver.receive(first)).toMatchObject({ outcome: 'processed' });
  expect(await receiver.receive(first)).toMatchObject({ outcome: 'duplicate' });

  const spans = harness.spans();
  const roots = spans.filter((span) => span.name === 'webhooks.receive');
  expect(roots).toHaveLength(2);
  expect(roots[0]!.kind).toBe(otel.SpanKind.SERVER);
  const [verifySpan, dispatchSpan] = childrenOf(spans, roots[0]!);
  expect(verifySpan).toMatchObject({
    name: 'webhooks.verify',
    attributes: {
      'prakerja.webhook.event_type': 'payment.authorized',
      'prakerja.webhook.id': idOf('evt_otel_first'),
    },
  });
  expect(dispatchSpan).toMatchObject({
    name: 'webhooks.dispatch',
    attributes: { 'prakerja.webhook.result': 'processed' },
  });
  expect(childrenOf(spans, dispatchSpan!).map((span) => span.name)).toEqual(['webhooks.handler']);
  const second = childrenOf(spans, roots[1]!);
  expect(second[1]!.attributes['prakerja.webhook.result']).toBe('duplicate');
  const everything = JSON.stringify(spans.map((span) => [span.attributes, span.events]));
  for (const secret of [SECRET, first.headers['webhook-signature'], 'INV-OTEL-1']) {
    expect(everything).not.toContain(secret);
  }

  const metrics = await harness.metrics();
  expect(metrics[WebhookTelemetryMetric.DELIVERIES]).toEqual(
    expect.arrayContaining([
      {
        attributes: {
          'prakerja.webhook.result': 'processed',
          'prakerja.webhook.event_type': 'payment.authorized',
        },
        value: 1,
      },
      {
        attributes: {
          'prakerja.webhook.result': 'duplicate',
          'prakerja.webhook.event_type': 'payment.authorized',
        },
        value: 1,
      },
    ]),
  );
  expect(metrics[WebhookTelemetryMetric.HANDLER_DURATION]?.[0]?.value).toBeGreaterThanOrEqual(1);
});

it('records a forged delivery as rejected with the failed check, over receiveRequest', async () => {
  const receiver = receiverWith().on('payment.authorized', async () => {});
  const forged = await delivery(
    idOf('evt_otel_forged'),
    'whsec_QW5vdGhlclNlY3JldEZvclRlc3RzMTIzNDU2',
  );
  const response = await receiver.receiveRequest(
    new Request('http://127.0.0.1/webhooks', {
      method: 'POST',
      headers: forged.headers,
      body: forged.payload,
    }),
  );
  expect(response.status).toBe(400);
  const spans = harness.spans();
  const root = spans.find((span) => span.name === 'webhooks.receive')!;
  expect(root.attributes['http.response.status_code']).toBe(400);
  const [verifySpan] = childrenOf(spans, root);
  expect(verifySpan).toMatchObject({
    name: 'webhooks.verify',
    attributes: { 'prakerja.webhook.check': 'signature' },
    status: { code: otel.SpanStatusCode.ERROR },
  });
  expect((await harness.metrics())[WebhookTelemetryMetric.DELIVERIES]).toContainEqual({
    attributes: { 'prakerja.webhook.result': 'rejected', 'prakerja.webhook.check': 'signature' },
    value: 1,
  });
});

it('marks a failing handler and a failing store as failed, without their messages', async () => {
  const receiver = receiverWith()
    .on('payment.authorized', async () => {
      throw new Error('could not pay budi@example.com');
    })
    .onUnknown(() => {});
  await expect(receiver.receive(await delivery(idOf('evt_otel_fail')))).rejects.toThrow('budi');
  const spans = harness.spans();
  const handlerSpan = spans.find((span) => span.name === 'webhooks.handler')!;
  expect(handlerSpan.status).toEqual({
    code: otel.SpanStatusCode.ERROR,
    message: 'Error (message not recorded)',
  });
  expect(
    JSON.stringify(spans.map((span) => [span.attributes, span.events, span.status])),
  ).not.toContain('budi');
  expect(spans.find((span) => span.name === 'webhooks.receive')!.status.code).toBe(
    otel.SpanStatusCode.ERROR,
  );

  const broken: IdempotencyStore = {
    acquire: async () => {
      throw 'store down';
    },
    extend: async () => true,
    complete: async () => true,
    release: async () => true,
  };
  const withBrokenStore = receiverWith({ store: broken }).on('payment.authorized', () => {});
  await expect(withBrokenStore.dispatch(event(idOf('evt_otel_store')))).rejects.toBe('store down');
  const points = (await harness.metrics())[WebhookTelemetryMetric.DELIVERIES]!;
  expect(
    points.find((point) => point.attributes['prakerja.webhook.result'] === 'failed')?.value,
  ).toBe(2);
});

it('reports ignored and in-progress deliveries, and answers 409 while one runs', async () => {
  let release: () => void = () => {};
  const running = new Promise<void>((resolve) => {
    release = resolve;
  });
  const receiver = receiverWith().on('payment.authorized', () => running);
  const ignored = receiverWith();
  expect(await ignored.dispatch(event(idOf('evt_otel_ignored')))).toMatchObject({
    outcome: 'ignored',
  });
  const first = await delivery(idOf('evt_otel_busy'));
  const request = () =>
    new Request('http://127.0.0.1/webhooks', {
      method: 'POST',
      headers: first.headers,
      body: first.payload,
    });
  const pending = receiver.receiveRequest(request());
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect((await receiver.receiveRequest(request())).status).toBe(409);
  release();
  expect((await pending).status).toBe(204);
  const results = harness
    .spans()
    .filter((span) => span.name === 'webhooks.dispatch')
    .map((span) => span.attributes['prakerja.webhook.result']);
  expect(results.sort()).toEqual(['ignored', 'in_progress', 'processed']);
});

it('creates no instruments when tracing and metrics are off, and uses the global providers by default', async () => {
  expect(createReceiverTelemetry(undefined)).toBeUndefined();
  const off = createReceiverTelemetry(openTelemetry(otel, { tracer: false, meter: false }))!;
  const span = off.span('webhooks.receive', undefined);
  span.set({ a: 1 });
  span.end();
  off.delivery('processed');
  off.handlerDuration(1, 'payment.authorized');
  expect(harness.spans()).toEqual([]);
  // The global (no-op) providers: spans and metrics are created and dropped.
  const global = createReceiverTelemetry(openTelemetry(otel))!;
  const root = global.span('webhooks.receive', undefined);
  const child = global.span('webhooks.verify', root, { 'prakerja.webhook.id': 'evt_x' });
  child.end();
  child.end();
  child.set({ late: true });
  root.end();
  global.delivery('processed');
  expect(harness.spans()).toEqual([]);
});

it('does nothing for telemetry when the option is absent', async () => {
  const receiver = createWebhookReceiver({ secret: SECRET, logger: silent }).on(
    'payment.authorized',
    () => {},
  );
  expect(await receiver.receive(await delivery(idOf('evt_otel_none')))).toMatchObject({
    outcome: 'processed',
  });
  expect(harness.spans()).toEqual([]);
});
