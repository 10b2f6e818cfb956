import * as z from 'zod/mini';
import {
  EDUCATION_LEVELS,
  type SandboxClient,
  type SandboxCourse,
  type SandboxFixtures,
  type SandboxParticipant,
  type SandboxRedeemCode,
  type SandboxSchedule,
} from '../sandbox-fixtures.js';
import { resolveSandboxProfile, type SandboxProfile } from '../sandbox-profiles.js';
import { ControlFailure } from './program-failure.js';
import type {
  AssignmentRecord,
  AttendanceRecord,
  DeliveryAttempt,
  DeliveryRecord,
  FaultRecord,
  PaymentTokenRecord,
  RedeemCodeRecord,
  SandboxEvent,
  SandboxState,
  SmsMessage,
  SsoGrant,
  TransactionRecord,
  VerificationRecord,
  WebhookEndpoint,
} from './state.js';
import { FAULT_KINDS, FAULT_PATH, RESPONSE_BODY_LIMIT, RESPONSE_HEADER_LIMIT } from './state.js';

// Schemas of every part of the sandbox state (state.ts, sandbox-fixtures.ts), so an imported
// state (PUT /__sandbox/state, control.state.import, the state file) is checked as deeply as the
// state machine relies on it. The assertions at the end keep them in step with the interfaces.

const text = z.string();
const nonEmpty = z.string().check(z.minLength(1, 'expected a non-empty string'));
const nullableText = z.nullable(z.string());
const count = z.int().check(z.minimum(0));
const amount = z.number().check(z.minimum(0));
/** Sandbox ms times: finite numbers (JSON has no other). */
const ms = z.number();

const isDate = (value: string) => Number.isFinite(Date.parse(value));
const isUrl = (value: string) => {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
};
/** A time the state machine parses (fixture times). */
const dateText = z.string().check(z.refine(isDate, 'expected an ISO-8601 date'));
const httpUrl = z
  .string()
  .check(
    z.refine(
      (value) => isUrl(value) && /^https?:$/.test(new URL(value).protocol),
      'expected an http(s) URL',
    ),
  );

/** Largest |clockOffsetMs| that keeps sandbox time a valid `Date` for millennia of wall time. */
const MAX_CLOCK_OFFSET_MS = 8e15;

const clientSchema = z.object({
  clientCode: nonEmpty,
  signKey: nonEmpty,
  name: text,
  role: z.enum(['dp', 'lp']),
  // Only http(s): a javascript: or data: URI would be a browser redirect target.
  redirectUris: z.array(httpUrl),
});

const educationSchema = z.enum(EDUCATION_LEVELS);

const participantSchema = z.object({
  prakerja_id: nonEmpty,
  name: text,
  email: text,
  phone: text,
  age: count,
  education: educationSchema,
  balance: amount,
  payout: z.object({
    type: z.enum(['bank', 'ewallet']),
    provider: text,
    account_number: text,
  }),
  description: text,
});

const courseSchema = z.object({
  course_code: nonEmpty,
  name: text,
  provider: nonEmpty,
  type: z.enum(['self-paced', 'webinar']),
  price: amount,
  requirements: z.object({ min_age: count, max_age: count, min_education: educationSchema }),
});

const scheduleSchema = z.object({
  schedule_code: nonEmpty,
  course_code: nonEmpty,
  start_at: dateText,
  end_at: dateText,
  seats: count,
  description: text,
});

const fixtureRedeemCodeSchema = z.object({
  redeem_code: nonEmpty,
  test_case: nullableText,
  positive: z.boolean(),
  course_code: nonEmpty,
  schedule_code: nonEmpty,
  prakerja_id: nonEmpty,
  platform: nonEmpty,
  invoice_code: nonEmpty,
  transaction_code: nonEmpty,
  verified_sequences: z.array(z.int()),
  voided: z.boolean(),
  description: text,
});

const fixturesSchema = z.object({
  seed: z.number(),
  started_at: dateText,
  platforms: z.array(clientSchema),
  providers: z.array(clientSchema),
  participants: z.array(participantSchema),
  courses: z.array(courseSchema),
  schedules: z.array(scheduleSchema),
  redeem_codes: z.array(fixtureRedeemCodeSchema),
});

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

const smsSchema = z.object({
  id: nonEmpty,
  prakerjaId: nonEmpty,
  phone: text,
  otp: text,
  text,
  sentAt: text,
});

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

const attendanceSchema = z.object({ status: z.literal([1, 2]), at: text });

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

const assignmentSchema = z.object({
  id: z.int(),
  kind: z.enum(['submission', 'feedback']),
  redeemCode: nonEmpty,
  scope: z.enum(['tpm', 'uk']),
  sequence: z.int(),
  urlFile: nullableText,
  notes: nullableText,
  status: z.literal([0, 1, 2, 3]),
  at: text,
});

const ssoGrantSchema = z.object({
  clientId: nonEmpty,
  prakerjaId: nonEmpty,
  scope: text,
  redirectUri: text,
  expiresAt: ms,
  used: z.boolean(),
});

