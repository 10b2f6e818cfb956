import { isProgramApiError } from '../errors/guards.js';
import { maskText } from '../logging/redact.js';
import type {
  OpenTelemetryApi,
  OtelAttributes,
  OtelContext,
  OtelCounter,
  OtelHistogram,
  OtelMeter,
  OtelSpan,
  OtelTracer,
} from './otel-types.js';
import type {
  CallTelemetry,
  ClientTelemetry,
  OperationSpan,
  TelemetryInstruments,
  TelemetryPlugin,
} from './types.js';

/** Options of {@link openTelemetry}. */
export interface OpenTelemetryOptions {
  /**
   * Where spans go; `false` creates none.
   * @default api.trace.getTracer(scope) (the global tracer provider; the scope is the package,
   * e.g. `@prakerja-kit/core`)
   */
  tracer?: OtelTracer | false | undefined;
  /**
   * Where metrics go; `false` records none.
   * @default api.metrics.getMeter(scope) (the global meter provider)
   */
  meter?: OtelMeter | false | undefined;
  /**
   * Write the trace context (`traceparent`) of each HTTP attempt onto the request through the
   * global propagator (`api.propagation`). It is not part of the signature.
   * @default true
   */
  propagate?: boolean | undefined;
}

/**
 * OpenTelemetry instrumentation for a client, a webhook receiver or a watcher's client (option
 * `telemetry`): spans per operation, HTTP attempt and reconciliation lookup, the
 * {@link TelemetryMetric} metrics, and `traceparent` propagation. Import it only where you want
 * it: without it none of this module is bundled.
 *
 * @param api - The `@opentelemetry/api` module (`import * as otel from '@opentelemetry/api'`);
 *   the SDK never imports it itself.
 * @example
 * import * as otel from '@opentelemetry/api';
 * import { openTelemetry } from '@prakerja-kit/core/telemetry';
 * const client = createPlatformClient({ telemetry: openTelemetry(otel, { tracer: false }) });
 */
export function openTelemetry(
  api: OpenTelemetryApi,
  options: OpenTelemetryOptions = {},
): TelemetryPlugin {
  const tracer = (scope: string) =>
    options.tracer === false ? undefined : (options.tracer ?? api.trace.getTracer(scope));
  const meter = (scope: string) =>
    options.meter === false ? undefined : (options.meter ?? api.metrics.getMeter(scope));
  return {
    api,
    tracer,
    meter,
    client: (secrets) =>
      createClientTelemetry(api, tracer(SCOPE), meter(SCOPE), options.propagate ?? true, secrets),
  };
}

/** Span status codes (OpenTelemetry `SpanStatusCode`). */
const OK = 1;
const ERROR = 2;
/** OpenTelemetry `SpanKind.CLIENT`. */
const CLIENT = 2;

/** Names of the metrics the SDK's clients record. */
export const TelemetryMetric = {
  /**
   * Histogram of HTTP attempt durations, in seconds, by `prakerja.endpoint`, method and status
   * (or `error.type`). Its count is the number of attempts: requests by endpoint and status.
   */
  REQUEST_DURATION: 'prakerja.client.request.duration',
  /** Counter of retries by `prakerja.endpoint` and `prakerja.retry_reason`. */
  RETRIES: 'prakerja.client.retries',
  /** Counter of authorize/void reconciliations by `prakerja.reconcile.result` and outcome. */
  RECONCILIATIONS: 'prakerja.payment.reconciliations',
  /** Counter of authorize/void results by `prakerja.operation` and `prakerja.outcome`. */
  OUTCOMES: 'prakerja.payment.outcomes',
  /** Histogram of how late the payment watcher polled an invoice after it was due, in seconds. */
  WATCHER_LAG: 'prakerja.payment.watcher.lag',
} as const;

