// The shapes of the conformance-vectors document, in a module of their own so the vector builders
// (internal/*-vectors.ts) and createVectors share them without an import cycle (issue 22).

/** One program-scheme case: a captured request, the key, and whether a verifier must accept it. */
export interface ProgramVector {
  /** Short unique name. */
  name: string;
  /** Where the case comes from or what it tests. */
  description: string;
  /** True when a correct verifier accepts the request. */
  valid: boolean;
  /** For invalid cases, the fault `prakerja doctor` names (e.g. `body-reordered`). */
  fault?: string;
  /**
   * Only on `payment/authorize` vectors: whether the `authorization` header value is part of
   * `raw_signature`, between path and body. The portal leaves it out; the official Go helper puts
   * it in (program-api.md §3, UNCERTAIN). Absent means false.
   */
  authorization_in_raw_signature?: boolean;
  /** The key the receiver verifies with (a fake value). */
  sign_key: string;
  /** The receiver's clock, Unix seconds, for the timestamp tolerance. */
  now: number;
  /** The request as sent: `path` is the request target (a query, if any, is not signed). */
  request: {
    method: string;
    path: string;
    headers: Record<string, string>;
    body: string;
  };
  /** The `raw_signature` a correct verifier builds for this request. */
  raw_signature: string;
  /** The signature a correct signer produces for this request (lower-case hex). */
  expected_signature: string;
}

/** One event-scheme (Standard Webhooks) case. */
export interface EventVector {
  /** Short unique name. */
  name: string;
  /** Where the case comes from or what it tests. */
  description: string;
  /** True when a correct verifier accepts the delivery. */
  valid: boolean;
  /** For invalid cases, what is wrong (e.g. `payload-tampered`). */
  fault?: string;
  /** The receiver's secret (`whsec_<base64>`, a fake value). */
  secret: string;
  /** The receiver's clock, Unix seconds. */
  now: number;
  /** The delivery as received. */
  request: { headers: Record<string, string>; body: string };
  /** `{webhook-id}.{webhook-timestamp}.{body}` of the request as received. */
  signed_content: string;
  /** The `webhook-signature` a correct signer produces for this request with `secret`. */
  expected_signature: string;
}

/** The document `prakerja vectors` prints. */
export interface ConformanceVectors {
  /** Always `prakerja-kit.conformance-vectors`. */
  format: 'prakerja-kit.conformance-vectors';
  /** Format version; bumped on incompatible changes. */
  version: 1;
  /** The program's request-signing scheme. */
  program: {
    description: string;
    timestamp_tolerance_seconds: number;
    vectors: ProgramVector[];
  };
  /** The SDK's event deliveries (Standard Webhooks). */
  events: {
    description: string;
    timestamp_tolerance_seconds: number;
    vectors: EventVector[];
  };
}
