// #region setup
import * as otel from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { fromPino } from '@prakerja-kit/core';
import { openTelemetry } from '@prakerja-kit/core/telemetry';
import { createPlatformClient } from '@prakerja-kit/platform';
import pino from 'pino';

/** Credentials and host of the program (the sandbox in the tests). */
export interface Connection {
  clientCode: string;
  signKey: string;
  baseUrl: string;
}

export function createObservedClient(connection: Connection, logs: pino.DestinationStream) {
  // In production these are your OTLP exporters; in memory here, so the sample can look at them.
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(spans)],
  });
  const metrics = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const metricReader = new PeriodicExportingMetricReader({
    exporter: metrics,
    exportIntervalMillis: 60_000,
  });
  const meterProvider = new MeterProvider({ readers: [metricReader] });

  const client = createPlatformClient({
    ...connection,
    // pino takes (fields, message): wrap it. `logger: pino()` alone does not compile.
    logger: fromPino(pino({ level: 'debug' }, logs)),
    // The @opentelemetry/api module: the SDK never imports it, and bundles its instrumentation
    // only where you import openTelemetry.
    telemetry: openTelemetry(otel, {
      tracer: tracerProvider.getTracer('my-dp'),
      meter: meterProvider.getMeter('my-dp'),
    }),
  });
  return { client, spans, metrics, metricReader, tracerProvider, meterProvider };
}
// #endregion setup

// #region report
/** Span names as an indented tree, and every counter's value (a histogram's count), after a purchase. */
export async function report(observed: ReturnType<typeof createObservedClient>) {
  const finished = observed.spans.getFinishedSpans();
  const tree: string[] = [];
  const walk = (parentId: string | undefined, depth: number) => {
    for (const span of finished) {
      if (span.parentSpanContext?.spanId !== parentId) continue;
      const outcome = span.attributes['prakerja.outcome'];
      tree.push(`${'  '.repeat(depth)}${span.name}${outcome ? ` → ${outcome}` : ''}`);
      walk(span.spanContext().spanId, depth + 1);
    }
  };
  walk(undefined, 0);

  await observed.metricReader.forceFlush(); // collect now rather than every minute
  const counters: Record<string, number> = {};
  for (const batch of observed.metrics.getMetrics().slice(-1)) {
    for (const metric of batch.scopeMetrics.flatMap((scope) => scope.metrics)) {
      for (const point of metric.dataPoints) {
        // A histogram counts its measurements: request.duration's count is the requests made.
        const value = typeof point.value === 'number' ? point.value : point.value.count;
        const labels = Object.entries(point.attributes)
          .filter(([key]) => key !== 'prakerja.endpoint' && key !== 'http.request.method')
          .map(([key, value]) => `${key}=${value}`)
          .join(',');
        const name = `${metric.descriptor.name}{${labels}}`;
        counters[name] = (counters[name] ?? 0) + value;
      }
    }
  }
  return { tree, counters };
}
// #endregion report
