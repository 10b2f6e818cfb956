// The few shapes of `@opentelemetry/api` the SDK uses, declared structurally so the package has no
// import of it (it is an optional peer dependency): pass the real module and its objects fit.

/** Span and metric attributes: primitive values only (OpenTelemetry `Attributes`). */
export type OtelAttributes = Record<string, string | number | boolean | undefined>;

/** An OpenTelemetry context (opaque to the SDK). */
export type OtelContext = unknown;

/** The part of an OpenTelemetry `Span` the SDK calls. */
export interface OtelSpan {
  /** Sets one attribute. */
  setAttribute(key: string, value: string | number | boolean): unknown;
  /** Sets several attributes. */
  setAttributes(attributes: OtelAttributes): unknown;
  /** Sets the status: 0 unset, 1 ok, 2 error. */
  setStatus(status: { code: number; message?: string }): unknown;
  /** Records an exception event (the SDK passes a masked `{ name, message }`). */
  recordException(exception: { name: string; message: string }): void;
  /** Ends the span. */
  end(): void;
  /** Whether the span records (false when the sampler dropped it). */
  isRecording(): boolean;
}

/** The part of an OpenTelemetry `Tracer` the SDK calls. */
export interface OtelTracer {
  /** Starts a span, a child of the span in `context`. */
  startSpan(
    name: string,
    options?: { kind?: number; attributes?: OtelAttributes },
    context?: OtelContext,
  ): OtelSpan;
}

/** The part of an OpenTelemetry `Counter` the SDK calls. */
export interface OtelCounter {
  /** Adds `value` (≥ 0). */
  add(value: number, attributes?: OtelAttributes): void;
}

/** The part of an OpenTelemetry `Histogram` the SDK calls. */
export interface OtelHistogram {
  /** Records one measurement. */
  record(value: number, attributes?: OtelAttributes): void;
}

/** The part of an OpenTelemetry `Meter` the SDK calls. */
export interface OtelMeter {
  /** Creates a monotonic counter. */
  createCounter(name: string, options?: { description?: string; unit?: string }): OtelCounter;
  /** Creates a histogram. */
  createHistogram(name: string, options?: { description?: string; unit?: string }): OtelHistogram;
}

/**
 * The part of the `@opentelemetry/api` module the SDK uses: pass the module itself
 * (`import * as otel from '@opentelemetry/api'`).
 */
export interface OpenTelemetryApi {
  /** `trace`: the global tracer provider and the span stored in a context. */
  trace: {
    getTracer(name: string, version?: string): OtelTracer;
    setSpan(context: OtelContext, span: OtelSpan): OtelContext;
  };
  /**
   * `context`: the active context (your current span, when a context manager is registered),
   * and running a function inside another context.
   */
  context: {
    active(): OtelContext;
    with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
      context: OtelContext,
      fn: F,
      thisArg?: ThisParameterType<F>,
      ...args: A
    ): ReturnType<F>;
  };
  /** `propagation`: writes `traceparent` (and whatever else the global propagator writes). */
  propagation: {
    inject(context: OtelContext, carrier: Record<string, string>): void;
    /** The header names the global propagator writes (none: nothing to inject). */
    fields?(): string[];
  };
  /** `metrics`: the global meter provider. */
  metrics: { getMeter(name: string, version?: string): OtelMeter };
}
