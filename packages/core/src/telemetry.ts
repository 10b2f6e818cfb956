/**
 * `@prakerja-kit/core/telemetry`: OpenTelemetry instrumentation, a plug-in for the `telemetry`
 * option of every client, webhook receiver and watcher. Only an application that imports it
 * bundles it.
 *
 * @example
 * import * as otel from '@opentelemetry/api';
 * import { openTelemetry } from '@prakerja-kit/core/telemetry';
 * import { createPlatformClient } from '@prakerja-kit/platform';
 * const client = createPlatformClient({ telemetry: openTelemetry(otel) });
 *
 * @module
 */

export type {
  OpenTelemetryApi,
  OtelAttributes,
  OtelContext,
  OtelCounter,
  OtelHistogram,
  OtelMeter,
  OtelSpan,
  OtelTracer,
} from './telemetry/otel-types.js';
export {
  type OpenTelemetryOptions,
  openTelemetry,
  TelemetryMetric,
} from './telemetry/telemetry.js';
export type {
  OperationSpan,
  Telemetry,
  TelemetryInstruments,
  TelemetryPlugin,
} from './telemetry/types.js';
