import type { ConformanceVectors } from './conformance-vectors.js';
import { eventVectors } from './internal/event-vectors.js';
import { programVectors } from './internal/program-vectors.js';

const TOLERANCE = 300;

/**
 * Builds the conformance vectors for both signing schemes: the program's (HMAC-SHA1 request
 * signatures, including the official test vector) and the SDK's event deliveries (Standard
 * Webhooks, including the specification's example), with negative cases for verifiers.
 *
 * Deterministic: fixed fake keys and times, so the output can be committed and diffed. A signer
 * passes when it reproduces `expected_signature` of every vector; a verifier passes when it
 * accepts exactly the vectors marked `valid`, with its clock set to `now`.
 *
 * @example
 * const vectors = createVectors();
 * vectors.program.vectors[0].expected_signature; // '943c20a8e36b6243f576404b00fffdc86411ce1f'
 */
export function createVectors(): ConformanceVectors {
  return {
    format: 'prakerja-kit.conformance-vectors',
    version: 1,
    program: {
      description:
        'raw_signature = client_code + timestamp + METHOD + path + body (no separators; path without host or query; body exactly as sent); signature = lower-case hex HMAC-SHA1(sign_key, raw_signature), sent in the headers client_code, timestamp (Unix seconds) and signature. The tolerance is an SDK assumption: the program does not document one.',
      timestamp_tolerance_seconds: TOLERANCE,
      vectors: programVectors(TOLERANCE),
    },
    events: {
      description:
        'Standard Webhooks: webhook-signature = "v1," + base64 HMAC-SHA256(base64-decoded secret after "whsec_", "{webhook-id}.{webhook-timestamp}.{body}"); several space-separated signatures may be sent, one valid v1 signature is enough; verify the raw body bytes.',
      timestamp_tolerance_seconds: TOLERANCE,
      vectors: eventVectors(TOLERANCE),
    },
  };
}
