// An OpenTelemetry SDK that keeps spans in memory and collects metrics on demand.
import * as otel from '@opentelemetry/api';
import {
  AggregationTemporality,
  type DataPoint,
  type Histogram,
  MeterProvider,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { openTelemetry } from '@prakerja-kit/core/telemetry';

/** A metric reader collected on demand (`reader.collect()`), cumulative. */
export class OnDemandReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** One data point of a metric: its attributes and its value (a sum, or a histogram's count). */
export interface Point {
  attributes: Record<string, unknown>;
  value: number;
}

export function otelHarness() {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const reader = new OnDemandReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const telemetry = openTelemetry(otel, {
    tracer: tracerProvider.getTracer('test'),
    meter: meterProvider.getMeter('test'),
  });
  return {
    telemetry,
    spans: (): ReadableSpan[] => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    /** Every metric by name: its points (sums, or histogram counts). */
    async metrics(): Promise<Record<string, Point[]>> {
      const { resourceMetrics } = await reader.collect();
      const out: Record<string, Point[]> = {};
      for (const scope of resourceMetrics.scopeMetrics) {
        for (const metric of scope.metrics) {
          out[metric.descriptor.name] = (metric.dataPoints as DataPoint<number | Histogram>[]).map(
            (point) => ({
              attributes: { ...point.attributes },
              value: typeof point.value === 'number' ? point.value : point.value.count,
            }),
          );
        }
      }
      return out;
    },
    async shutdown() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}

/** The children of `span` among `spans`, in start order. */
export function childrenOf(spans: readonly ReadableSpan[], span: ReadableSpan): ReadableSpan[] {
  return spans
    .filter((candidate) => candidate.parentSpanContext?.spanId === span.spanContext().spanId)
    .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
}