const eventSchema = z.object({
  id: nonEmpty,
  type: nonEmpty,
  created_at: text,
  data: z.record(z.string(), z.unknown()),
});

const webhookSchema = z.object({
  id: nonEmpty,
  url: httpUrl,
  // Same rule as a registration (deliveries.ts): `sign` throws on anything else.
  secret: z.string().check(z.regex(/^whsec_[A-Za-z0-9+/]{16,}={0,2}$/, 'expected whsec_<base64>')),
  events: z.nullable(z.array(nonEmpty)),
  createdAt: text,
});

const deliveryAttemptSchema = z.object({
  at: text,
  statusCode: z.nullable(z.int()),
  error: nullableText,
  durationMs: z.number().check(z.minimum(0)),
  // Absent in states saved before the delivery log kept responses.
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
  responseBody: z._default(z.nullable(z.string().check(z.maxLength(RESPONSE_BODY_LIMIT))), null),
  responseBodyTruncated: z._default(z.boolean(), false),
});

const deliverySchema = z.object({
  id: nonEmpty,
  eventId: nonEmpty,
  eventType: text,
  endpointId: nonEmpty,
  url: text,
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.array(deliveryAttemptSchema),
  failures: count,
  nextAttemptAt: z.nullable(ms),
});

// Same bounds as a fault added through the control plane (faults.ts).
const faultSchema = z.object({
  id: nonEmpty,
  kind: z.enum(FAULT_KINDS),
  path: z.string().check(z.regex(FAULT_PATH, 'expected "*" or a path starting with "/"')),
  method: z.string().check(z.regex(/^(\*|[A-Z]+)$/, 'expected "*" or an upper-case method')),
  remaining: z.nullable(count),
  probability: z.number().check(z.minimum(0), z.maximum(1)),
  latencyMs: z.int().check(z.minimum(0), z.maximum(120_000)),
  status: z.int().check(z.minimum(500), z.maximum(599)),
  retryAfterSeconds: z.int().check(z.minimum(0), z.maximum(86_400)),
  skewSeconds: z.int().check(z.minimum(-31_536_000), z.maximum(31_536_000)),
  hits: count,
});

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

const stateSchema = z.object({
  version: z.literal(1),
  rng: z.int().check(z.minimum(0), z.maximum(0xffff_ffff)),
  clockOffsetMs: z.number().check(z.minimum(-MAX_CLOCK_OFFSET_MS), z.maximum(MAX_CLOCK_OFFSET_MS)),
  counter: count,
  fixtures: fixturesSchema,
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
  // A state exported before profiles existed has none: create-control keeps the active one.
  profile: z._default(profileSchema, () => resolveSandboxProfile('default')),
});

type Path = readonly PropertyKey[];

/** A problem found in an imported state: where (from the state's root) and what. */
interface StateProblem {
  path: Path;
  message: string;
}

/** `state.transactions.INV-1.amount`, `state.sms[0].id`, `state.balances[""]`. */
export function formatStatePath(path: Path): string {
  let out = 'state';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[\w$-]+$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  return typeof value;
}

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key as string];
  }
  return value;
}

/** zod/mini carries no locale: say what was expected and what was found ourselves. */
function issueMessage(issue: z.core.$ZodIssue, root: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const found = valueAt(root, issue.path);
      const expected =
        { record: 'object', int: 'integer' }[issue.expected as string] ?? issue.expected;
      return found === undefined
        ? `missing, expected ${expected}`
        : `expected ${expected}, received ${describe(found)}`;
    }
    case 'invalid_value':
      return `expected ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}`;
    case 'too_small':
      return `expected ${issue.origin === 'string' ? 'length ' : ''}>= ${String(issue.minimum)}`;
    case 'too_big':
      return `expected ${issue.origin === 'string' ? 'length ' : ''}<= ${String(issue.maximum)}`;
    case 'invalid_format':
      return issue.message && issue.message !== 'Invalid input'
        ? issue.message
        : `expected ${issue.format}`;
    default:
      return issue.message;
  }
}

function check(problems: StateProblem[], ok: boolean, path: Path, message: string): void {
  if (!ok) problems.push({ path, message });
}

/**
 * What the state machine assumes across records: each record stored under its own code, and the
 * records it follows without a guard (`attendance.ts`, `sso.ts`, `run-sandbox-cli.ts`) exist.
 */
