import { ProgramApiError } from '../errors/request-errors.js';
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

/**
 * Optional OpenTelemetry instrumentation (option `telemetry` of every client). Without it, the
 * SDK creates no span and records no metric, and nothing of OpenTelemetry is loaded.
 *
 * @example
 * import * as otel from '@opentelemetry/api';
 * const client = createPlatformClient({ telemetry: { api: otel } });
 */
export interface TelemetryOptions {
  /** The `@opentelemetry/api` module (`import * as otel from '@opentelemetry/api'`). */
  api: OpenTelemetryApi;
  /**
   * Where spans go; `false` creates none.
   * @default api.trace.getTracer('@prakerja-kit/core') (the global tracer provider)
   */
  tracer?: OtelTracer | false | undefined;
  /**
   * Where metrics go; `false` records none.
   * @default api.metrics.getMeter('@prakerja-kit/core') (the global meter provider)
   */
  meter?: OtelMeter | false | undefined;
  /**
   * Write the trace context (`traceparent`) of each HTTP attempt onto the request through the
   * global propagator (`api.propagation`). It is not part of the signature.
   * @default true
   */
  propagate?: boolean | undefined;
}

/** Span status codes (OpenTelemetry `SpanStatusCode`). */
const OK = 1;
const ERROR = 2;
/** OpenTelemetry `SpanKind.CLIENT`. */
const CLIENT = 2;

