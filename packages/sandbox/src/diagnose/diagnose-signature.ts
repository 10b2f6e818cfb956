import { ProgramHeader } from '@prakerja-kit/core';
import { createSignatureSync } from '@prakerja-kit/core/node';
import { referenceTime, skewFault, timestampSeconds } from './internal/clock-skew.js';
import { fault } from './internal/fault-catalog.js';
import { type Hypothesis, searchHypotheses } from './internal/hypotheses.js';
import { splitTarget } from './internal/split-target.js';
import { type CapturedRequest, headerValue } from './parse-capture.js';
import type {
  SignatureDiagnosis,
  SignatureFault,
  SignatureFaultCode,
} from './signature-diagnosis.js';

export type {
  SignatureComponent,
  SignatureDiagnosis,
  SignatureFault,
  SignatureFaultCode,
} from './signature-diagnosis.js';

/** Options of {@link diagnoseSignature}. */
export interface DiagnoseSignatureOptions {
  /** The receiver's sign key for the captured `client_code`. Never included in the result. */
  signKey: string;
  /**
   * The time the request was sent or received, Unix seconds, for the skew check.
   * @default the capture's `Date` header, else the current time
   */
  now?: number | undefined;
  /**
   * Accepted clock difference in seconds (an SDK assumption: the program documents none).
   * @default 300
   */
  toleranceSeconds?: number | undefined;
}

const DEFAULT_TOLERANCE = 300;
const SSO_PREFIX = '/api/v1/oauth/';

/**
 * Diagnoses the signature of a captured request: rebuilds the canonical `raw_signature`, then
 * recomputes candidates under each hypothesis of what the client did wrong (a host or query in
 * the path, a re-serialised or reordered body, another timestamp, upper-case hex, another key or
 * construction) and reports which one reproduces the captured signature.
 *
 * It can only compare against the captured signature: when no hypothesis (alone or in pairs)
 * matches, the fault is `wrong-key`, inferred by elimination. The key is never returned.
 *
 * @example
 * const diagnosis = diagnoseSignature(parseCapture(curlText), { signKey: 'my_sign_key' });
 * diagnosis.faults[0]?.code; // 'path-with-host'
 */
