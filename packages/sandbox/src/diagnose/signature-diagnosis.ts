// The result types of diagnoseSignature, in a module of their own so the fault catalogue and the
// clock-skew check share them with diagnose-signature.ts without an import cycle (issue 22).

/** Every fault `prakerja doctor` can name. */
export type SignatureFaultCode =
  | 'missing-header'
  | 'header-name'
  | 'timestamp-format'
  | 'timestamp-skew'
  | 'timestamp-mismatch'
  | 'path-with-host'
  | 'path-with-query'
  | 'path-relative'
  | 'method-case'
  | 'body-reserialised'
  | 'body-reordered'
  | 'uppercase-hex'
  | 'signature-encoding'
  | 'wrong-algorithm'
  | 'wrong-key';

/** The part of the request a fault is in. */
export type SignatureComponent =
  | 'headers'
  | 'timestamp'
  | 'path'
  | 'method'
  | 'body'
  | 'signature'
  | 'key';

/** One thing wrong with a captured request, with its likely cause and the fix. */
export interface SignatureFault {
  /** Stable identifier, e.g. `path-with-host`. */
  code: SignatureFaultCode;
  /** The part of the request it is in. */
  component: SignatureComponent;
  /**
   * How the doctor knows: `matched` (a candidate under this hypothesis reproduces the captured
   * signature), `observed` (seen directly in the capture) or `inferred` (by elimination).
   */
  evidence: 'matched' | 'observed' | 'inferred';
  /** What is wrong, specific to this request. */
  message: string;
  /** The likely cause in the client's code. */
  cause: string;
  /** What to change. */
  fix: string;
}

/** What `diagnoseSignature` found. */
export interface SignatureDiagnosis {
  /** True when the signature is valid and the timestamp within the window. */
  ok: boolean;
  /** Every fault found, most specific first. Empty when `ok`. */
  faults: SignatureFault[];
  /** The signed components as the receiver reads them from the capture. */
  request: {
    clientCode: string | null;
    timestamp: string | null;
    method: string;
    path: string;
    query: string | null;
    body: string;
    signature: string | null;
  };
  /** The canonical `raw_signature` and the signature a correct client sends (null without headers). */
  canonical: { rawSignature: string; signature: string } | null;
  /** The `raw_signature` that reproduces the captured signature, if one was found. */
  match: { rawSignature: string; hypotheses: string[] } | null;
  /** Clock difference, timestamp minus reference time, in seconds (null without a timestamp). */
  skewSeconds: number | null;
  /** The reference time used for the skew check and where it came from. */
  reference: { time: number; source: 'option' | 'date-header' | 'clock' };
  /** Remarks that are not faults (e.g. Authorization included in raw_signature). */
  notes: string[];
  /** How many candidate signatures were computed. */
  candidates: number;
}
