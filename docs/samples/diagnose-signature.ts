// The synchronous Node variant keeps this helper plain; `await createSignature(...)` works anywhere.
import { createSignatureSync } from '@prakerja-kit/core/node';

/** A request as you captured it (from a proxy log, a test, or a failing call). */
export interface CapturedRequest {
  method: string;
  /** The full URL the request went to. */
  url: string;
  headers: Record<string, string | undefined>;
  /** The exact body bytes that were sent. */
  body: string;
}

/** Recomputes the signature of a captured request and names the usual mistakes. */
export function diagnoseSignature(
  request: CapturedRequest,
  signKey: string,
  nowMs = Date.now(),
): string[] {
  const clientCode = request.headers['client_code'];
  const timestamp = request.headers['timestamp'];
  const received = request.headers['signature'];
  if (!clientCode || !timestamp || !received) {
    return [
      'client_code, signature or timestamp is missing: a proxy may drop headers with underscores',
    ];
  }
  const url = new URL(request.url);
  const sign = (overrides: { body?: string; authorization?: string }) =>
    createSignatureSync({
      clientCode,
      signKey,
      timestamp,
      method: request.method,
      path: url.pathname, // the path only: a query string is never signed
      body: overrides.body ?? request.body,
      authorization: overrides.authorization,
      signAuthorization: overrides.authorization !== undefined,
    });

  if (!/^\d{1,10}$/.test(timestamp)) return ['timestamp must be Unix seconds, not milliseconds'];
  const findings: string[] = [];
  const skew = Math.floor(nowMs / 1000) - Number(timestamp);
  if (Math.abs(skew) > 300)
    findings.push(`timestamp is ${skew} s away from now: sync the clock (NTP)`);
  if (received === sign({})) return [...findings, 'signature matches the request'];
  if (received.toLowerCase() === sign({})) findings.push('signature must be lower-case hex');
  else if (received === sign({ authorization: request.headers['Authorization'] ?? '' })) {
    findings.push('the Authorization value was signed: see signAuthorization (UNCERTAIN point)');
  } else if (received === sign({ body: compact(request.body) })) {
    findings.push('signed a compact body but sent different bytes: send exactly what you signed');
  } else {
    findings.push('signature differs: check sign_key, client_code and the exact body bytes');
  }
  return findings;
}

function compact(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body));
  } catch {
    return body;
  }
}