const NOOP_SPAN: OperationSpan = {
  context: undefined,
  setAttributes() {},
  end() {},
};
const NOOP_COUNTER: OtelCounter = { add() {} };
const NOOP_HISTOGRAM: OtelHistogram = { record() {} };

/** The name and masked message of an error: what spans and events may carry. */
function describeError(
  error: unknown,
  secrets: readonly string[],
): { name: string; message: string } {
  if (error instanceof Error) {
    return { name: error.name, message: maskText(error.message, secrets) };
  }
  return { name: 'Error', message: maskText(String(error), secrets) };
}

/** The name of an error, without building its masked message. */
const errorName = (error: unknown): string => (error instanceof Error ? error.name : 'Error');

const SCOPE = '@prakerja-kit/core';

/** Records `error` on `span` (name and masked message) and sets the error status. */
function recordError(
  span: OtelSpan,
  error: unknown,
  secrets: readonly string[],
  errorType?: string,
): void {
  const described = describeError(error, secrets);
  span.recordException(described);
  span.setAttributes({
    'error.type': errorType ?? described.name,
    'prakerja.error_code': isProgramApiError(error) ? error.code : undefined,
  });
  span.setStatus({ code: ERROR, message: described.message });
}

// Per-call cost matters (issue 19; measured in packages/platform/bench/telemetry.bench.ts):
// spans and calls are class instances (no closures per call); everything that only depends on
// the endpoint (span name, span attributes, the metric attribute sets per status) is built once
// per endpoint and reused (OpenTelemetry copies the attributes it is given, so sharing them is
// safe); an error's masked message is built only when an error is recorded; a span the sampler
// dropped gets no attribute work and no child attempt spans (its context is propagated as is).

const STATUS_OK = { code: OK } as const;

/** An operation span: the OpenTelemetry span and the context that holds it. */
class Operation implements OperationSpan {
  private ended = false;
  constructor(
    private readonly span: OtelSpan,
    readonly context: OtelContext,
    private readonly secrets: readonly string[],
  ) {}

  /** Whether the sampler kept the span (a dropped one gets no children of the transport). */
  get recording(): boolean {
    return this.span.isRecording();
  }

  setAttributes(attributes: OtelAttributes): void {
    if (!this.ended) this.span.setAttributes(attributes);
  }

  end(result?: { error?: unknown; outcome?: string | undefined }): void {
    if (this.ended) return;
    this.ended = true;
    const { span } = this;
    const error = result?.error;
    const outcome = result?.outcome;
    if (outcome !== undefined) span.setAttributes({ 'prakerja.outcome': outcome });
    if (error !== undefined) recordError(span, error, this.secrets);
    else if (outcome === 'unknown') {
      span.setStatus({ code: ERROR, message: 'outcome unknown: follow it up' });
    } else span.setStatus(STATUS_OK);
    span.end();
  }
}

/** What only depends on the endpoint of a call: built once per method, base URL and path. */
class Endpoint {
  /** `POST /api/v1/...`: the attempt spans' name. */
  readonly spanName: string;
  /** The attempt spans' attributes (first attempt; resends add `http.request.resend_count`). */
  readonly spanAttributes: OtelAttributes;
  /** The retry counter's attributes without the reason. */
  private readonly base: OtelAttributes;
  /** The operation span's attributes when the call is its own operation. */
  readonly operationAttributes: OtelAttributes;
  private readonly metricAttributes = new Map<number | string, OtelAttributes>();
  private readonly retryAttributes = new Map<string, OtelAttributes>();

  constructor(
    readonly method: string,
    readonly baseUrl: string,
    path: string,
  ) {
    const parsed = new URL(`${baseUrl}${path}`);
    const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
    this.base = { 'prakerja.endpoint': path, 'http.request.method': method };
    this.operationAttributes = { 'prakerja.endpoint': path };
    this.spanName = `${method} ${path}`;
    this.spanAttributes = {
      ...this.base,
      'server.address': parsed.hostname,
      'server.port': port,
      'url.path': path,
    };
  }

