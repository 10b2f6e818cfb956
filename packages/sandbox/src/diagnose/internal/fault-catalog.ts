import type {
  SignatureComponent,
  SignatureFault,
  SignatureFaultCode,
} from '../signature-diagnosis.js';

interface CatalogEntry {
  component: SignatureComponent;
  title: string;
  cause: string;
  fix: string;
}

/** Default wording of each fault: the component, a title, the likely cause and the fix. */
export const FAULTS: Record<SignatureFaultCode, CatalogEntry> = {
  'missing-header': {
    component: 'headers',
    title: 'a signing header is missing',
    cause:
      'the client did not send it, or a proxy dropped it (nginx drops headers with underscores such as client_code unless underscores_in_headers is on)',
    fix: 'send client_code, timestamp and signature on every integration request',
  },
  'header-name': {
    component: 'headers',
    title: 'a signing header has the wrong name',
    cause:
      'the header was renamed (client-code instead of client_code, or X- prefixed), often by a framework or proxy that rewrites underscores',
    fix: 'send exactly client_code, timestamp and signature (X-Client-Id, X-Timestamp, X-Signature only on SSO)',
  },
  'timestamp-format': {
    component: 'timestamp',
    title: 'the timestamp header is not Unix time in seconds',
    cause: 'milliseconds (Date.now(), currentTimeMillis()) or a formatted date were sent',
    fix: 'send Math.floor(Date.now() / 1000) (seconds) and sign the same value',
  },
  'timestamp-skew': {
    component: 'timestamp',
    title: 'the timestamp is outside the accepted window',
    cause:
      "the client's clock is wrong, or the timestamp was computed once and reused (cached at start-up, a replayed request)",
    fix: 'compute the timestamp per request from a synchronised clock (NTP)',
  },
  'timestamp-mismatch': {
    component: 'timestamp',
    title: 'the signed timestamp is not the one in the timestamp header',
    cause: 'the time was read twice, once for raw_signature and once for the header',
    fix: 'read the time once and use that value for both raw_signature and the timestamp header',
  },
  'path-with-host': {
    component: 'path',
    title: 'the signed path includes the scheme and host',
    cause: 'the full request URL was signed instead of its path',
    fix: 'sign only the path: new URL(url).pathname, e.g. /api/v1/integration/payment/status',
  },
  'path-with-query': {
    component: 'path',
    title: 'the signed path includes the query string',
    cause:
      'the path was taken with its query (url.path, getRequestUri()) instead of the path alone',
    fix: 'sign the path without "?…" (new URL(url).pathname)',
  },
  'path-relative': {
    component: 'path',
    title: 'the signed path is not the full request path',
    cause:
      'the path was signed relative to a base URL, or differs by a leading or trailing slash or its encoding',
    fix: 'sign the exact path the request is sent to, starting with /api/v1/',
  },
  'method-case': {
    component: 'method',
    title: 'the method was signed in lower case',
    cause: 'the method string was taken as written (post) instead of upper-cased',
    fix: 'sign the upper-case method: POST',
  },
  'body-reserialised': {
    component: 'body',
    title: 'the body that was sent is not the string that was signed',
    cause:
      'the body was serialised twice: once to sign and again to send (pretty-printing, spaces after ":" and ",", escaped slashes or unicode, an HTTP client\'s json= option)',
    fix: 'serialise the body once, compactly, sign that string and send exactly those bytes',
  },
  'body-reordered': {
    component: 'body',
    title: 'the body was signed with its keys in another order',
    cause:
      'the body was serialised twice from a map or object whose key order is not stable (Go maps, PHP ksort, Python sort_keys, re-building the object)',
    fix: 'serialise the body once, sign that string and send exactly those bytes',
  },
  'uppercase-hex': {
    component: 'signature',
    title: 'the signature is upper-case hex',
    cause: 'the digest was hex-encoded in upper case (%02X, {0:X2}, toUpperCase(), strtoupper)',
    fix: 'send the 40-character lower-case hex digest: a sandbox that accepts upper case (default and lenient profiles) is more lenient than the program may be',
  },
  'signature-encoding': {
    component: 'signature',
    title: 'the signature is not 40 lower-case hex characters',
    cause: 'the digest was base64-encoded, truncated, or sent with a prefix',
    fix: 'send the HMAC-SHA1 digest as 40 lower-case hex characters',
  },
  'wrong-algorithm': {
    component: 'signature',
    title: 'the signature was not made with HMAC-SHA1(sign_key, raw_signature)',
    cause:
      'another construction was used: SHA-1 of the string with the key appended, HMAC with key and message swapped, or SHA-256',
    fix: "use HMAC-SHA1 keyed with sign_key over raw_signature (PHP hash_hmac('sha1', $raw, $key))",
  },
  'wrong-key': {
    component: 'key',
    title: 'the request was signed with another key',
    cause:
      'the key of another client_code or environment (staging vs production), a rotated key, or a key read with extra characters',
    fix: 'use the sign_key issued for this client_code, read without surrounding whitespace or quotes',
  },
};

/** A fault with the catalogue's title, cause and fix; `cause` overrides the default cause. */
export function fault(
  code: SignatureFaultCode,
  evidence: SignatureFault['evidence'],
  message: string,
  cause?: string,
): SignatureFault {
  const entry = FAULTS[code];
  return {
    code,
    component: entry.component,
    evidence,
    message: `${entry.title}: ${message}`,
    cause: cause ?? entry.cause,
    fix: entry.fix,
  };
}
