import { ProgramPath } from '@prakerja-kit/core';
import type { FaultInput } from '@prakerja-kit/sandbox';

/** One fault injected by `--faults`, and what should absorb it. */
export interface PlannedFault {
  /** Short name in the summary. */
  name: string;
  input: FaultInput;
  /** What absorbs it, in one line (the summary adds what was observed). */
  absorbedBy: string;
}

/**
 * The faults `--faults` injects into the sandbox before the journey starts. Each matches one
 * program path and fires a fixed number of times, so a run is reproducible.
 */
export const FAULT_PLAN: readonly PlannedFault[] = [
  {
    name: 'latency 700 ms',
    input: { kind: 'latency', path: ProgramPath.QUOTA_SCHEDULE, latencyMs: 700, times: 2 },
    absorbedBy: 'waited (under the 30 s timeout)',
  },
  {
    name: '503 on quota-schedule',
    input: { kind: 'error', path: ProgramPath.QUOTA_SCHEDULE, status: 503, times: 1 },
    absorbedBy: 'read-only call: the transport retried it',
  },
  {
    name: '503 on send-otp',
    input: { kind: 'error', path: ProgramPath.SEND_OTP, status: 503, times: 1 },
    absorbedBy: 'not re-sent blindly (an SMS may have gone out); the buyer asked for a new OTP',
  },
  {
    name: 'drop after commit on authorize',
    input: { kind: 'drop-after-commit', path: ProgramPath.AUTHORIZE, times: 1 },
    absorbedBy: 'never re-sent: reconciled through payment/status by invoice code',
  },
  {
    name: '429 on url-generate',
    input: { kind: 'rate-limit', path: ProgramPath.URL_GENERATE, retryAfterSeconds: 1, times: 1 },
    absorbedBy: 'a 429 is never processed: retried after Retry-After',
  },
  {
    name: '429 on redeem-code/status',
    input: { kind: 'rate-limit', path: ProgramPath.REDEEM_STATUS, retryAfterSeconds: 1, times: 2 },
    absorbedBy: 'read-only call: retried after Retry-After',
  },
  {
    name: 'drop before feedback',
    input: { kind: 'drop-before', path: ProgramPath.TPM_FEEDBACK, times: 1 },
    absorbedBy: 'not re-sent blindly: the LMS read submission status, then graded again',
  },
  {
    name: 'drop after commit on void',
    input: { kind: 'drop-after-commit', path: ProgramPath.VOID, times: 1 },
    absorbedBy: 'never re-sent: reconciled through payment/status (voided)',
  },
];

/** Webhook deliveries the payment partner refuses (503) under `--faults`: a brief outage. */
export const REFUSED_DELIVERIES = 1;
