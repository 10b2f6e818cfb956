import * as z from 'zod/mini';
import {
  amount,
  count,
  dateText,
  httpUrl,
  nonEmpty,
  nullableText,
  text,
} from './internal/schema-primitives.js';

// The fixture schemas check an imported state (internal/state-schema.ts); the public types are
// inferred from them, so the two cannot drift apart.

/** Education levels, lowest first. */
export const EDUCATION_LEVELS = ['SD', 'SMP', 'SMA', 'D3', 'S1', 'S2', 'S3'] as const;

/** An education level of {@link EDUCATION_LEVELS}. */
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

const educationSchema = z.enum(EDUCATION_LEVELS);

/** Schema of {@link SandboxClient}. */
export const sandboxClientSchema = z.object({
  /** The `client_code` header value (also the SSO `client_id`). */
  clientCode: nonEmpty,
  /** The `sign_key` used for HMAC-SHA1 request signatures. */
  signKey: nonEmpty,
  /** Display name (also the SSO `client_name` for providers). */
  name: text,
  /** `dp` (digital platform) or `lp` (training provider). */
  role: z.enum(['dp', 'lp']),
  /**
   * Registered redirect URIs (providers only; empty for platforms). A loopback URI
   * (`127.0.0.1`, `localhost`) matches any port, as RFC 8252 §7.3 asks of OAuth servers.
   * Only http(s): a javascript: or data: URI would be a browser redirect target.
   */
  redirectUris: z.array(httpUrl),
});

/** A partner's program credentials as seeded by the sandbox. Obviously fake. */
export type SandboxClient = z.infer<typeof sandboxClientSchema>;

/** Schema of {@link SandboxParticipant}. */
export const sandboxParticipantSchema = z.object({
  prakerjaId: nonEmpty,
  name: text,
  email: text,
  phone: text,
  age: count,
  education: educationSchema,
  /** Training balance in IDR at start (purchases deduct from the live balance). */
  balance: amount,
  /** Where the incentive is paid (modelled, for `incentive.disbursement_requested`). */
  payout: z.object({
    type: z.enum(['bank', 'ewallet']),
    provider: text,
    accountNumber: text,
  }),
  /** What this participant is for in tests. */
  description: text,
});

/** A seeded Kartu Prakerja participant. */
export type SandboxParticipant = z.infer<typeof sandboxParticipantSchema>;

/** Schema of {@link SandboxCourse}. */
export const sandboxCourseSchema = z.object({
  courseCode: nonEmpty,
  name: text,
  /** `client_code` of the LP that owns the course. */
  provider: nonEmpty,
  /** `self-paced` (pembelajaran mandiri, course_type 1) or `webinar` (course_type 2). */
  type: z.enum(['self-paced', 'webinar']),
  price: amount,
  requirements: z.object({ minAge: count, maxAge: count, minEducation: educationSchema }),
});

/** A seeded course. */
export type SandboxCourse = z.infer<typeof sandboxCourseSchema>;

/** Schema of {@link SandboxSchedule}. */
export const sandboxScheduleSchema = z.object({
  scheduleCode: nonEmpty,
  courseCode: nonEmpty,
  /** ISO-8601 start, relative to the sandbox start time. */
  startAt: dateText,
  endAt: dateText,
  /** Capacity in seats (the live remaining quota is `GET quota-schedule`). */
  seats: count,
  description: text,
});

/** A seeded schedule (batch) of a course. */
export type SandboxSchedule = z.infer<typeof sandboxScheduleSchema>;

/** Schema of {@link SandboxRedeemCode}. */
export const sandboxRedeemCodeSchema = z.object({
  redeemCode: nonEmpty,
  /** Program test case id (`TC1-001-200`...), or null. */
  testCase: nullableText,
  /** True for the positive test cases, the only codes `redeem-code/reset` accepts. */
  positive: z.boolean(),
  courseCode: nonEmpty,
  scheduleCode: nonEmpty,
  prakerjaId: nonEmpty,
  /** `client_code` of the DP that sold it. */
  platform: nonEmpty,
  invoiceCode: nonEmpty,
  transactionCode: nonEmpty,
  /** Sequences already verified when the fixture (or a reset) starts. */
  verifiedSequences: z.array(z.int()),
  /** True when the purchase is voided (the code is cancelled). */
  voided: z.boolean(),
  description: text,
});

/** A seeded redeem code with its purchase (the `PRAT-` test codes). */
export type SandboxRedeemCode = z.infer<typeof sandboxRedeemCodeSchema>;

/** Schema of {@link SandboxFixtures}. */
export const sandboxFixturesSchema = z.object({
  seed: z.number(),
  /** Sandbox time the fixture times are relative to (ISO-8601). */
  startedAt: dateText,
  platforms: z.array(sandboxClientSchema),
  providers: z.array(sandboxClientSchema),
  participants: z.array(sandboxParticipantSchema),
  courses: z.array(sandboxCourseSchema),
  schedules: z.array(sandboxScheduleSchema),
  redeemCodes: z.array(sandboxRedeemCodeSchema),
});

/** Everything the sandbox seeds, as served by `GET /__sandbox/fixtures`. */
export type SandboxFixtures = z.infer<typeof sandboxFixturesSchema>;