  /** The duration histogram's attributes for an HTTP status or an error name. */
  metric(outcome: number | string): OtelAttributes {
    let attributes = this.metricAttributes.get(outcome);
    if (!attributes) {
      attributes =
        typeof outcome === 'number'
          ? { ...this.base, 'http.response.status_code': outcome }
          : { ...this.base, 'error.type': outcome };
      // Statuses and error names are a short list in practice; bound the cache all the same.
      if (this.metricAttributes.size < 64) this.metricAttributes.set(outcome, attributes);
    }
    return attributes;
  }

  /** The retry counter's attributes for a reason. */
  retry(reason: string): OtelAttributes {
    let attributes = this.retryAttributes.get(reason);
    if (!attributes) {
      attributes = { ...this.base, 'prakerja.retry_reason': reason };
      if (this.retryAttributes.size < 64) this.retryAttributes.set(reason, attributes);
    }
    return attributes;
  }
}

/** The shared state of a client's instrumentation. */
interface TelemetryState {
  readonly api: OpenTelemetryApi;
  readonly tracer: OtelTracer | undefined;
  readonly instruments: TelemetryInstruments;
  readonly propagate: boolean;
  readonly secrets: readonly string[];
}

/** One transport call: its own operation span when it has no parent, one span per attempt. */
class Call implements CallTelemetry {
  private attemptSpan: OtelSpan | undefined;
  private attemptStartedAt = -1;
  private attemptStatus: number | undefined;

  constructor(
    private readonly state: TelemetryState,
    private readonly endpoint: Endpoint,
    private readonly parentContext: OtelContext,
    /** Whether the parent span records (no attempt spans under a span the sampler dropped). */
    private readonly recording: boolean,
    private readonly operation: Operation | undefined,
  ) {}

  attemptStart(number: number, headers: Record<string, string>): void {
    this.attemptEnd();
    const { state, endpoint } = this;
    const { tracer, api } = state;
    if (tracer) {
      const parent = this.parentContext;
      let span: OtelSpan | undefined;
      if (this.recording) {
        let attributes = endpoint.spanAttributes;
        if (number > 1) {
          attributes = { ...attributes, 'http.request.resend_count': number - 1 };
        }
        span = tracer.startSpan(endpoint.spanName, { kind: CLIENT, attributes }, parent);
        this.attemptSpan = span;
      }
      // A registered propagator without fields (the no-op one) has nothing to write.
      if (state.propagate && (api.propagation.fields?.().length ?? 1) > 0) {
        api.propagation.inject(span ? api.trace.setSpan(parent, span) : parent, headers);
      }
    }
    this.attemptStatus = undefined;
    this.attemptStartedAt = performance.now();
  }

  attemptResponse(status: number): void {
    if (this.attemptStartedAt < 0) return;
    this.attemptStatus = status;
    this.attemptSpan?.setAttribute('http.response.status_code', status);
  }

  attemptEnd(error?: unknown): void {
    const startedAt = this.attemptStartedAt;
    if (startedAt < 0) return;
    this.attemptStartedAt = -1;
    const { attemptSpan: span, attemptStatus: status, endpoint } = this;
    this.attemptSpan = undefined;
    this.state.instruments.requestDuration.record(
      (performance.now() - startedAt) / 1000,
      endpoint.metric(status ?? errorName(error)),
    );
    if (!span) return;
    if (error !== undefined) {
      recordError(
        span,
        error,
        this.state.secrets,
        status !== undefined ? String(status) : undefined,
      );
    } else if (status !== undefined && status >= 400) {
      span.setAttribute('error.type', String(status));
      span.setStatus({ code: ERROR });
    }
    span.end();
  }

  retry(reason: string): void {
    this.state.instruments.retries.add(1, this.endpoint.retry(reason));
  }

  end(error?: unknown): void {
    this.attemptEnd(error);
    this.operation?.end(error === undefined ? undefined : { error });
  }
}

