import * as otel from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { type DataPoint, MeterProvider } from '@opentelemetry/sdk-metrics';
import {
  AlwaysOffSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnDemandReader } from '../../../../tests/support/otel.js';
import { ProgramPath } from '../constants.js';
import * as z from '../schema/index.js';
import { createTransport, type TransportOptions } from '../transport/create-transport.js';
import { openTelemetry, TelemetryMetric } from './telemetry.js';

const SIGN_KEY = 'sk_test_fake_tel_0123456789';
const OTP = '771204';
const TOKEN = 'ptok_fake_tel_8d7c6b';

function sdk() {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const reader = new OnDemandReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const options = {
    tracer: tracerProvider.getTracer('test'),
    meter: meterProvider.getMeter('test'),
  };
  const telemetry = openTelemetry(otel, options);
  // A counter's sum, or a histogram's count.
  const sums = async (name: string) => {
    const { resourceMetrics } = await reader.collect();
    const metric = resourceMetrics.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .find((candidate) => candidate.descriptor.name === name);
    return (metric?.dataPoints ?? []).map((point) => ({
      attributes: point.attributes,
      value:
        typeof point.value === 'number'
          ? (point as DataPoint<number>).value
          : (point.value as { count: number }).count,
    }));
  };
  return { exporter, telemetry, options, sums };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

function client(fetch: typeof globalThis.fetch, options: Partial<TransportOptions> = {}) {
  return createTransport({
    clientCode: 'dp-tel-fake',
    signKey: SIGN_KEY,
    baseUrl: 'https://program.test:8443',
    fetch,
    logLevel: 'silent',
    retry: { baseDelayMs: 0, maxDelayMs: 0 },
    ...options,
  });
}

beforeAll(() => otel.propagation.setGlobalPropagator(new W3CTraceContextPropagator()));
afterAll(() => otel.propagation.disable());

describe('telemetry', () => {
  it('is off without the option', () => {
    expect(client(async () => json({})).telemetry).toBeUndefined();
  });

  it('gives a call without an operation its own span, one client span per attempt, and retry metrics', async () => {
    const { exporter, telemetry, sums } = sdk();
    const seen: Headers[] = [];
    const answers = [
      json({ success: false, message: `sibuk ${TOKEN}` }, 503, { 'retry-after': '0' }),
      json({ success: true, message: 'OK', data: { quota: 2 } }),
    ];
    const transport = client(
      async (_url, init) => {
        seen.push(new Headers(init?.headers));
        return answers.shift() as Response;
      },
      { telemetry },
    );
    await transport.request({
      method: 'POST',
      path: ProgramPath.QUOTA_SCHEDULE,
      body: { otp: OTP, email: 'rina@example.com' },
      authorization: `Payment ${TOKEN}`,
      secrets: [OTP, TOKEN],
      readOnly: true,
      data: z.object({ quota: z.number() }),
    });
    const spans = exporter.getFinishedSpans();
    const operation = spans.find((span) => span.name === 'prakerja.request');
    const attempts = spans.filter((span) => span.name === `POST ${ProgramPath.QUOTA_SCHEDULE}`);
    expect(operation?.attributes).toEqual({ 'prakerja.endpoint': ProgramPath.QUOTA_SCHEDULE });
    expect(operation?.status.code).toBe(otel.SpanStatusCode.OK);
    expect(attempts.map((span) => span.parentSpanContext?.spanId)).toEqual([
      operation?.spanContext().spanId,
      operation?.spanContext().spanId,
    ]);
    expect(attempts[0]?.attributes).toMatchObject({
      'server.address': 'program.test',
      'server.port': 8443,
      'http.response.status_code': 503,
      'error.type': '503',
    });
    expect(attempts[0]?.attributes['http.request.resend_count']).toBeUndefined();
    expect(attempts[0]?.status.code).toBe(otel.SpanStatusCode.ERROR);
    expect(attempts[1]?.attributes).toMatchObject({
      'http.response.status_code': 200,
      'http.request.resend_count': 1,
    });
    // Each attempt carried its own span as traceparent.
    expect(seen.map((headers) => headers.get('traceparent'))).toEqual(
      attempts.map((span) => `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`),
    );
    const everything = JSON.stringify(
      spans.map((span) => [span.name, span.attributes, span.events, span.status]),
    );
    for (const secret of [SIGN_KEY, OTP, TOKEN, 'rina@example.com']) {
      expect(everything).not.toContain(secret);
    }
    expect(await sums(TelemetryMetric.RETRIES)).toEqual([
      {
        attributes: {
          'prakerja.endpoint': ProgramPath.QUOTA_SCHEDULE,
          'http.request.method': 'POST',
          'prakerja.retry_reason': 'HTTP 503',
        },
        value: 1,
      },
    ]);
    expect(await sums(TelemetryMetric.REQUEST_DURATION)).toEqual([
      {
        attributes: {
          'prakerja.endpoint': ProgramPath.QUOTA_SCHEDULE,
          'http.request.method': 'POST',
          'http.response.status_code': 503,
        },
        value: 1,
      },
      {
        attributes: {
          'prakerja.endpoint': ProgramPath.QUOTA_SCHEDULE,
          'http.request.method': 'POST',
          'http.response.status_code': 200,
        },
        value: 1,
      },
    ]);
  });

  it('reads the program code of a ProgramApiError from another copy of core (CommonJS entries)', () => {
    const { exporter, options } = sdk();
    const telemetry = openTelemetry(otel, options).client([]);
    // What a second bundled copy of the class looks like: the kit's error marker and name, not
    // this copy's prototype.
    const foreign = Object.assign(new Error('refused'), {
      name: 'ProgramApiError',
      code: 'ERRPLT40028',
      [Symbol.for('prakerja-kit.error')]: true,
    });
    telemetry.startSpan('payments.void').end({ error: foreign });
    const [span] = exporter.getFinishedSpans();
    expect(span?.attributes).toMatchObject({
      'prakerja.error_code': 'ERRPLT40028',
      'error.type': 'ProgramApiError',
    });
  });

  it('records a refusal with its program code and a masked exception, and can skip propagation', async () => {
    const { exporter, options } = sdk();
    const seen: Headers[] = [];
    const transport = client(
      async (_url, init) => {
        seen.push(new Headers(init?.headers));
        return json(
          { success: false, code: 'ERRPLT40036', message: `OTP ${OTP} untuk rina@example.com` },
          400,
        );
      },
      { telemetry: openTelemetry(otel, { ...options, propagate: false }) },
    );
    await expect(
      transport.request({
        method: 'POST',
        path: ProgramPath.AUTHORIZE,
        body: { otp: OTP, email: 'rina@example.com' },
        secrets: [OTP],
        readOnly: false,
        data: z.unknown(),
      }),
    ).rejects.toMatchObject({ code: 'ERRPLT40036' });
    expect(seen[0]?.get('traceparent')).toBeNull();
    const spans = exporter.getFinishedSpans();
    const operation = spans.find((span) => span.name === 'prakerja.request');
    expect(operation?.attributes).toMatchObject({
      'prakerja.error_code': 'ERRPLT40036',
      'error.type': 'ProgramApiError',
    });
    expect(operation?.status.code).toBe(otel.SpanStatusCode.ERROR);
    const attempt = spans.find((span) => span.name.startsWith('POST'));
    expect(attempt?.attributes).toMatchObject({ 'prakerja.error_code': 'ERRPLT40036' });
    const everything = JSON.stringify(
      spans.map((span) => [span.attributes, span.events, span.status]),
    );
    expect(everything).toContain('exception');
    expect(everything).not.toContain(OTP);
    expect(everything).not.toContain('rina@example.com');
  });

  it('creates no attempt span under an operation the sampler dropped, and propagates its context', async () => {
    const exporter = new InMemorySpanExporter();
    const tracerProvider = new BasicTracerProvider({
      sampler: new AlwaysOffSampler(),
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    const reader = new OnDemandReader();
    const meterProvider = new MeterProvider({ readers: [reader] });
    const tracer = tracerProvider.getTracer('test');
    const started: string[] = [];
    const counting = {
      startSpan: (...args: Parameters<typeof tracer.startSpan>) => {
        started.push(args[0]);
        return tracer.startSpan(...args);
      },
    };
    const seen: Headers[] = [];
    const transport = client(
      async (_url, init) => {
        seen.push(new Headers(init?.headers));
        return json({ success: true, message: 'OK', data: { quota: 2 } });
      },
      { telemetry: openTelemetry(otel, { tracer: counting, meter: meterProvider.getMeter('t') }) },
    );
    await transport.request({
      method: 'POST',
      path: ProgramPath.QUOTA_SCHEDULE,
      body: {},
      readOnly: true,
      data: z.object({ quota: z.number() }),
    });
    // Only the operation span was asked for (and dropped): no attempt span under it.
    expect(started).toEqual(['prakerja.request']);
    expect(exporter.getFinishedSpans()).toEqual([]);
    // The downstream service still sees the trace, not sampled.
    expect(seen[0]?.get('traceparent')).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    // Metrics do not depend on sampling.
    const { resourceMetrics } = await reader.collect();
    const duration = resourceMetrics.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .find((metric) => metric.descriptor.name === TelemetryMetric.REQUEST_DURATION);
    expect(duration?.dataPoints).toHaveLength(1);
  });
});
