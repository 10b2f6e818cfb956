// The repository's in-memory OpenTelemetry SDK harness (tests/support/otel.ts).
export { childrenOf, otelHarness, type Point } from '../../../../tests/support/otel.js';
