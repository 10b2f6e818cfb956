import {
  assignmentScopeSchema as kitAssignmentScopeSchema,
  submissionStatusSchema as kitSubmissionStatusSchema,
} from '@prakerja-kit/core/events';
import * as z from 'zod/mini';
import { type SandboxFixtures, sandboxFixturesSchema } from '../sandbox-fixtures.js';
import { resolveSandboxProfile, type SandboxProfile } from '../sandbox-profiles.js';
import { fromKit } from './from-kit.js';
import { ControlFailure } from './program-failure.js';
import { amount, count, httpUrl, nonEmpty, nullableText, text } from './schema-primitives.js';

// The assignment scope and submission status are core/events' schemas, inside the sandbox's zod
// schemas (the sandbox's state is checked with zod; core's schemas use the kit's own validator).
const assignmentScopeSchema = fromKit(kitAssignmentScopeSchema);
const submissionStatusSchema = fromKit(kitSubmissionStatusSchema);

// Each part of the sandbox state is a zod schema and the type inferred from it: the schemas
// check an imported state (state-schema.ts) as deeply as the state machine relies on it.

/** Sandbox ms times: finite numbers (JSON has no other). */
const ms = z.number();

/** Largest |clockOffsetMs| that keeps sandbox time a valid `Date` for millennia of wall time. */
const MAX_CLOCK_OFFSET_MS = 8e15;

const paymentTokenSchema = z.object({
  token: nonEmpty,
  clientCode: nonEmpty,
  prakerjaId: nonEmpty,
  userPlatformId: text,
  courseCode: nonEmpty,
  scheduleCode: nonEmpty,
  amount,
  otp: text,
  createdAt: ms,
  expiresAt: ms,
  usedAt: z.nullable(ms),
});

/** A payment token issued by send-otp. */
export type PaymentTokenRecord = z.infer<typeof paymentTokenSchema>;

const smsSchema = z.object({
  id: nonEmpty,
  prakerjaId: nonEmpty,
  phone: text,
  otp: text,
  text,
  sentAt: text,
});

/** One SMS in the sandbox inbox. */
export type SmsMessage = z.infer<typeof smsSchema>;

const transactionSchema = z.object({
  transactionCode: nonEmpty,
  invoiceCode: nonEmpty,
  invoiceUrl: text,
  clientCode: nonEmpty,
  prakerjaId: nonEmpty,
  userPlatformId: text,
  courseCode: nonEmpty,
  scheduleCode: nonEmpty,
  amount,
  status: z.enum(['SUCCESS', 'VOID']),
  createdAt: text,
  voidedAt: nullableText,
  redeemCode: nonEmpty,
});

/** A purchase. */
export type TransactionRecord = z.infer<typeof transactionSchema>;

const attendanceSchema = z.object({ status: z.literal([1, 2]), at: text });

/** Attendance result of one sequence: 1 verified, 2 rejected at the face check. */
export type AttendanceRecord = z.infer<typeof attendanceSchema>;

const redeemCodeSchema = z.object({
  redeemCode: nonEmpty,
  transactionCode: nonEmpty,
  courseCode: nonEmpty,
  scheduleCode: nonEmpty,
  prakerjaId: nonEmpty,
  provider: nonEmpty,
  testCase: nullableText,
  positive: z.boolean(),
  email: nullableText,
  cancelled: z.boolean(),
  attendance: z.record(z.string(), attendanceSchema),
  redeemedAt: nullableText,
  completedAt: nullableText,
  disbursementId: nullableText,
  initialVerified: z.array(z.int()),
});

/** A redeem code and everything done with it. */
export type RedeemCodeRecord = z.infer<typeof redeemCodeSchema>;

const verificationSchema = z.object({
  state: nonEmpty,
  redeemCode: nonEmpty,
  sequence: z.int(),
  redirectUri: httpUrl,
  email: text,
  clientCode: nonEmpty,
  status: z.enum(['pending', 'approved', 'rejected']),
  createdAt: text,
  decidedAt: nullableText,
});

/** A verification started by url-generate, decided on the verification page. */
export type VerificationRecord = z.infer<typeof verificationSchema>;

const assignmentSchema = z.object({
  id: z.int(),
  kind: z.enum(['submission', 'feedback']),
  redeemCode: nonEmpty,
  scope: assignmentScopeSchema,
  sequence: z.int(),
  urlFile: nullableText,
  notes: nullableText,
  status: submissionStatusSchema,
  at: text,
});

