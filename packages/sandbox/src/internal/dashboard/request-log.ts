import { ProgramErrorCode } from '@prakerja-kit/core';
import { diagnoseSignature } from '../../diagnose/diagnose-signature.js';
import type { Engine } from '../engine.js';

/** The signature check's verdict on one program request. */
export type SignatureVerdict =
  | 'valid'
  | 'invalid'
  | 'timestamp-out-of-window'
  | 'missing-headers'
  | 'unknown-client'
  | 'not-checked';

/** One program request, as the dashboard's request log shows it. */
export interface RequestLogEntry {
  id: number;
  /** Wall time the request arrived (ISO-8601). */
  at: string;
  method: string;
  path: string;
  /** `client_code` / `X-Client-Id` header value, or null. */
  client: string | null;
  status: number;
  latencyMs: number;
  signature: SignatureVerdict;
  /** Program error code of the answer, or null for a success. */
  code: string | null;
  /** For a refused signature: what to check, in one line. */
  hint: string | null;
  /** For a refused signature: what the doctor (`diagnoseSignature`) says; null otherwise. */
  doctor: DoctorSummary | null;
}

/** One fault the doctor named, as the request log keeps it (strings capped, no secrets). */
export interface DoctorFault {
  /** A `SignatureFaultCode`, e.g. `uppercase-hex`. */
  code: string;
  message: string;
  cause: string;
  fix: string;
}

/** What the doctor said about a refused request. */
export interface DoctorSummary {
  /**
   * `diagnosed`: faults below; `no-fault`: the doctor found none (e.g. a profile switch refused
   * it); `unknown-client`: no sign key to diagnose with; `skipped`: over the rate or size cap.
   */
  outcome: 'diagnosed' | 'no-fault' | 'unknown-client' | 'skipped';
  /** One line for people. */
  text: string;
  /** At most {@link DOCTOR_MAX_FAULTS}. */
  faults: DoctorFault[];
}

/**
 * A refused request as the doctor needs it. The sign key is used for the diagnosis only and is
 * never stored; the signature is never copied into the log.
 */
export interface RefusedCapture {
  method: string;
  /** Path and query as received. */
  target: string;
  headers: Array<[name: string, value: string]>;
  /** The exact body text. */
  body: string;
  /** The calling client's `client_code`, or null when none was sent. */
  clientCode: string | null;
  /** The sign key of that client, or undefined when the sandbox does not know the client. */
  signKey: string | undefined;
  /** The sandbox's time, Unix seconds. */
  now: number;
  /** The timestamp tolerance in force. */
  toleranceSeconds: number;
  /** True when the profile accepts upper-case hex (so that is not the fault). */
  upperCaseAccepted: boolean;
}

/** Most faults kept per diagnosis. */
export const DOCTOR_MAX_FAULTS = 5;
/** Most diagnoses per second; more refused requests are logged with `skipped`. */
export const DOCTOR_PER_SECOND = 20;
/** Bodies longer than this are not diagnosed (the doctor recomputes many candidates). */
export const DOCTOR_MAX_BODY = 64 * 1024;
const MAX_TEXT = 300;
const DIAGNOSED = new Set<SignatureVerdict>([
  'invalid',
  'timestamp-out-of-window',
  'missing-headers',
  'unknown-client',
]);

/** Most requests kept; older ones are dropped first. */
export const REQUEST_LOG_LIMIT = 200;

const HINTS: Partial<Record<SignatureVerdict, string>> = {
  invalid:
    'signature does not match: check the sign_key, that raw_signature = client_code + timestamp + METHOD + path + body uses the exact bytes sent, and lower-case hex HMAC-SHA1 (run `prakerja doctor` on a capture for a full diagnosis)',
  'timestamp-out-of-window':
    'timestamp too far from the sandbox clock: send Unix seconds from a synchronised clock',
  'missing-headers': 'send client_code, signature and timestamp headers',
  'unknown-client': 'client_code is not one of the sandbox credentials (see Overview)',
};

/** Maps the program error code of a refused request to the signature verdict. */
export function verdictOfCode(code: string | null, authenticated: boolean): SignatureVerdict {
  if (authenticated) return 'valid';
  switch (code) {
    case ProgramErrorCode.INVALID_SIGNATURE:
      return 'invalid';
    case ProgramErrorCode.TIMESTAMP_OUT_OF_WINDOW:
      return 'timestamp-out-of-window';
    case ProgramErrorCode.MISSING_AUTH_HEADER:
      return 'missing-headers';
    case ProgramErrorCode.UNKNOWN_CLIENT:
    case ProgramErrorCode.OAUTH_CLIENT_ID_NOT_FOUND:
    case ProgramErrorCode.OAUTH_CONTEXT_CLIENT_ID_NOT_FOUND:
      return 'unknown-client';
    default:
      return 'not-checked';
  }
}

