// Builds the OpenAPI 3.1 description of the program API from the schemas the clients parse
// answers with (issue 20). The wire REQUEST bodies are the small explicit mapping below (the
// clients' params schemas are camelCase); the contract check validates every request the
// integration suites send against it, so a renamed field fails a test.
import {
  PRODUCTION_BASE_URL,
  PRODUCTION_SSO_BASE_URL,
  PROGRAM_ERRORS,
  ProgramErrorCode,
  ProgramPath,
} from '@prakerja-kit/core';
import {
  errorEnvelopeSchema,
  looseAmountSchema,
  looseInvoiceCodeSchema,
} from '@prakerja-kit/core/internal';
import * as z from '@prakerja-kit/core/internal/schema';
import {
  paymentWireSchema,
  sendOtpWireSchema,
} from '../../packages/platform/src/schemas/payment.js';
import { quotaWireSchema } from '../../packages/platform/src/schemas/quota.js';
import {
  submissionRecordSchema,
  submissionStatusDataSchema,
} from '../../packages/provider/src/schemas/assignments.js';
import {
  attendanceStatusSchema,
  redeemCommitSchema,
  verificationUrlSchema,
} from '../../packages/provider/src/schemas/attendance.js';
import { looseIntSchema } from '../../packages/provider/src/schemas/common.js';
import {
  ssoLoginUrlSchema,
  ssoProfileSchema,
  ssoTokenWireSchema,
} from '../../packages/provider/src/schemas/sso.js';
import { toJsonSchema } from './to-json-schema.js';

type Json = Record<string, unknown>;

