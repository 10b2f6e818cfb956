import { ProgramPath } from '@prakerja-kit/core';
import type { FaultInput } from '@prakerja-kit/sandbox';

/** One fault injected by `--faults`, and what should absorb it. */
export interface PlannedFault {
  /** Short name in the summary. */
  name: string;
  input: FaultInput;
  /** What absorbs it, in one line (the summary adds what was observed). */
  absorbedBy: string;
  /**
   * Injected by the journey right before the second purchase instead of at the start, so it
   * hits that purchase's authorize and not the first one's.
   */
  beforeSecondPurchase?: boolean | undefined;
}

/**
 * The second purchase's authorize gives up after this long (a per-call timeout); under
 * `--faults` the sandbox holds it for {@link LATE_COMMIT_MS} and then commits it.
 */
export const SECOND_PURCHASE_TIMEOUT_MS = 1500;
/**
 * How long the late-commit fault holds the second purchase's authorize before committing: past
 * the timeout and the client's status lookups (3, 1 s apart), so only the watcher sees it.
 */
export const LATE_COMMIT_MS = 5000;

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
    name: 'late commit on authorize',
    input: {
      kind: 'latency',
      path: ProgramPath.AUTHORIZE,
      latencyMs: LATE_COMMIT_MS,
      times: 1,
    },
    absorbedBy:
      'the client gave up and status said "not found": unknown (never "not purchased"), followed by the payment watcher',
    beforeSecondPurchase: true,
  },
  {
    name: 'drop after commit on void',
    input: { kind: 'drop-after-commit', path: ProgramPath.VOID, times: 1 },
    absorbedBy: 'never re-sent: reconciled through payment/status (voided)',
  },
];

/** Webhook deliveries the payment partner refuses (503) under `--faults`: a brief outage. */
export const REFUSED_DELIVERIES = 1;