function consistencyProblems(state: SandboxState): StateProblem[] {
  const problems: StateProblem[] = [];
  const { fixtures } = state;
  check(
    problems,
    fixtures.platforms.length > 0,
    ['fixtures', 'platforms'],
    'expected at least one DP',
  );
  check(
    problems,
    fixtures.providers.length > 0,
    ['fixtures', 'providers'],
    'expected at least one LP',
  );
  for (const [name, role] of [
    ['platforms', 'dp'],
    ['providers', 'lp'],
  ] as const) {
    fixtures[name].forEach((client, index) => {
      check(
        problems,
        client.role === role,
        ['fixtures', name, index, 'role'],
        `expected "${role}"`,
      );
    });
  }
  const keyed = (
    name: 'paymentTokens' | 'transactions' | 'redeemCodes' | 'verifications' | 'webhooks',
    field: string,
  ) => {
    for (const [key, record] of Object.entries(state[name])) {
      const value = (record as unknown as Record<string, unknown>)[field];
      check(
        problems,
        value === key,
        [name, key, field],
        `expected ${JSON.stringify(key)}, the key it is stored under`,
      );
    }
  };
  keyed('paymentTokens', 'token');
  keyed('transactions', 'transactionCode');
  keyed('redeemCodes', 'redeemCode');
  keyed('verifications', 'state');
  keyed('webhooks', 'id');
  for (const [key, transaction] of Object.entries(state.transactions)) {
    check(
      problems,
      state.redeemCodes[transaction.redeemCode]?.transactionCode === key,
      ['transactions', key, 'redeemCode'],
      `expected a redeem code of state.redeemCodes whose transactionCode is ${JSON.stringify(key)}`,
    );
  }
  for (const [key, record] of Object.entries(state.redeemCodes)) {
    check(
      problems,
      state.transactions[record.transactionCode]?.redeemCode === key,
      ['redeemCodes', key, 'transactionCode'],
      `expected a transaction of state.transactions whose redeemCode is ${JSON.stringify(key)}`,
    );
  }
  for (const [key, verification] of Object.entries(state.verifications)) {
    check(
      problems,
      Object.hasOwn(state.redeemCodes, verification.redeemCode),
      ['verifications', key, 'redeemCode'],
      'expected a redeem code of state.redeemCodes',
    );
  }
  const participants = new Set(fixtures.participants.map((item) => item.prakerja_id));
  for (const name of ['ssoCodes', 'accessTokens', 'refreshTokens'] as const) {
    for (const [key, grant] of Object.entries(state[name])) {
      check(
        problems,
        participants.has(grant.prakerjaId),
        [name, key, 'prakerjaId'],
        'expected a participant of state.fixtures.participants',
      );
    }
  }
  return problems;
}

/**
 * Validates an imported sandbox state (as exported by `GET /__sandbox/state`) deeply and returns
 * the validated copy (unknown fields dropped). Throws a 400 {@link ControlFailure} naming the
 * first problem, e.g. `not a sandbox state: state.transactions.X.amount: expected number,
 * received string`.
 */
export function parseSandboxState(value: unknown): SandboxState {
  const result = z.safeParse(stateSchema, value);
  const issue = result.error?.issues[0];
  const problem: StateProblem | undefined = issue
    ? { path: issue.path, message: issueMessage(issue, value) }
    : result.data && consistencyProblems(result.data)[0];
  if (problem || !result.data) {
    throw new ControlFailure(
      `not a sandbox state: ${formatStatePath(problem?.path ?? [])}: ${problem?.message ?? 'invalid'}` +
        ' (expected the JSON of GET /__sandbox/state)',
    );
  }
  return result.data;
}

// Compile-time: each schema's output and its interface are assignable both ways, so neither can
// gain, lose or change a field without the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
/** Fails to compile when a schema and the type it validates drift apart. */
export type StateSchemaInSync = [
  Holds<Same<z.infer<typeof clientSchema>, SandboxClient>>,
  Holds<Same<z.infer<typeof participantSchema>, SandboxParticipant>>,
  Holds<Same<z.infer<typeof courseSchema>, SandboxCourse>>,
  Holds<Same<z.infer<typeof scheduleSchema>, SandboxSchedule>>,
  Holds<Same<z.infer<typeof fixtureRedeemCodeSchema>, SandboxRedeemCode>>,
  Holds<Same<z.infer<typeof fixturesSchema>, SandboxFixtures>>,
  Holds<Same<z.infer<typeof paymentTokenSchema>, PaymentTokenRecord>>,
  Holds<Same<z.infer<typeof smsSchema>, SmsMessage>>,
  Holds<Same<z.infer<typeof transactionSchema>, TransactionRecord>>,
  Holds<Same<z.infer<typeof attendanceSchema>, AttendanceRecord>>,
  Holds<Same<z.infer<typeof redeemCodeSchema>, RedeemCodeRecord>>,
  Holds<Same<z.infer<typeof verificationSchema>, VerificationRecord>>,
  Holds<Same<z.infer<typeof assignmentSchema>, AssignmentRecord>>,
  Holds<Same<z.infer<typeof ssoGrantSchema>, SsoGrant>>,
  Holds<Same<z.infer<typeof eventSchema>, SandboxEvent>>,
  Holds<Same<z.infer<typeof webhookSchema>, WebhookEndpoint>>,
  Holds<Same<z.infer<typeof deliveryAttemptSchema>, DeliveryAttempt>>,
  Holds<Same<z.infer<typeof deliverySchema>, DeliveryRecord>>,
  Holds<Same<z.infer<typeof faultSchema>, FaultRecord>>,
  Holds<Same<z.infer<typeof stateSchema>, SandboxState>>,
];