/** Names of the metrics the SDK records. */
export const TelemetryMetric = {
  /** Counter of HTTP attempts by `prakerja.endpoint`, method and status (or `error.type`). */
  REQUESTS: 'prakerja.client.requests',
  /** Histogram of HTTP attempt durations, in seconds. */
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

/**
 * A span the SDK opened for one operation (`payments.authorize`, a reconciliation lookup, a
 * transport call). Every method is safe to call after {@link OperationSpan.end}.
 */
export interface OperationSpan {
  /** The OpenTelemetry context holding this span: the parent of its children. */
  readonly context: OtelContext;
  /** Adds attributes (primitive values; never put a secret or personal data here). */
  setAttributes(attributes: OtelAttributes): void;
  /**
   * Ends the span: with `error`, records it (name and masked message only) and sets the status
   * to error; with `outcome`, sets `prakerja.outcome` (and an error status for `unknown`).
   */
  end(result?: { error?: unknown; outcome?: string | undefined }): void;
}

/** The instruments a client records to; see {@link TelemetryMetric} for their meaning. */
export interface TelemetryInstruments {
  /** {@link TelemetryMetric.REQUESTS}. */
  readonly requests: OtelCounter;
  /** {@link TelemetryMetric.REQUEST_DURATION}. */
  readonly requestDuration: OtelHistogram;
  /** {@link TelemetryMetric.RETRIES}. */
  readonly retries: OtelCounter;
  /** {@link TelemetryMetric.RECONCILIATIONS}. */
  readonly reconciliations: OtelCounter;
  /** {@link TelemetryMetric.OUTCOMES}. */
  readonly outcomes: OtelCounter;
  /** {@link TelemetryMetric.WATCHER_LAG}. */
  readonly watcherLag: OtelHistogram;
}

/**
 * A client's instrumentation (`transport.telemetry`, `undefined` without the `telemetry`
 * option). Resources use it to wrap their operations; you rarely need it.
 */
export interface Telemetry {
  /**
   * Opens an operation span, a child of `parent` or else of the active context.
   * @param name - e.g. `payments.authorize`.
   */
  startSpan(name: string, attributes?: OtelAttributes, parent?: OperationSpan): OperationSpan;
  /**
   * Runs `fn` with `span` as the active span, so the operations it starts become its children
   * (needs a context manager, as the OpenTelemetry Node SDK registers).
   */
  withSpan<T>(span: OperationSpan, fn: () => T): T;
  /** The metric instruments (no-ops when metrics are off). */
  readonly instruments: TelemetryInstruments;
}

const NOOP_SPAN: OperationSpan = {
  context: undefined,
  setAttributes() {},
  end() {},
};
const NOOP_COUNTER: OtelCounter = { add() {} };
const NOOP_HISTOGRAM: OtelHistogram = { record() {} };

/** The name and masked message of an error: what spans and events may carry. */
export function describeForTelemetry(
  error: unknown,
  secrets: readonly string[] = [],
): { name: string; message: string } {
  if (error instanceof Error) {
    return { name: error.name, message: maskText(error.message, secrets) };
  }
  return { name: 'Error', message: maskText(String(error), secrets) };
}

/** The program error code of an error, when it has one. */
function programCode(error: unknown): string | undefined {
  return error instanceof ProgramApiError ? error.code : undefined;
}

const SCOPE = '@prakerja-kit/core';

/** @internal Builds a client's instrumentation from the `telemetry` option. */
export function createTelemetry(
  options: TelemetryOptions,
  secrets: readonly string[],
): InternalTelemetry {
  const { api } = options;
  const tracer =
    options.tracer === false ? undefined : (options.tracer ?? api.trace.getTracer(SCOPE));
  const meter =
    options.meter === false ? undefined : (options.meter ?? api.metrics.getMeter(SCOPE));
  const propagate = options.propagate ?? true;
  const instruments: TelemetryInstruments = meter
    ? {
        requests: meter.createCounter(TelemetryMetric.REQUESTS, {
          description: 'HTTP attempts to the Prakerja API',
          unit: '{request}',
        }),
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
        requests: NOOP_COUNTER,
        requestDuration: NOOP_HISTOGRAM,
        retries: NOOP_COUNTER,
        reconciliations: NOOP_COUNTER,
        outcomes: NOOP_COUNTER,
        watcherLag: NOOP_HISTOGRAM,
      };

  function wrap(span: OtelSpan, context: OtelContext): OperationSpan {
    let ended = false;
    return {
      context,
      setAttributes(attributes) {
        if (!ended) span.setAttributes(attributes);
      },
      end(result) {
        if (ended) return;
        ended = true;
        const error = result?.error;
        const outcome = result?.outcome;
        if (outcome !== undefined) span.setAttributes({ 'prakerja.outcome': outcome });
        if (error !== undefined) {
          const described = describeForTelemetry(error, secrets);
          span.recordException(described);
          span.setAttributes({
            'error.type': described.name,
            'prakerja.error_code': programCode(error),
          });
          span.setStatus({ code: ERROR, message: described.message });
        } else if (outcome === 'unknown') {
          span.setStatus({ code: ERROR, message: 'outcome unknown: follow it up' });
        } else span.setStatus({ code: OK });
        span.end();
      },
    };
  }

  function startSpan(
    name: string,
    attributes?: OtelAttributes,
    parent?: OperationSpan,
  ): OperationSpan {
    if (!tracer) return NOOP_SPAN;
    const parentContext = parent?.context ?? api.context.active();
    const span = tracer.startSpan(name, attributes ? { attributes } : {}, parentContext);
    return wrap(span, api.trace.setSpan(parentContext, span));
  }

  // server.address / server.port per base URL, parsed once.
  const servers = new Map<string, { address: string; port: number }>();
  function serverOf(url: string, path: string): { address: string; port: number } {
    const base = url.slice(0, url.indexOf(path));
    let server = servers.get(base);
    if (!server) {
      const parsed = new URL(url);
      const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
      server = { address: parsed.hostname, port };
      servers.set(base, server);
    }
    return server;
  }

  function transportCall(
    method: string,
    url: string,
    path: string,
    parent: OperationSpan | undefined,
  ): CallTelemetry {
    // Without a parent operation, the call is its own operation.
    const operation = parent
      ? undefined
      : startSpan('prakerja.request', { 'prakerja.endpoint': path });
    const owner = parent ?? operation ?? NOOP_SPAN;
    const server = serverOf(url, path);
    let attempt: { span: OtelSpan | undefined; startedAt: number; status?: number } | undefined;
    const base = { 'prakerja.endpoint': path, 'http.request.method': method };

    function endAttempt(error?: unknown): void {
      if (!attempt) return;
      const { span, startedAt, status } = attempt;
      attempt = undefined;
      const metricAttributes: OtelAttributes =
        status !== undefined
          ? { ...base, 'http.response.status_code': status }
          : { ...base, 'error.type': describeForTelemetry(error).name };
      instruments.requests.add(1, metricAttributes);
      instruments.requestDuration.record((performance.now() - startedAt) / 1000, metricAttributes);
      if (!span) return;
      if (error !== undefined) {
        const described = describeForTelemetry(error, secrets);
        span.recordException(described);
        span.setAttributes({
          'error.type': status !== undefined ? String(status) : described.name,
          'prakerja.error_code': programCode(error),
        });
        span.setStatus({ code: ERROR, message: described.message });
      } else if (status !== undefined && status >= 400) {
        span.setAttributes({ 'error.type': String(status) });
        span.setStatus({ code: ERROR });
      }
      span.end();
    }

    return {
      attemptStart(number, headers) {
        endAttempt();
        let span: OtelSpan | undefined;
        if (tracer) {
          const attributes: OtelAttributes = {
            ...base,
            'server.address': server.address,
            'server.port': server.port,
            'url.path': path,
          };
          if (number > 1) attributes['http.request.resend_count'] = number - 1;
          span = tracer.startSpan(`${method} ${path}`, { kind: CLIENT, attributes }, owner.context);
          if (propagate) api.propagation.inject(api.trace.setSpan(owner.context, span), headers);
        }
        attempt = { span, startedAt: performance.now() };
      },
      attemptResponse(status) {
        if (!attempt) return;
        attempt.status = status;
        attempt.span?.setAttributes({ 'http.response.status_code': status });
      },
      attemptEnd: endAttempt,
      retry(reason) {
        instruments.retries.add(1, { ...base, 'prakerja.retry_reason': reason });
      },
      end(error) {
        endAttempt(error);
        operation?.end(error === undefined ? undefined : { error });
      },
    };
  }

  function withSpan<T>(span: OperationSpan, fn: () => T): T {
    return span.context === undefined ? fn() : api.context.with(span.context, fn);
  }

  return { startSpan, withSpan, instruments, transportCall };
}

/** @internal What the transport records of one call. */
export interface CallTelemetry {
  attemptStart(attempt: number, headers: Record<string, string>): void;
  attemptResponse(status: number): void;
  attemptEnd(error?: unknown): void;
  retry(reason: string): void;
  end(error?: unknown): void;
}

/** @internal */
export interface InternalTelemetry extends Telemetry {
  transportCall(
    method: string,
    url: string,
    path: string,
    parent: OperationSpan | undefined,
  ): CallTelemetry;
}
