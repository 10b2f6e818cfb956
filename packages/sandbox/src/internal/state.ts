import type { AssignmentScope, SubmissionStatus } from '@prakerja-kit/core/events';
import type { SandboxFixtures } from '../sandbox-fixtures.js';
import { resolveSandboxProfile, type SandboxProfile } from '../sandbox-profiles.js';

/** A payment token issued by send-otp. */
export interface PaymentTokenRecord {
  token: string;
  clientCode: string;
  prakerjaId: string;
  userPlatformId: string;
  courseCode: string;
  scheduleCode: string;
  amount: number;
  otp: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

/** One SMS in the sandbox inbox. */
export interface SmsMessage {
  id: string;
  prakerjaId: string;
  phone: string;
  otp: string;
  text: string;
  sentAt: string;
}

/** A purchase. */
export interface TransactionRecord {
  transactionCode: string;
  invoiceCode: string;
  invoiceUrl: string;
  clientCode: string;
  prakerjaId: string;
  userPlatformId: string;
  courseCode: string;
  scheduleCode: string;
  amount: number;
  status: 'SUCCESS' | 'VOID';
  createdAt: string;
  voidedAt: string | null;
  redeemCode: string;
}

/** Attendance result of one sequence: 1 verified, 2 rejected at the face check. */
export interface AttendanceRecord {
  status: 1 | 2;
  at: string;
}

/** A redeem code and everything done with it. */
export interface RedeemCodeRecord {
  redeemCode: string;
  transactionCode: string;
  courseCode: string;
  scheduleCode: string;
  prakerjaId: string;
  provider: string;
  testCase: string | null;
  positive: boolean;
  email: string | null;
  cancelled: boolean;
  attendance: Record<string, AttendanceRecord>;
  redeemedAt: string | null;
  completedAt: string | null;
  disbursementId: string | null;
  initialVerified: number[];
}

/** A verification started by url-generate, decided on the verification page. */
export interface VerificationRecord {
  state: string;
  redeemCode: string;
  sequence: number;
  redirectUri: string;
  email: string;
  clientCode: string;
  status: 'pending' | 'approved' | 'rejected';
  createdAt: string;
  decidedAt: string | null;
}

/** A TPM/UK submission (participant side) or feedback (LP side). */
export interface AssignmentRecord {
  id: number;
  kind: 'submission' | 'feedback';
  redeemCode: string;
  scope: AssignmentScope;
  sequence: number;
  urlFile: string | null;
  notes: string | null;
  status: SubmissionStatus;
  at: string;
}

/** SSO authorization code, access token or refresh token. */
export interface SsoGrant {
  clientId: string;
  prakerjaId: string;
  scope: string;
  redirectUri: string;
  expiresAt: number;
  used: boolean;
}

/** One event of the SDK's event model (docs/events.md). */
export interface SandboxEvent {
  id: string;
  type: string;
  created_at: string;
  data: Record<string, unknown>;
}

/** A registered webhook endpoint. */
export interface WebhookEndpoint {
  id: string;
  url: string;
  secret: string;
  /** Event types delivered, or null for all. */
  events: string[] | null;
  createdAt: string;
}

/**
 * One delivery attempt, with what the receiver answered (never the request's signature or the
 * endpoint's secret).
 */
export interface DeliveryAttempt {
  /** Sandbox time of the attempt (ISO-8601). */
  at: string;
  /** The receiver's HTTP status, or null when it never answered (see `error`). */
  statusCode: number | null;
  /** Why no answer came: connection refused, timeout…; null when the receiver answered. */
  error: string | null;
  durationMs: number;
  /**
   * The response headers (names lower-case; at most 64 headers, values cut at 1 KB), or null when
   * there was no answer or the details were pruned.
   */
  responseHeaders: Record<string, string> | null;
  /**
   * The first 2 KB (2048 bytes) of the response body as UTF-8 text, or null when there was no
   * answer or the details were pruned (only the latest attempts keep them).
   */
  responseBody: string | null;
  /** True when the response body was longer than what `responseBody` keeps. */
  responseBodyTruncated: boolean;
}

/** Bytes of a response body kept per attempt in the delivery log. */
export const RESPONSE_BODY_LIMIT = 2048;
/** Response headers kept per attempt in the delivery log. */
export const RESPONSE_HEADER_LIMIT = 64;
/** Attempts per delivery that keep response headers and body; older ones keep status and error. */
export const DETAILED_ATTEMPTS_LIMIT = 20;

/** One event delivered to one endpoint, with its attempts. */
export interface DeliveryRecord {
  id: string;
  eventId: string;
  eventType: string;
  endpointId: string;
  url: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: DeliveryAttempt[];
  /** Failed attempts since the delivery was (re)queued: picks the next retry delay. */
  failures: number;
  /** Sandbox time (ms) of the next attempt, or null when done. */
  nextAttemptAt: number | null;
}

/** Kinds of injected faults, as accepted by the control plane and in saved state. */
export const FAULT_KINDS = [
  'latency',
  'error',
  'rate-limit',
  'drop-before',
  'drop-after-commit',
  'late-commit',
  'clock-skew',
] as const;

/** Kinds of injected faults. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A fault's `path`: `*` or a path starting with `/`. */
export const FAULT_PATH = /^(\*|\/\S*)$/;

/** An injected fault. */
export interface FaultRecord {
  id: string;
  kind: FaultKind;
  /** Exact request path, or `*` for every program path. */
  path: string;
  /** HTTP method, or `*`. */
  method: string;
  /** Requests left to affect; null means until removed. */
  remaining: number | null;
  /** Chance in [0, 1] that a matching request is affected (seeded). */
  probability: number;
  latencyMs: number;
  status: number;
  retryAfterSeconds: number;
  skewSeconds: number;
  /** Requests this fault affected so far. */
  hits: number;
}

/** The whole mutable sandbox state: plain JSON, saved and loaded as is. */
export interface SandboxState {
  version: 1;
  rng: number;
  clockOffsetMs: number;
  counter: number;
  fixtures: SandboxFixtures;
  balances: Record<string, number>;
  seatsTaken: Record<string, number>;
  paymentTokens: Record<string, PaymentTokenRecord>;
  sms: SmsMessage[];
  transactions: Record<string, TransactionRecord>;
  redeemCodes: Record<string, RedeemCodeRecord>;
  verifications: Record<string, VerificationRecord>;
  assignments: AssignmentRecord[];
  ssoCodes: Record<string, SsoGrant>;
  accessTokens: Record<string, SsoGrant>;
  refreshTokens: Record<string, SsoGrant>;
  events: SandboxEvent[];
  webhooks: Record<string, WebhookEndpoint>;
  deliveries: DeliveryRecord[];
  faults: FaultRecord[];
  /** The active profile: how the sandbox answers where the program's docs leave a choice. */
  profile: SandboxProfile;
}

/** Builds the initial state of a sandbox from its fixtures. */
export function createInitialState(
  fixtures: SandboxFixtures,
  seed: number,
  clockOffsetMs: number,
  profile: SandboxProfile = resolveSandboxProfile('default'),
): SandboxState {
  const state: SandboxState = {
    version: 1,
    // A different stream than the fixtures', so generated codes never repeat fixture codes.
    rng: (seed ^ 0x5bd1e995) >>> 0,
    clockOffsetMs,
    counter: 0,
    fixtures,
    balances: {},
    seatsTaken: {},
    paymentTokens: {},
    sms: [],
    transactions: {},
    redeemCodes: {},
    verifications: {},
    assignments: [],
    ssoCodes: {},
    accessTokens: {},
    refreshTokens: {},
    events: [],
    webhooks: {},
    deliveries: [],
    faults: [],
    profile,
  };
  for (const participant of fixtures.participants) {
    state.balances[participant.prakerja_id] = participant.balance;
  }
  for (const code of fixtures.redeem_codes) {
    const course = fixtures.courses.find((item) => item.course_code === code.course_code)!;
    const startedAt = fixtures.started_at;
    state.transactions[code.transaction_code] = {
      transactionCode: code.transaction_code,
      invoiceCode: code.invoice_code,
      invoiceUrl: `https://${code.platform}.example/invoice/${code.invoice_code}`,
      clientCode: code.platform,
      prakerjaId: code.prakerja_id,
      userPlatformId: `user-${code.prakerja_id}`,
      courseCode: code.course_code,
      scheduleCode: code.schedule_code,
      amount: course.price,
      status: code.voided ? 'VOID' : 'SUCCESS',
      createdAt: startedAt,
      voidedAt: code.voided ? startedAt : null,
      redeemCode: code.redeem_code,
    };
    state.redeemCodes[code.redeem_code] = {
      redeemCode: code.redeem_code,
      transactionCode: code.transaction_code,
      courseCode: code.course_code,
      scheduleCode: code.schedule_code,
      prakerjaId: code.prakerja_id,
      provider: course.provider,
      testCase: code.test_case,
      positive: code.positive,
      email: null,
      cancelled: code.voided,
      attendance: {},
      redeemedAt: null,
      completedAt: null,
      disbursementId: null,
      initialVerified: code.verified_sequences,
    };
    applyInitialAttendance(state.redeemCodes[code.redeem_code]!, startedAt);
  }
  return state;
}

/** Puts a test code back to its test case's starting point (used by reset). */
export function applyInitialAttendance(record: RedeemCodeRecord, at: string): void {
  record.attendance = {};
  record.email = null;
  record.redeemedAt = null;
  for (const sequence of record.initialVerified) {
    record.attendance[String(sequence)] = { status: 1, at };
    if (sequence === 1) record.redeemedAt = at;
  }
}
