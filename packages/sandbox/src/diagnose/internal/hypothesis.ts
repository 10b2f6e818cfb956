// A hypothesis and the search input, in a module of their own so hypotheses.ts and
// hypothesis-variants.ts share them without an import cycle (issue 22).

/** One way a client may have deviated from the canonical request. */
export interface Hypothesis {
  /** A fault code, or `authorization-signed` (accepted, only noted). */
  code: string;
  message: string;
  cause?: string;
}

/** What the search needs from the capture. */
export interface SearchInput {
  clientCode: string;
  timestamp: string;
  method: string;
  capturedMethod: string;
  path: string;
  query: string | null;
  origin: string | null;
  host: string | null;
  body: string;
  authorization: string | null;
  signKey: string;
  signature: string;
}
