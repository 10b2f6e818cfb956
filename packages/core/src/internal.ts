/**
 * `@prakerja-kit/core/internal`: plumbing shared by the prakerja-kit packages (platform,
 * provider, webhooks, sandbox, cli) and nothing else.
 *
 * **Unstable.** Not part of the public API: anything here may change or disappear in any
 * release, patch releases included, without a changelog entry. Applications import from
 * `@prakerja-kit/core` (or the client packages) instead.
 *
 * @module
 */

export { errorGuard } from './errors/guards.js';
export { codeSchema } from './schemas/common.js';
export { errorEnvelopeSchema, successEnvelopeSchema } from './schemas/envelope.js';
export { looseAmountSchema, looseInvoiceCodeSchema, toAmount } from './schemas/loose.js';
export { parseParams } from './schemas/parse-params.js';
export { serializeBody } from './signing/serialize-body.js';
export { traceAsync } from './telemetry/trace-async.js';
export { deriveEventId } from './util/derive-event-id.js';
export { mapConcurrent } from './util/map-concurrent.js';
export { readBounded } from './util/read-bounded.js';
