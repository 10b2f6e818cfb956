// OpenTelemetry over real HTTP: an authorize that times out and reconciles is one trace, its
// metrics add up, and no secret or personal value reaches a span.
import * as otel from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { ProgramPath } from '@prakerja-kit/core';
import { TelemetryMetric } from '@prakerja-kit/core/telemetry';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPaymentWatcher } from '../src/index.js';
import { childrenOf, otelHarness } from './support/otel.js';
import { useSandbox } from './support/sandbox.js';

const env = useSandbox();
const otelSdk = otelHarness();

beforeAll(() => {
  otel.propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  otel.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
afterAll(async () => {
  otel.propagation.disable();
  otel.context.disable();
  await otelSdk.shutdown();
});

it('traces an authorize that times out and reconciles: operation → attempt + lookup spans, metrics, no secret', async () => {
  const traceparents: string[] = [];
  const client = env.client({
    timeout: 300,
    reconcile: { attempts: 6, delayMs: 250 },
    telemetry: otelSdk.telemetry,
    hooks: {
      onRequest: (event) => {
        if (event.path === ProgramPath.AUTHORIZE)
          traceparents.push(event.headers['traceparent'] ?? '');
      },
    },
  });
  const params = await env.authorizeParams(client, 'INV-OTEL-1');
  otelSdk.reset();
  // Held 700 ms, then committed: the client gives up at 300 ms and finds it through status.
  env.sandbox.control.faults.add({ kind: 'latency', path: ProgramPath.AUTHORIZE, latencyMs: 700 });
  const result = await client.payments.authorize(params);
  expect(result).toMatchObject({ outcome: 'purchased', reconciled: true });

  const spans = otelSdk.spans();
  const operation = spans.find((span) => span.name === 'payments.authorize');
  expect(operation).toBeDefined();
  if (!operation) return;
  expect(operation.parentSpanContext).toBeUndefined();
  expect(operation.attributes).toMatchObject({
    'prakerja.endpoint': ProgramPath.AUTHORIZE,
    'prakerja.outcome': 'purchased',
    'prakerja.reconciled': true,
    'prakerja.reconcile.result': 'found',
  });
  expect(operation.status.code).toBe(otel.SpanStatusCode.OK);

  const children = childrenOf(spans, operation);
  const [attempt, ...lookups] = children;
  expect(attempt?.name).toBe(`POST ${ProgramPath.AUTHORIZE}`);
  expect(attempt?.kind).toBe(otel.SpanKind.CLIENT);
  const { port, hostname } = new URL(env.url());
  expect(attempt?.attributes).toMatchObject({
    'http.request.method': 'POST',
    'server.address': hostname,
    'server.port': Number(port),
    'url.path': ProgramPath.AUTHORIZE,
    'prakerja.endpoint': ProgramPath.AUTHORIZE,
    'error.type': 'TimeoutError',
  });
  expect(attempt?.attributes['http.response.status_code']).toBeUndefined();
  expect(attempt?.status.code).toBe(otel.SpanStatusCode.ERROR);
  expect(attempt?.events.map((event) => event.name)).toEqual(['exception']);
  // Propagated: the attempt's own trace context went out as `traceparent`.
  expect(traceparents).toEqual([
    `00-${attempt?.spanContext().traceId}-${attempt?.spanContext().spanId}-01`,
  ]);

  // At least one lookup before the commit (not found), the last one found it.
  expect(lookups.length).toBeGreaterThanOrEqual(2);
  for (const lookup of lookups) {
    expect(lookup.name).toBe('payments.reconcile.lookup');
    const [http] = childrenOf(spans, lookup);
    expect(http?.name).toBe(`POST ${ProgramPath.PAYMENT_STATUS}`);
    expect(http?.attributes['http.response.status_code']).toEqual(expect.any(Number));
  }
  expect(lookups.map((lookup) => lookup.attributes['prakerja.lookup.result'])).toEqual([
    ...lookups.slice(1).map(() => 'not_found'),
    'found',
  ]);
  expect(lookups.at(-1)?.attributes['prakerja.payment.state']).toBe('authorized');
  // Every span of the operation shares its trace.
  for (const span of spans) {
    expect(span.spanContext().traceId).toBe(operation.spanContext().traceId);
  }

  // No secret and no personal value in any name, attribute or event.
  const dp = env.fixtures().platforms[0]!;
  const participant = env.fixtures().participants[0]!;
  const everything = JSON.stringify(
    spans.map((span) => ({
      name: span.name,
      attributes: span.attributes,
      events: span.events,
      status: span.status,
    })),
  );
  for (const value of [
    dp.signKey,
    params.otp,
    params.paymentToken,
    participant.prakerjaId,
    'user-1',
    params.invoiceUrl,
  ]) {
    expect(everything).not.toContain(value);
  }

  const metrics = await otelSdk.metrics();
  expect(metrics[TelemetryMetric.OUTCOMES]).toEqual([
    {
      attributes: {
        'prakerja.operation': 'authorize',
        'prakerja.outcome': 'purchased',
        'prakerja.reconciled': true,
      },
      value: 1,
    },
  ]);
  expect(metrics[TelemetryMetric.RECONCILIATIONS]).toEqual([
    {
      attributes: {
        'prakerja.operation': 'authorize',
        'prakerja.outcome': 'purchased',
        'prakerja.reconcile.result': 'found',
      },
      value: 1,
    },
  ]);
  // The duration histogram's count per endpoint and status (or error) is the requests made.
  const requests = metrics[TelemetryMetric.REQUEST_DURATION] ?? [];
  expect(requests).toContainEqual({
    attributes: {
      'prakerja.endpoint': ProgramPath.AUTHORIZE,
      'http.request.method': 'POST',
      'error.type': 'TimeoutError',
    },
    value: 1,
  });
  const statusCalls = requests
    .filter((point) => point.attributes['prakerja.endpoint'] === ProgramPath.PAYMENT_STATUS)
    .reduce((sum, point) => sum + point.value, 0);
  expect(statusCalls).toBe(lookups.length);
});

it('traces each watcher poll around its status lookup and records how late it ran', async () => {
  const client = env.client({ telemetry: otelSdk.telemetry });
  const params = await env.authorizeParams(client, 'INV-OTEL-2');
  expect(await client.payments.authorize(params)).toMatchObject({ outcome: 'purchased' });
  otelSdk.reset();
  const before = (await otelSdk.metrics())[TelemetryMetric.WATCHER_LAG] ?? [];
  const watcher = createPaymentWatcher(client, { onEvent: () => {} });
  await watcher.watch('INV-OTEL-2');
  await new Promise((resolve) => setTimeout(resolve, 20));
  await watcher.poll();
  const spans = otelSdk.spans();
  const poll = spans.find((span) => span.name === 'payment_watcher.poll');
  expect(poll?.attributes).toMatchObject({
    'prakerja.watcher.following': false,
    'prakerja.watcher.events': 1,
  });
  expect(poll?.attributes['prakerja.watcher.lag_ms']).toBeGreaterThanOrEqual(20);
  const [retrieve] = poll ? childrenOf(spans, poll) : [];
  expect(retrieve?.name).toBe('payments.retrieve');
  expect(retrieve && childrenOf(spans, retrieve).map((span) => span.name)).toEqual([
    `POST ${ProgramPath.PAYMENT_STATUS}`,
  ]);
  const lag = (await otelSdk.metrics())[TelemetryMetric.WATCHER_LAG] ?? [];
  const count = (points: typeof lag) => points.reduce((sum, point) => sum + point.value, 0);
  expect(count(lag) - count(before)).toBe(1);
});
