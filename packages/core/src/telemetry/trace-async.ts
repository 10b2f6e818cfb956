import type { OtelAttributes } from './otel-types.js';
import type { Telemetry } from './types.js';

/**
 * Runs `run` inside a span named `name`: on success adds `after(result)` as attributes and ends
 * the span; on failure ends it with the error (recorded masked) and rethrows. The watchers' poll
 * spans use it.
 */
export async function traceAsync<T>(
  telemetry: Telemetry,
  name: string,
  attributes: OtelAttributes,
  run: () => Promise<T>,
  after?: (result: T) => OtelAttributes,
): Promise<T> {
  const span = telemetry.startSpan(name, attributes);
  try {
    const result = await telemetry.withSpan(span, run);
    if (after) span.setAttributes(after(result));
    span.end();
    return result;
  } catch (error) {
    span.end({ error });
    throw error;
  }
}