/** A TPM/UK submission (participant side) or feedback (LP side). */
export type AssignmentRecord = z.infer<typeof assignmentSchema>;

const ssoGrantSchema = z.object({
  clientId: nonEmpty,
  prakerjaId: nonEmpty,
  scope: text,
  redirectUri: text,
  expiresAt: ms,
  used: z.boolean(),
});

/** SSO authorization code, access token or refresh token. */
export type SsoGrant = z.infer<typeof ssoGrantSchema>;

const eventSchema = z.object({
  id: nonEmpty,
  type: nonEmpty,
  created_at: text,
  data: z.record(z.string(), z.unknown()),
});

/** One event of the SDK's event model (docs/events.md). */
export type SandboxEvent = z.infer<typeof eventSchema>;

const webhookSchema = z.object({
  id: nonEmpty,
  url: httpUrl,
  // Same rule as a registration (deliveries.ts): `sign` throws on anything else.
  secret: z.string().check(z.regex(/^whsec_[A-Za-z0-9+/]{16,}={0,2}$/, 'expected whsec_<base64>')),
  /** Event types delivered, or null for all. */
  events: z.nullable(z.array(nonEmpty)),
  createdAt: text,
});

/** A registered webhook endpoint. */
export type WebhookEndpoint = z.infer<typeof webhookSchema>;

/** Bytes of a response body kept per attempt in the delivery log. */
export const RESPONSE_BODY_LIMIT = 2048;
/** Response headers kept per attempt in the delivery log. */
export const RESPONSE_HEADER_LIMIT = 64;
/** Attempts per delivery that keep response headers and body; older ones keep status and error. */
export const DETAILED_ATTEMPTS_LIMIT = 20;

const deliveryAttemptSchema = z.object({
  /** Sandbox time of the attempt (ISO-8601). */
  at: text,
  /** The receiver's HTTP status, or null when it never answered (see `error`). */
  statusCode: z.nullable(z.int()),
  /** Why no answer came: connection refused, timeout…; null when the receiver answered. */
  error: nullableText,
  durationMs: z.number().check(z.minimum(0)),
  // Absent in states saved before the delivery log kept responses.
  /**
   * The response headers (names lower-case; at most 64 headers, values cut at 1 KB), or null when
   * there was no answer or the details were pruned.
   */
  responseHeaders: z._default(
    z.nullable(
      z.record(z.string(), z.string()).check(
        z.refine((headers) => Object.keys(headers).length <= RESPONSE_HEADER_LIMIT, {
          message: `at most ${RESPONSE_HEADER_LIMIT} headers`,
        }),
      ),
    ),
    null,
  ),
  /**
   * The first 2 KB (2048 bytes) of the response body as UTF-8 text, or null when there was no
   * answer or the details were pruned (only the latest attempts keep them).
   */
  responseBody: z._default(z.nullable(z.string().check(z.maxLength(RESPONSE_BODY_LIMIT))), null),
  /** True when the response body was longer than what `responseBody` keeps. */
  responseBodyTruncated: z._default(z.boolean(), false),
});

/**
 * One delivery attempt, with what the receiver answered (never the request's signature or the
 * endpoint's secret).
 */
export type DeliveryAttempt = z.output<typeof deliveryAttemptSchema>;

const deliverySchema = z.object({
  id: nonEmpty,
  eventId: nonEmpty,
  eventType: text,
  endpointId: nonEmpty,
  url: text,
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.array(deliveryAttemptSchema),
  /** Failed attempts since the delivery was (re)queued: picks the next retry delay. */
  failures: count,
  /** Sandbox time (ms) of the next attempt, or null when done. */
  nextAttemptAt: z.nullable(ms),
});

/** One event delivered to one endpoint, with its attempts. */
export type DeliveryRecord = z.output<typeof deliverySchema>;

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

// Same bounds as a fault added through the control plane (faults.ts).
const faultSchema = z.object({
  id: nonEmpty,
  kind: z.enum(FAULT_KINDS),
  /** Exact request path, or `*` for every program path. */
  path: z.string().check(z.regex(FAULT_PATH, 'expected "*" or a path starting with "/"')),
  /** HTTP method, or `*`. */
  method: z.string().check(z.regex(/^(\*|[A-Z]+)$/, 'expected "*" or an upper-case method')),
  /** Requests left to affect; null means until removed. */
  remaining: z.nullable(count),
  /** Chance in [0, 1] that a matching request is affected (seeded). */
  probability: z.number().check(z.minimum(0), z.maximum(1)),
  latencyMs: z.int().check(z.minimum(0), z.maximum(120_000)),
  status: z.int().check(z.minimum(500), z.maximum(599)),
  retryAfterSeconds: z.int().check(z.minimum(0), z.maximum(86_400)),
  skewSeconds: z.int().check(z.minimum(-31_536_000), z.maximum(31_536_000)),
  /** Requests this fault affected so far. */
  hits: count,
});