/** JSON Schemas of the `z.custom` checks the wire schemas use (no converter can see inside them). */
const CUSTOM_SCHEMAS = new Map<unknown, Json>([
  [
    looseAmountSchema,
    {
      anyOf: [{ type: 'number' }, { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?\\s*$' }],
      description: 'Rupiah amount: a number or a numeric string (program-api.md §4.4, UNCERTAIN).',
    },
  ],
  [
    looseInvoiceCodeSchema,
    {
      anyOf: [{ type: 'string' }, { type: 'integer' }],
      description: 'A string or an integer (program-api.md §4.3, UNCERTAIN).',
    },
  ],
  [
    looseIntSchema,
    { anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^\\s*-?\\d+\\s*$' }] },
  ],
]);

const PROBES: ReadonlyArray<[string, unknown]> = [
  ['string', 'abc'],
  ['string', '12'],
  ['integer', 12],
  ['number', 1.5],
  ['boolean', true],
  ['null', null],
  ['object', {}],
  ['array', []],
];

/**
 * The JSON types a `z.custom` check accepts, found by running it on one sample of each type (a
 * superset of what it accepts: patterns inside a type are not recovered).
 */
function probeCustom(schema: unknown): Json {
  const types = new Set<string>();
  for (const [type, value] of PROBES) {
    if (z.safeParse(schema as z.AnySchema, value).success) types.add(type);
  }
  if (types.has('number')) types.delete('integer');
  const list = [...types];
  return list.length === 1 ? { type: list[0] } : { type: list };
}

/** A wire schema as JSON Schema (2020-12 dialect, the OpenAPI 3.1 default), `$schema` dropped. */
export function wire(schema: unknown): Json {
  return toJsonSchema(schema as z.AnySchema, {
    override: (inner) =>
      CUSTOM_SCHEMAS.get(inner) ?? (inner.def.kind === 'custom' ? probeCustom(inner) : undefined),
  });
}

// ---- Request bodies on the wire (the clients map camelCase params to these names). ----------
const str = z.string();
const int = z.number();
/** Exactly the fields each client sends (checked against real requests by the contract test). */
export const REQUEST_BODIES: Readonly<Record<string, z.AnySchema>> = {
  [ProgramPath.QUOTA_SCHEDULE]: z.strictObject({ course_code: str, schedule_code: str }),
  [ProgramPath.SEND_OTP]: z.strictObject({
    prakerja_id: str,
    user_platform_id: str,
    course_code: str,
    schedule_code: str,
    amount: z.number(),
  }),
  [ProgramPath.AUTHORIZE]: z.strictObject({ otp: str, invoice_url: str, invoice_code: str }),
  [ProgramPath.PAYMENT_STATUS]: z.strictObject({ invoice_code: str }),
  [ProgramPath.VOID]: z.strictObject({ invoice_code: str, transaction_code: str }),
  [ProgramPath.URL_GENERATE]: z.strictObject({
    redeem_code: str,
    redirect_uri: str,
    email: str,
    sequence: int,
  }),
  [ProgramPath.REDEEM_STATUS]: z.strictObject({ redeem_code: str, sequence: int }),
  [ProgramPath.REDEEM_RESET]: z.strictObject({ redeem_code: str }),
  [ProgramPath.REDEEM_COMMIT]: z.strictObject({ redeem_code: str }),
  [ProgramPath.TPM_SUBMISSION]: z.strictObject({
    redeem_code: str,
    scope: z.enum(['tpm', 'uk']),
    sequence: int,
    url_file: str,
  }),
  [ProgramPath.TPM_FEEDBACK]: z.strictObject({
    redeem_code: str,
    scope: z.enum(['tpm', 'uk']),
    sequence: int,
    notes: str,
    url_file: z.optional(str),
  }),
  [ProgramPath.TPM_STATUS]: z.strictObject({
    redeem_code: str,
    scope: z.enum(['tpm', 'uk']),
    sequence: int,
  }),
  // The refresh page's curl posts `{ token }` here too (program-api.md §4.15, UNCERTAIN).
  [ProgramPath.SSO_TOKEN]: z.union([z.strictObject({ code: str }), z.strictObject({ token: str })]),
  [ProgramPath.SSO_REFRESH]: z.strictObject({ token: str }),
};

// ---- Operations. ---------------------------------------------------------------------------
type Auth = 'integration' | 'integration+payment' | 'sso-signed' | 'sso-client' | 'sso-bearer';

interface Operation {
  path: string;
  method: 'get' | 'post';
  operationId: string;
  summary: string;
  section: string;
  source: string;
  role: 'dp' | 'lp';
  auth: Auth;
  /** `data` of the success answer. */
  data: unknown;
  /** UNCERTAIN points of the endpoint (program-api.md), as `x-prakerja-uncertain`. */
  uncertain: string[];
  /** `data` may be `null` (e.g. "Data tidak ditemukan", program-api.md §4.4 UNCERTAIN). */
  nullableData?: boolean;
  /** `data` may be absent (void answers with a message only). */
  optionalData?: boolean;
  errors: ProgramErrorCode[];
}

const C = ProgramErrorCode;
const GENERAL = [
  C.MISSING_AUTH_HEADER,
  C.MALFORMED_BODY,
  C.INVALID_FIELD,
  C.INVALID_SIGNATURE,
  C.UNKNOWN_CLIENT,
  C.TIMESTAMP_OUT_OF_WINDOW,
  C.FORBIDDEN_FOR_CLIENT,
  C.PAYLOAD_TOO_LARGE,
  C.RATE_LIMITED,
  C.INTERNAL,
];
const SSO_GENERAL = [
  C.OAUTH_CONTEXT_CLIENT_ID_NOT_FOUND,
  C.OAUTH_CLIENT_ID_NOT_FOUND,
  C.MISSING_AUTH_HEADER,
  C.MALFORMED_BODY,
  C.INVALID_FIELD,
  C.INTERNAL,
];

export const OPERATIONS: readonly Operation[] = [
  {
    path: ProgramPath.QUOTA_SCHEDULE,
    method: 'post',
    operationId: 'quotaSchedule',
    summary: 'Remaining seats of a schedule',
    section: '§4.1',
    source: '[DOC]',
    uncertain: ['quota as a number or a numeric string'],
    role: 'dp',
    auth: 'integration',
    data: quotaWireSchema,
    errors: [
      ...GENERAL,
      C.COURSE_OR_SCHEDULE_EMPTY,
      C.COURSE_NOT_FOUND,
      C.SCHEDULE_NOT_FOUND,
      C.SCHEDULE_COURSE_MISMATCH,
    ],
  },
  {
    path: ProgramPath.SEND_OTP,
    method: 'post',
    operationId: 'sendOtp',
    summary: 'Send the purchase OTP to the buyer',
    section: '§4.2',
    source: '[DOC]',
    uncertain: [
      'the response schema is not readable: payment_token or token, expired_at present or absent',
    ],
    role: 'dp',
    auth: 'integration',
    data: sendOtpWireSchema,
    errors: [
      ...GENERAL,
      C.COURSE_OR_SCHEDULE_EMPTY,
      C.PARTICIPANT_NOT_FOUND,
      C.COURSE_NOT_FOUND,
      C.SCHEDULE_NOT_FOUND,
      C.SCHEDULE_COURSE_MISMATCH,
      C.COURSE_ALREADY_STARTED,
      C.QUOTA_FULL,
      C.AGE_NOT_ELIGIBLE,
      C.EDUCATION_NOT_ELIGIBLE,
      C.AMOUNT_MISMATCH,
      C.INSUFFICIENT_BALANCE,
    ],
  },
  {
    path: ProgramPath.AUTHORIZE,
    method: 'post',
    operationId: 'authorizePayment',
    summary: 'Authorize a purchase with the OTP',
    section: '§4.3',
    source: '[DOC]',
    uncertain: [
      'invoice_code as string or integer, amount as number or numeric string',
      'whether Authorization is inside the signature (§3)',
    ],
    role: 'dp',
    auth: 'integration+payment',
    data: paymentWireSchema,
    errors: [
      ...GENERAL,
      C.PAYMENT_TOKEN_INVALID,
      C.PAYMENT_TOKEN_USED,
      C.PAYMENT_TOKEN_EXPIRED,
      C.WRONG_OTP,
      C.INVOICE_ALREADY_USED,
      C.INSUFFICIENT_BALANCE,
    ],
  },
  {
    path: ProgramPath.PAYMENT_STATUS,
    method: 'post',
    operationId: 'paymentStatus',
    summary: 'Status of a purchase by invoice code',
    section: '§4.4',
    source: '[DOC]',
    uncertain: [
      'the voided status string (VOID, VOIDED, CANCELLED, CANCELED)',
      'an unknown invoice: 4xx error, HTTP 404, or 200 with data null',
    ],
    role: 'dp',
    auth: 'integration',
    data: paymentWireSchema,
    nullableData: true,
    errors: [...GENERAL, C.INVOICE_NOT_FOUND],
  },
  {
    path: ProgramPath.VOID,
    method: 'post',
    operationId: 'voidPayment',
    summary: 'Void a purchase',
    section: '§4.5',
    source: '[DOC]',
    uncertain: [],
    role: 'dp',
    auth: 'integration',
    data: z.unknown(),
    optionalData: true,
    errors: [...GENERAL, C.TRANSACTION_NOT_FOUND, C.TRANSACTION_ALREADY_VOIDED],
  },
  {
    path: ProgramPath.URL_GENERATE,
    method: 'post',
    operationId: 'generateVerificationUrl',
    summary: 'URL of the program page that verifies a redeem code or an attendance',
    section: '§4.6',
    source: '[DOC]',
    uncertain: [],
    role: 'lp',
    auth: 'integration',
    data: verificationUrlSchema,
    errors: [
      ...GENERAL,
      C.INVALID_SEQUENCE,
      C.REDIRECT_URI_NOT_REGISTERED,
      C.REDEEM_CODE_NOT_FOUND,
      C.REDEEM_CODE_OTHER_PROVIDER,
      C.REDEEM_CODE_CANCELLED,
      C.REDEEM_OUTSIDE_WINDOW,
      C.REDEEM_CODE_ALREADY_USED,
      C.PREVIOUS_SEQUENCE_NOT_VERIFIED,
      C.EMAIL_ALREADY_USED,
    ],
  },
  {
    path: ProgramPath.REDEEM_STATUS,
    method: 'post',
    operationId: 'redeemCodeStatus',
    summary: 'Redeem and attendance status of a redeem code',
    section: '§4.7',
    source: '[DOC]',
    uncertain: ['attendance_status 0/1 or 0/1/2; redeem status values'],
    role: 'lp',
    auth: 'integration',
    data: attendanceStatusSchema,
    errors: [
      ...GENERAL,
      C.INVALID_SEQUENCE,
      C.REDEEM_CODE_NOT_FOUND,
      C.REDEEM_CODE_OTHER_PROVIDER,
      C.REDEEM_CODE_CANCELLED,
    ],
  },
  {
    path: ProgramPath.REDEEM_RESET,
    method: 'post',
    operationId: 'resetRedeemCode',
    summary: 'Reset a test redeem code (sandbox / PRAT- codes only)',
    section: '§4.8',
    source: '[DOC]',
    uncertain: ['reset message text and data'],
    role: 'lp',
    auth: 'integration',
    data: attendanceStatusSchema,
    nullableData: true,
    optionalData: true,
    errors: [
      ...GENERAL,
      C.RESET_NOT_ALLOWED,
      C.REDEEM_CODE_NOT_FOUND,
      C.REDEEM_CODE_CANCELLED,
      C.REDEEM_CODE_OTHER_PROVIDER,
    ],
  },
  {
    path: ProgramPath.REDEEM_COMMIT,
    method: 'post',
    operationId: 'commitRedeemCode',
    summary: 'Legacy redeem commit (superseded by url-generate)',
    section: '§4.17',
    source: '[EX]',
    uncertain: ['legacy endpoint; may be gone'],
    role: 'lp',
    auth: 'integration',
    data: redeemCommitSchema,
    nullableData: true,
    optionalData: true,
    errors: [
      ...GENERAL,
      C.REDEEM_CODE_NOT_FOUND,
      C.REDEEM_CODE_CANCELLED,
      C.REDEEM_CODE_OTHER_PROVIDER,
      C.REDEEM_CODE_ALREADY_USED,
      C.NOT_FOUND,
    ],
  },
  {
    path: ProgramPath.TPM_SUBMISSION,
    method: 'post',
    operationId: 'submitAssignment',
    summary: 'Submit a participant assignment (TPM or UK)',
    section: '§4.9',
    source: '[INT]',
    uncertain: [],
    role: 'lp',
    auth: 'integration',
    data: submissionRecordSchema,
    nullableData: true,
    optionalData: true,
    errors: [
      ...GENERAL,
      C.INVALID_SCOPE,
      C.INVALID_SCOPE_SEQUENCE,
      C.REDEEM_CODE_NOT_REDEEMED,
      C.REDEEM_CODE_NOT_FOUND,
      C.REDEEM_CODE_CANCELLED,
    ],
  },
  {
    path: ProgramPath.TPM_FEEDBACK,
    method: 'post',
    operationId: 'submitFeedback',
    summary: 'Send the LP grading notes on a submission (no verdict)',
    section: '§4.10',
    source: '[DOC]',
    uncertain: [],
    role: 'lp',
    auth: 'integration',
    data: submissionRecordSchema,
    nullableData: true,
    optionalData: true,
    errors: [
      ...GENERAL,
      C.INVALID_SCOPE,
      C.INVALID_SCOPE_SEQUENCE,
      C.SUBMISSION_NOT_FOUND,
      C.REDEEM_CODE_NOT_FOUND,
      C.REDEEM_CODE_CANCELLED,
    ],
  },
  {
    path: ProgramPath.TPM_STATUS,
    method: 'post',
    operationId: 'submissionStatus',
    summary: 'Status of a submission and its feedback (the program verdict)',
    section: '§4.11',
    source: '[DOC]',
    uncertain: ['submission status values beyond 0-3'],
    role: 'lp',
    auth: 'integration',
    data: submissionStatusDataSchema,
    errors: [
      ...GENERAL,
      C.INVALID_SCOPE,
      C.INVALID_SCOPE_SEQUENCE,
      C.REDEEM_CODE_NOT_FOUND,
      C.REDEEM_CODE_NOT_REDEEMED,
      C.SUBMISSION_NOT_FOUND,
    ],
  },
  {
    path: ProgramPath.SSO_AUTHORIZE,
    method: 'get',
    operationId: 'ssoLoginUrl',
    summary: 'SSO login URL (redirect_url to the consent page)',
    section: '§4.13',
    source: '[DOC]',
    uncertain: ['whether the signature covers the query (§3, SSO authentication)'],
    role: 'lp',
    auth: 'sso-signed',
    data: ssoLoginUrlSchema,
    errors: [
      ...SSO_GENERAL,
      C.INVALID_SIGNATURE,
      C.TIMESTAMP_OUT_OF_WINDOW,
      C.OAUTH_REDIRECT_URI_MISMATCH,
    ],
  },
  {
    path: ProgramPath.SSO_TOKEN,
    method: 'post',
    operationId: 'ssoToken',
    summary: 'Exchange an SSO authorization code for tokens',
    section: '§4.14',
    source: '[DOC]',
    uncertain: ['the refresh page posts { token } to this path (§4.15)'],
    role: 'lp',
    auth: 'sso-client',
    data: ssoTokenWireSchema,
    errors: [...SSO_GENERAL, C.OAUTH_AUTH_CODE_NOT_FOUND, C.OAUTH_REFRESH_TOKEN_INVALID],
  },
  {
    path: ProgramPath.SSO_REFRESH,
    method: 'post',
    operationId: 'ssoRefresh',
    summary: 'Refresh SSO tokens',
    section: '§4.15',
    source: 'UNCERTAIN',
    uncertain: ['refresh path /oauth/token/refresh or /oauth/token'],
    role: 'lp',
    auth: 'sso-client',
    data: ssoTokenWireSchema,
    errors: [...SSO_GENERAL, C.OAUTH_REFRESH_TOKEN_INVALID, C.NOT_FOUND],
  },
  {
    path: ProgramPath.SSO_PROFILE,
    method: 'get',
    operationId: 'ssoUserProfile',
    summary: 'Profile of the signed-in participant',
    section: '§4.16',
    source: '[DOC]',
    uncertain: [],
    role: 'lp',
    auth: 'sso-bearer',
    data: ssoProfileSchema,
    errors: [...SSO_GENERAL, C.OAUTH_CONTEXT_USER_ID_NOT_FOUND, C.OAUTH_ACCESS_TOKEN_EXPIRED],
  },
];

const header = (name: string, description: string, schema: Json = { type: 'string' }) => ({
  name,
  in: 'header',
  required: true,
  description,
  schema,
});

function parameters(auth: Auth): Json[] {
  if (auth === 'integration' || auth === 'integration+payment') {
    return [
      header('client_code', 'Your client code (note the underscore).'),
      header(
        'signature',
        'Lower-case hex HMAC-SHA1 of raw_signature (program-api.md §3); see docs/guides/signing.md.',
        { type: 'string', pattern: '^[0-9a-fA-F]{40}$' },
      ),
      header('timestamp', 'Unix time in seconds (UTC).', { type: 'string', pattern: '^\\d+$' }),
    ];
  }
  const clientId = header('X-Client-Id', 'Your SSO client id (the client code).');
  if (auth === 'sso-signed') {
    return [
      clientId,
      header(
        'X-Signature',
        'Signature of the login-URL call (program-api.md §3, SSO authentication); see docs/guides/signing.md.',
      ),
      header('X-Timestamp', 'Unix time in seconds (UTC).'),
    ];
  }
  return [clientId];
}

function security(auth: Auth): Json[] {
  switch (auth) {
    case 'integration':
      return [{ clientCode: [], programSignature: [], programTimestamp: [] }];
    case 'integration+payment':
      return [{ clientCode: [], programSignature: [], programTimestamp: [], paymentToken: [] }];
    case 'sso-signed':
      return [{ ssoClientId: [], ssoSignature: [], ssoTimestamp: [] }];
    case 'sso-client':
      return [{ ssoClientId: [] }];
    case 'sso-bearer':
      return [{ ssoClientId: [], ssoAccessToken: [] }];
  }
}

function successEnvelope(op: Operation): Json {
  let data = wire(op.data);
  if (op.nullableData) data = { anyOf: [data, { type: 'null' }] };
  const sso = op.auth.startsWith('sso');
  return {
    type: 'object',
    properties: {
      success: { const: true },
      message: { type: 'string' },
      ...(sso ? { errorCode: { type: ['string', 'number'] } } : {}),
      data,
    },
    required: op.optionalData ? ['success'] : ['success', 'data'],
    additionalProperties: {},
  };
}

function errorCodes(op: Operation) {
  return [...new Set(op.errors)].map((code) => ({
    code,
    status: PROGRAM_ERRORS[code].status,
    documented: PROGRAM_ERRORS[code].documented,
    meaning: PROGRAM_ERRORS[code].meaning,
  }));
}

function operation(op: Operation): Json {
  const body = REQUEST_BODIES[op.path];
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: `program-api.md ${op.section}. Source: ${op.source}. Role: ${op.role === 'dp' ? 'Digital Platform (DP)' : 'Learning Provider (LP)'}.`,
    tags: [
      op.role === 'dp'
        ? 'Digital Platform'
        : op.auth.startsWith('sso')
          ? 'SSO'
          : 'Learning Provider',
    ],
    'x-prakerja-source': op.source,
    'x-prakerja-reference': `docs/program-api.md ${op.section}`,
    'x-prakerja-role': op.role,
    'x-prakerja-uncertain': op.uncertain,
    'x-prakerja-error-codes': errorCodes(op),
    parameters: parameters(op.auth),
    security: security(op.auth),
    ...(body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: wire(body) } },
          },
        }
      : {}),
    responses: {
      '200': {
        description:
          'Success envelope. Undocumented extra fields may appear in the envelope and in data (UNCERTAIN).',
        content: { 'application/json': { schema: successEnvelope(op) } },
      },
      '4XX': {
        description:
          'Error envelope. Every documented example answers 400; 401/403/404/409/422 are plausible (UNCERTAIN, program-api.md §5). `code` may be absent. See x-prakerja-error-codes.',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
      },
      '5XX': {
        description: 'Server error; the outcome of a write is unknown until read back.',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
      },
    },
  };
}