export function diagnoseSignature(
  request: CapturedRequest,
  options: DiagnoseSignatureOptions,
): SignatureDiagnosis {
  const target = splitTarget(request.target);
  const host = target.host ?? headerValue(request, 'host') ?? null;
  const isSso = target.path.startsWith(SSO_PREFIX);
  const faults: SignatureFault[] = [];
  const notes: string[] = [];
  const read = (names: string[], preferred: string) => {
    for (const name of names) {
      const value = headerValue(request, name);
      if (value === undefined) continue;
      if (name !== preferred) {
        faults.push(
          fault('header-name', 'observed', `sent "${name}" where "${preferred}" is expected`),
        );
      }
      return value.trim();
    }
    return null;
  };
  const [clientCodeName, timestampName, signatureName] = isSso
    ? [ProgramHeader.SSO_CLIENT_ID, ProgramHeader.SSO_TIMESTAMP, ProgramHeader.SSO_SIGNATURE]
    : [ProgramHeader.CLIENT_CODE, ProgramHeader.TIMESTAMP, ProgramHeader.SIGNATURE];
  const clientCode = read(
    [clientCodeName, 'client-code', 'clientcode', 'x-client-code', 'client_id', 'x-client-id'],
    clientCodeName,
  );
  const timestamp = read([timestampName, 'x-timestamp'], timestampName);
  const signature = read([signatureName, 'x-signature'], signatureName);
  const method = request.method.toUpperCase();
  const authorization = headerValue(request, ProgramHeader.AUTHORIZATION) ?? null;
  const reference = referenceTime(request, options.now);
  const summary = {
    clientCode,
    timestamp,
    method,
    path: target.path,
    query: target.query,
    body: request.body,
    signature,
  };
  const missing = [
    [clientCodeName, clientCode],
    [timestampName, timestamp],
    [signatureName, signature],
  ].filter(([, value]) => value === null);
  if (clientCode === null || timestamp === null || signature === null) {
    const names = missing.map(([name]) => name).join(', ');
    faults.push(fault('missing-header', 'observed', `missing ${names}`));
    return result(false, faults, summary, null, null, null, reference, notes, 0);
  }
  if (request.method !== method) {
    notes.push(`the method was sent as "${request.method}"; HTTP methods are upper case`);
  }
  if (target.query !== null) {
    notes.push('the request has a query string; the program signs the path only');
  }

  const seconds = timestampSeconds(timestamp);
  if (!/^\d{1,10}$/.test(timestamp)) {
    const what = /^\d{13}$/.test(timestamp) ? 'milliseconds' : `"${timestamp.slice(0, 32)}"`;
    faults.push(
      fault('timestamp-format', 'observed', `the timestamp header is ${what}, not Unix seconds`),
    );
  }
  const skewSeconds = seconds === null ? null : seconds - reference.time;
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE;
  if (skewSeconds !== null && Math.abs(skewSeconds) > tolerance) {
    faults.push(skewFault(skewSeconds, tolerance, reference.source));
  }

  const canonicalRaw = clientCode + timestamp + method + target.path + request.body;
  const canonical = canonicalSignature(
    { clientCode, timestamp, method, path: target.path, body: request.body },
    options.signKey,
  );
  const search = searchHypotheses({
    clientCode,
    timestamp,
    method,
    capturedMethod: request.method,
    path: target.path,
    query: target.query,
    origin: target.origin,
    host,
    body: request.body,
    authorization,
    signKey: options.signKey,
    signature,
  });
  for (const observed of search.observed) faults.push(fromHypothesis(observed, 'observed'));
  let match: SignatureDiagnosis['match'] = null;
  if (search.match) {
    match = {
      rawSignature: search.match.rawSignature,
      hypotheses: search.match.hypotheses.map((hypothesis) => hypothesis.code),
    };
    for (const hypothesis of search.match.hypotheses) {
      if (hypothesis.code === 'authorization-signed') notes.push(hypothesis.message);
      else faults.unshift(fromHypothesis(hypothesis, 'matched'));
    }
    const compact = compactJson(request.body);
    if (compact !== null && search.match.rawSignature.endsWith(compact)) {
      notes.push(
        'the compact form of the sent body was signed: the sandbox is lenient here (it re-compacts JSON bodies before verifying and accepts this), and the official Python example suggests the program does too, but that is not documented: send the bytes you signed',
      );
    }
  } else if (search.wellFormed) {
    faults.unshift(
      fault(
        'wrong-key',
        'inferred',
        `no hypothesis reproduces the captured signature with this key (${search.candidates} candidates): most likely the client used another key; otherwise the body changed after signing, or several components are wrong at once`,
      ),
    );
  }
  const ok = faults.length === 0;
  return result(
    ok,
    dedupe(faults),
    summary,
    { rawSignature: canonicalRaw, signature: canonical },
    match,
    skewSeconds,
    reference,
    notes,
    search.candidates,
  );
}

function compactJson(body: string): string | null {
  try {
    const compact = JSON.stringify(JSON.parse(body));
    return compact === body ? null : compact;
  } catch {
    return null;
  }
}

function result(
  ok: boolean,
  faults: SignatureFault[],
  request: SignatureDiagnosis['request'],
  canonical: SignatureDiagnosis['canonical'],
  match: SignatureDiagnosis['match'],
  skewSeconds: number | null,
  reference: SignatureDiagnosis['reference'],
  notes: string[],
  candidates: number,
): SignatureDiagnosis {
  return { ok, faults, request, canonical, match, skewSeconds, reference, notes, candidates };
}

function fromHypothesis(
  hypothesis: Hypothesis,
  evidence: SignatureFault['evidence'],
): SignatureFault {
  return fault(
    hypothesis.code as SignatureFaultCode,
    evidence,
    hypothesis.message,
    hypothesis.cause,
  );
}

function dedupe(faults: SignatureFault[]): SignatureFault[] {
  const seen = new Set<string>();
  return faults.filter((each) => {
    if (seen.has(each.code)) return false;
    seen.add(each.code);
    return true;
  });
}

/** The correct signature, from core's signer; null when core refuses the inputs. */
function canonicalSignature(
  params: { clientCode: string; timestamp: string; method: string; path: string; body: string },
  signKey: string,
): string {
  try {
    return createSignatureSync({ ...params, signKey });
  } catch {
    // Core rejects a malformed timestamp or path; the fault list already says which.
    return '';
  }
}