/** An injected fault. */
export type FaultRecord = z.infer<typeof faultSchema>;

/** A profile as exported: its base and overrides must resolve to exactly its switches. */
const profileSchema = z.custom<SandboxProfile>((value) => {
  if (typeof value !== 'object' || value === null) return false;
  const { base, overrides, switches } = value as Partial<SandboxProfile>;
  if (typeof overrides !== 'object' || overrides === null) return false;
  try {
    const resolved = resolveSandboxProfile({ ...overrides, base });
    return JSON.stringify(resolved.switches) === JSON.stringify(switches);
  } catch (error) {
    if (error instanceof ControlFailure) return false;
    throw error;
  }
}, 'not a sandbox profile: { base, overrides, switches } as GET /__sandbox/profile answers');

/** Schema of the whole {@link SandboxState}, as `GET /__sandbox/state` exports it. */
export const sandboxStateSchema = z.object({
  version: z.literal(1),
  rng: z.int().check(z.minimum(0), z.maximum(0xffff_ffff)),
  clockOffsetMs: z.number().check(z.minimum(-MAX_CLOCK_OFFSET_MS), z.maximum(MAX_CLOCK_OFFSET_MS)),
  counter: count,
  fixtures: sandboxFixturesSchema,
  balances: z.record(z.string(), z.number()),
  seatsTaken: z.record(z.string(), count),
  paymentTokens: z.record(z.string(), paymentTokenSchema),
  sms: z.array(smsSchema),
  transactions: z.record(z.string(), transactionSchema),
  redeemCodes: z.record(z.string(), redeemCodeSchema),
  verifications: z.record(z.string(), verificationSchema),
  assignments: z.array(assignmentSchema),
  ssoCodes: z.record(z.string(), ssoGrantSchema),
  accessTokens: z.record(z.string(), ssoGrantSchema),
  refreshTokens: z.record(z.string(), ssoGrantSchema),
  events: z.array(eventSchema),
  webhooks: z.record(z.string(), webhookSchema),
  deliveries: z.array(deliverySchema),
  faults: z.array(faultSchema),
  /** The active profile: how the sandbox answers where the program's docs leave a choice. */
  // A state exported before profiles existed has none: create-control keeps the active one.
  profile: z._default(profileSchema, () => resolveSandboxProfile('default')),
});

/** The whole mutable sandbox state: plain JSON, saved and loaded as is. */
export type SandboxState = z.output<typeof sandboxStateSchema>;

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
    state.balances[participant.prakerjaId] = participant.balance;
  }
  for (const code of fixtures.redeemCodes) {
    const course = fixtures.courses.find((item) => item.courseCode === code.courseCode)!;
    const startedAt = fixtures.startedAt;
    state.transactions[code.transactionCode] = {
      transactionCode: code.transactionCode,
      invoiceCode: code.invoiceCode,
      invoiceUrl: `https://${code.platform}.example/invoice/${code.invoiceCode}`,
      clientCode: code.platform,
      prakerjaId: code.prakerjaId,
      userPlatformId: `user-${code.prakerjaId}`,
      courseCode: code.courseCode,
      scheduleCode: code.scheduleCode,
      amount: course.price,
      status: code.voided ? 'VOID' : 'SUCCESS',
      createdAt: startedAt,
      voidedAt: code.voided ? startedAt : null,
      redeemCode: code.redeemCode,
    };
    state.redeemCodes[code.redeemCode] = {
      redeemCode: code.redeemCode,
      transactionCode: code.transactionCode,
      courseCode: code.courseCode,
      scheduleCode: code.scheduleCode,
      prakerjaId: code.prakerjaId,
      provider: course.provider,
      testCase: code.testCase,
      positive: code.positive,
      email: null,
      cancelled: code.voided,
      attendance: {},
      redeemedAt: null,
      completedAt: null,
      disbursementId: null,
      initialVerified: code.verifiedSequences,
    };
    applyInitialAttendance(state.redeemCodes[code.redeemCode]!, startedAt);
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
