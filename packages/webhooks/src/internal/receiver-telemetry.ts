// Spans and metrics of a webhook receiver (option `telemetry`, issue 19). Types only from core:
// nothing of OpenTelemetry is loaded unless the caller passes `openTelemetry(otel)`.
import type {
  OtelAttributes,
  OtelContext,
  OtelCounter,
  OtelHistogram,
  OtelSpan,
  TelemetryPlugin,
} from '@prakerja-kit/core';

/** Names of the metrics a webhook receiver records. */
export const WebhookTelemetryMetric = {
  /**
   * Counter of deliveries by `prakerja.webhook.result` (`processed`, `duplicate`, `in_progress`,
   * `ignored`, `rejected`, `failed`), with `prakerja.webhook.check` for a refused one.
   */
  DELIVERIES: 'prakerja.webhook.deliveries',
  /** Histogram of handler run times, in seconds, by `prakerja.webhook.event_type`. */
  HANDLER_DURATION: 'prakerja.webhook.handler.duration',
} as const;

const SCOPE = '@prakerja-kit/webhooks';
const OK = 1;
const ERROR = 2;
/** OpenTelemetry `SpanKind.SERVER`. */
const SERVER = 1;

/** One open span of the receiver; safe to end twice. */
export interface ReceiverSpan {
  readonly context: OtelContext;
  set(attributes: OtelAttributes): void;
  end(error?: { name: string; message: string }): void;
}

/** What the receiver records to. */
export interface ReceiverTelemetry {
  span(name: string, parent: ReceiverSpan | undefined, attributes?: OtelAttributes): ReceiverSpan;
  delivery(result: string, attributes?: OtelAttributes): void;
  handlerDuration(seconds: number, eventType: string): void;
}

const NOOP_SPAN: ReceiverSpan = { context: undefined, set() {}, end() {} };

/** Builds the receiver's instrumentation; `undefined` without the option (no cost). */
export function createReceiverTelemetry(
  plugin: TelemetryPlugin | undefined,
): ReceiverTelemetry | undefined {
  if (!plugin) return undefined;
  const { api } = plugin;
  const tracer = plugin.tracer(SCOPE);
  const meter = plugin.meter(SCOPE);
  const deliveries: OtelCounter | undefined = meter?.createCounter(
    WebhookTelemetryMetric.DELIVERIES,
    { description: 'Webhook deliveries received, by result', unit: '{delivery}' },
  );
  const handlerRuns: OtelHistogram | undefined = meter?.createHistogram(
    WebhookTelemetryMetric.HANDLER_DURATION,
    { description: 'How long webhook handlers ran', unit: 's' },
  );

  function wrap(span: OtelSpan, context: OtelContext): ReceiverSpan {
    let ended = false;
    return {
      context,
      set(attributes) {
        if (!ended) span.setAttributes(attributes);
      },
      end(error) {
        if (ended) return;
        ended = true;
        if (error) {
          span.recordException(error);
          span.setAttributes({ 'error.type': error.name });
          span.setStatus({ code: ERROR, message: error.message });
        } else span.setStatus({ code: OK });
        span.end();
      },
    };
  }

  return {
    span(name, parent, attributes) {
      if (!tracer) return NOOP_SPAN;
      const parentContext = parent?.context ?? api.context.active();
      const span = tracer.startSpan(
        name,
        { ...(parent ? {} : { kind: SERVER }), ...(attributes ? { attributes } : {}) },
        parentContext,
      );
      return wrap(span, api.trace.setSpan(parentContext, span));
    },
    delivery(result, attributes) {
      deliveries?.add(1, { 'prakerja.webhook.result': result, ...attributes });
    },
    handlerDuration(seconds, eventType) {
      handlerRuns?.record(seconds, { 'prakerja.webhook.event_type': eventType });
    },
  };
}