/** A bounded in-memory log of program requests (not persisted, not part of the state). */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private nextId = 1;
  private readonly listeners = new Set<() => void>();

  private windowStart = -1;
  private windowCount = 0;

  constructor(
    readonly limit = REQUEST_LOG_LIMIT,
    private readonly clockMs: () => number = () => performance.now(),
  ) {}

  /**
   * Records one request; the oldest entry goes once the log is full. For a refused signature,
   * `capture` is read and the doctor runs on it (bounded by {@link DOCTOR_PER_SECOND}).
   */
  add(
    entry: Omit<RequestLogEntry, 'id' | 'hint' | 'doctor'>,
    capture?: () => RefusedCapture,
  ): RequestLogEntry {
    const full: RequestLogEntry = {
      ...entry,
      id: this.nextId++,
      hint: HINTS[entry.signature] ?? null,
      doctor: capture && DIAGNOSED.has(entry.signature) ? this.diagnose(capture()) : null,
    };
    this.entries.push(full);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    for (const listener of this.listeners) listener();
    return full;
  }

  /** Entries, newest first; at most `limit`. */
  list(limit = this.limit): RequestLogEntry[] {
    return this.entries.slice(-Math.max(0, limit)).reverse();
  }

  private diagnose(capture: RefusedCapture): DoctorSummary {
    if (capture.signKey === undefined) {
      const text =
        capture.clientCode === null
          ? 'no client_code header: no sign key to diagnose the signature with'
          : `client_code "${cap(capture.clientCode, 80)}" is not a sandbox client: no sign key to diagnose the signature with (see Overview for the credentials)`;
      return { outcome: 'unknown-client', text, faults: [] };
    }
    const second = Math.floor(this.clockMs() / 1000);
    if (second !== this.windowStart) {
      this.windowStart = second;
      this.windowCount = 0;
    }
    if (this.windowCount >= DOCTOR_PER_SECOND || capture.body.length > DOCTOR_MAX_BODY) {
      return {
        outcome: 'skipped',
        text: 'not diagnosed (too many refused requests this second, or a large body): run `prakerja doctor` on a capture',
        faults: [],
      };
    }
    this.windowCount++;
    try {
      return summarise(capture);
    } catch {
      // The log never fails a request: a capture the doctor cannot read is only noted.
      return { outcome: 'skipped', text: 'the doctor could not read this request', faults: [] };
    }
  }

  clear(): void {
    this.entries = [];
  }

  onAdd(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const logs = new WeakMap<Engine, RequestLog>();

/** The request log of an engine (created on first use). */
export function requestLog(engine: Engine): RequestLog {
  let log = logs.get(engine);
  if (!log) {
    log = new RequestLog();
    logs.set(engine, log);
  }
  return log;
}

/** Runs the doctor and keeps a bounded, secret-free summary. */
function summarise(capture: RefusedCapture): DoctorSummary {
  const diagnosis = diagnoseSignature(
    {
      format: 'http',
      method: capture.method,
      target: capture.target,
      headers: capture.headers,
      body: capture.body,
    },
    { signKey: capture.signKey!, now: capture.now, toleranceSeconds: capture.toleranceSeconds },
  );
  const authorization =
    capture.headers.find(([name]) => name.toLowerCase() === 'authorization')?.[1] ?? '';
  const secrets = [
    capture.signKey!,
    diagnosis.request.signature ?? '',
    diagnosis.canonical?.signature ?? '',
    authorization.replace(/^bearer\s+/i, ''),
  ].filter((secret) => secret.length > 3);
  const clean = (text: string) => cap(redact(text, secrets), MAX_TEXT);
  const faults = diagnosis.faults
    .filter((fault) => !(capture.upperCaseAccepted && fault.code === 'uppercase-hex'))
    .slice(0, DOCTOR_MAX_FAULTS)
    .map((fault) => ({
      code: fault.code,
      message: clean(fault.message),
      cause: clean(fault.cause),
      fix: clean(fault.fix),
    }));
  if (faults.length === 0) {
    return {
      outcome: 'no-fault',
      text: 'the doctor finds no fault in the signature itself: the active profile refused it (see the profile switches)',
      faults,
    };
  }
  return {
    outcome: 'diagnosed',
    text: faults.map((fault) => fault.message).join('; '),
    faults,
  };
}

/** Blanks any run of 6+ key-or-digest characters that is part of a secret (key, signatures, token). */
function redact(text: string, secrets: string[]): string {
  const lower = secrets.map((secret) => secret.toLowerCase());
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out.replace(/[A-Za-z0-9+/=_-]{6,}/g, (token) =>
    lower.some((secret) => secret.includes(token.toLowerCase())) ? '[redacted]' : token,
  );
}

function cap(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