/** A client's instrumentation: what {@link openTelemetry}'s `client()` returns. */
function createClientTelemetry(
  api: OpenTelemetryApi,
  tracer: OtelTracer | undefined,
  meter: OtelMeter | undefined,
  propagate: boolean,
  secrets: readonly string[],
): ClientTelemetry {
  const instruments: TelemetryInstruments = meter
    ? {
        requestDuration: meter.createHistogram(TelemetryMetric.REQUEST_DURATION, {
          description: 'Duration of HTTP attempts to the Prakerja API',
          unit: 's',
        }),
        retries: meter.createCounter(TelemetryMetric.RETRIES, {
          description: 'Retries of calls to the Prakerja API',
          unit: '{retry}',
        }),
        reconciliations: meter.createCounter(TelemetryMetric.RECONCILIATIONS, {
          description: 'Authorize/void outcomes settled through payment status',
          unit: '{reconciliation}',
        }),
        outcomes: meter.createCounter(TelemetryMetric.OUTCOMES, {
          description: 'Authorize/void results by outcome',
          unit: '{payment}',
        }),
        watcherLag: meter.createHistogram(TelemetryMetric.WATCHER_LAG, {
          description: 'How late the payment watcher polled an invoice after it was due',
          unit: 's',
        }),
      }
    : {
        requestDuration: NOOP_HISTOGRAM,
        retries: NOOP_COUNTER,
        reconciliations: NOOP_COUNTER,
        outcomes: NOOP_COUNTER,
        watcherLag: NOOP_HISTOGRAM,
      };
  const state: TelemetryState = { api, tracer, instruments, propagate, secrets };

  function open(name: string, attributes: OtelAttributes | undefined, parentContext: OtelContext) {
    const span = (tracer as OtelTracer).startSpan(
      name,
      attributes ? { attributes } : {},
      parentContext,
    );
    return new Operation(span, api.trace.setSpan(parentContext, span), secrets);
  }

  function startSpan(
    name: string,
    attributes?: OtelAttributes,
    parent?: OperationSpan,
  ): OperationSpan {
    if (!tracer) return NOOP_SPAN;
    return open(name, attributes, parent?.context ?? api.context.active());
  }

  // By path (the program's fixed endpoints), checked against the method and base URL; bounded.
  const endpoints = new Map<string, Endpoint>();
  function endpointOf(method: string, baseUrl: string, path: string): Endpoint {
    let endpoint = endpoints.get(path);
    if (endpoint && endpoint.method === method && endpoint.baseUrl === baseUrl) return endpoint;
    const key = `${method} ${baseUrl}${path}`;
    endpoint = endpoints.get(key);
    if (!endpoint) {
      endpoint = new Endpoint(method, baseUrl, path);
      if (endpoints.size < 256) endpoints.set(endpoints.has(path) ? key : path, endpoint);
    }
    return endpoint;
  }

  function transportCall(
    method: string,
    baseUrl: string,
    path: string,
    parent: OperationSpan | undefined,
  ): CallTelemetry {
    const endpoint = endpointOf(method, baseUrl, path);
    if (!tracer) return new Call(state, endpoint, undefined, false, undefined);
    if (parent) return new Call(state, endpoint, parent.context, isRecording(parent), undefined);
    // Without a parent operation, the call is its own operation.
    const operation = open('prakerja.request', endpoint.operationAttributes, api.context.active());
    return new Call(state, endpoint, operation.context, isRecording(operation), operation);
  }

  /** Whether the OpenTelemetry span of an operation records (the sampler kept it). */
  function isRecording(span: OperationSpan): boolean {
    return span instanceof Operation ? span.recording : true;
  }

  function withSpan<T>(span: OperationSpan, fn: () => T): T {
    return span.context === undefined ? fn() : api.context.with(span.context, fn);
  }

  return { startSpan, withSpan, instruments, transportCall };
}
