// The instrumentation interface the transport, the resources and the webhook receiver use. Types
// only: the implementation (./telemetry.ts, entry `@prakerja-kit/core/telemetry`) is bundled only
// when the caller imports it and passes `telemetry: openTelemetry(otel)`.
import type {
  OpenTelemetryApi,
  OtelAttributes,
  OtelContext,
  OtelCounter,
  OtelHistogram,
  OtelMeter,
  OtelTracer,
} from './otel-types.js';

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

/** The instruments a client records to; `TelemetryMetric` (`@prakerja-kit/core/telemetry`) names them. */
export interface TelemetryInstruments {
  /** `prakerja.client.request.duration`. */
  readonly requestDuration: OtelHistogram;
  /** `prakerja.client.retries`. */
  readonly retries: OtelCounter;
  /** `prakerja.payment.reconciliations`. */
  readonly reconciliations: OtelCounter;
  /** `prakerja.payment.outcomes`. */
  readonly outcomes: OtelCounter;
  /** `prakerja.payment.watcher.lag`. */
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

/** What the transport records of one call: its attempts, retries and end. */
export interface CallTelemetry {
  /** An attempt starts; `headers` are the request's, where the trace context is written. */
  attemptStart(attempt: number, headers: Record<string, string>): void;
  /** The attempt got an HTTP answer. */
  attemptResponse(status: number): void;
  /** The attempt is over (with the error it ended with, if any). */
  attemptEnd(error?: unknown): void;
  /** The call will be retried, for `reason`. */
  retry(reason: string): void;
  /** The call is over (with the error the caller gets, if any). */
  end(error?: unknown): void;
}

/** A client's instrumentation as the transport sees it. */
export interface ClientTelemetry extends Telemetry {
  /**
   * Starts recording one call to `method` `baseUrl` + `path`: its own operation span unless it
   * belongs to `parent`.
   */
  transportCall(
    method: string,
    baseUrl: string,
    path: string,
    parent: OperationSpan | undefined,
  ): CallTelemetry;
}

/**
 * The `telemetry` option of every client, webhook receiver and watcher: build it with
 * `openTelemetry(otel, options)` from `@prakerja-kit/core/telemetry`. Without the option the
 * SDK creates no span, records no metric, and bundles none of its instrumentation.
 *
 * @example
 * import * as otel from '@opentelemetry/api';
 * import { openTelemetry } from '@prakerja-kit/core/telemetry';
 * const client = createPlatformClient({ telemetry: openTelemetry(otel) });
 */
export interface TelemetryPlugin {
  /** The `@opentelemetry/api` module it records through. */
  readonly api: OpenTelemetryApi;
  /** The tracer for an instrumentation scope (a package name); `undefined` when tracing is off. */
  tracer(scope: string): OtelTracer | undefined;
  /** The meter for an instrumentation scope; `undefined` when metrics are off. */
  meter(scope: string): OtelMeter | undefined;
  /**
   * Instruments one client (`createTransport` calls it once); `secrets` are masked out of every
   * recorded error message.
   */
  client(secrets: readonly string[]): ClientTelemetry;
}
