import { ProgramErrorCode } from '@prakerja-kit/core';
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
  /** For a refused signature: what to check (the CLI's `doctor` explains in full). */
  hint: string | null;
}

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

  constructor(readonly limit = REQUEST_LOG_LIMIT) {}

  /** Records one request; the oldest entry goes once the log is full. */
  add(entry: Omit<RequestLogEntry, 'id' | 'hint'>): RequestLogEntry {
    const full: RequestLogEntry = {
      ...entry,
      id: this.nextId++,
      hint: HINTS[entry.signature] ?? null,
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