const SIGNING = 'See docs/guides/signing.md (program-api.md §3).';

/** The OpenAPI 3.1 document. */
export function buildProgramApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) {
    const item = paths[op.path] ?? {};
    paths[op.path] = item;
    item[op.method] = operation(op);
    if (op.auth.startsWith('sso')) {
      item['servers'] = [
        { url: PRODUCTION_SSO_BASE_URL, description: 'Production SSO (api-proxy)' },
        {
          url: 'http://127.0.0.1:{port}',
          description: 'prakerja-kit sandbox',
          variables: { port: { default: '4010' } },
        },
      ];
    }
  }
  // The envelope's literal and code checks are `z.custom` (opaque to the converter).
  const errorEnvelope = wire(errorEnvelopeSchema);
  const props = errorEnvelope['properties'] as Record<string, Json>;
  props['success'] = { const: false };
  props['code'] = {
    type: ['string', 'number'],
    description: 'Error code; may be absent (UNCERTAIN). See x-prakerja-error-codes.',
  };
  props['errorCode'] = { type: ['string', 'number'], description: 'SSO form of the code.' };
  errorEnvelope['description'] =
    'Error answer: `{ code, message, success: false }`, or the SSO form with `errorCode` (program-api.md §5).';
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kartu Prakerja program API (as described by prakerja-kit)',
      version: '1.0.0',
      summary: 'Integration and SSO endpoints for Digital Platforms and Learning Providers.',
      description:
        'Generated from the schemas the prakerja-kit clients parse answers with (scripts/openapi/program-api.ts); it cannot drift from them. Not published by the program: `x-prakerja-source` marks each operation [DOC] (documented), [EX] (from an example), [INT] (interpreted) or UNCERTAIN, and `x-prakerja-error-codes` marks each code `documented: true|false` (assumed codes carry the SBX_ prefix). Reference: docs/program-api.md.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [
      { url: PRODUCTION_BASE_URL, description: 'Production' },
      {
        url: 'http://127.0.0.1:{port}',
        description: 'prakerja-kit sandbox (`pnpm sandbox`)',
        variables: { port: { default: '4010' } },
      },
    ],
    tags: [
      { name: 'Digital Platform', description: 'Purchases (DP credentials).' },
      {
        name: 'Learning Provider',
        description: 'Redeem, attendance and assignments (LP credentials).',
      },
      { name: 'SSO', description: 'Prakerja SSO for LPs.' },
    ],
    'x-prakerja-signing-guide': 'docs/guides/signing.md',
    paths,
    components: {
      schemas: { ErrorEnvelope: errorEnvelope },
      securitySchemes: {
        clientCode: {
          type: 'apiKey',
          in: 'header',
          name: 'client_code',
          description: `Client code, sent with every integration call. ${SIGNING}`,
        },
        programSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'signature',
          description: `Program signature: lowercase_hex(HMAC_SHA1(sign_key, client_code + timestamp + METHOD + path + body)), body being the exact bytes sent. Sent together with client_code and timestamp. ${SIGNING}`,
        },
        programTimestamp: {
          type: 'apiKey',
          in: 'header',
          name: 'timestamp',
          description: `Unix seconds, part of the signed string. ${SIGNING}`,
        },
        paymentToken: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description:
            '`Payment <payment_token>` from send-otp (program-api.md §4.3). Whether it is inside raw_signature is UNCERTAIN (§3).',
        },
        ssoClientId: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Client-Id',
          description: 'SSO client id (program-api.md §3, SSO authentication).',
        },
        ssoSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Signature',
          description: `SSO signature of the login-URL call. ${SIGNING}`,
        },
        ssoTimestamp: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Timestamp',
          description: 'Unix seconds.',
        },
        ssoAccessToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The SSO access token from create token (program-api.md §4.16).',
        },
      },
    },
  };
}
