import { PROGRAM_ERRORS, ProgramErrorCode, ProgramPath } from '@prakerja-kit/core';
import type { ProfileSwitches } from '../sandbox-profiles.js';
import type { Engine } from './engine.js';
import { jsonResponse } from './responses.js';

// The profile layer: one state machine, its answers mapped to the profile's variants here (and in
// authenticate.ts for what the signature check accepts). See the package README for the switches.

const DOCUMENTED = new Set<string>(
  Object.entries(PROGRAM_ERRORS)
    .filter(([, info]) => info.documented)
    .map(([code]) => code),
);

const C = ProgramErrorCode;

/** REST-style statuses of the `http` variant of `errorStatus`; other 4xx stay 400. */
const HTTP_STATUS: Partial<Record<ProgramErrorCode, number>> = {
  [C.MISSING_AUTH_HEADER]: 401,
  [C.INVALID_SIGNATURE]: 401,
  [C.UNKNOWN_CLIENT]: 401,
  [C.TIMESTAMP_OUT_OF_WINDOW]: 401,
  [C.FORBIDDEN_FOR_CLIENT]: 403,
  [C.REDEEM_CODE_OTHER_PROVIDER]: 403,
  [C.NOT_FOUND]: 404,
  [C.INVOICE_NOT_FOUND]: 404,
  [C.PARTICIPANT_NOT_FOUND]: 404,
  [C.COURSE_NOT_FOUND]: 404,
  [C.SCHEDULE_NOT_FOUND]: 404,
  [C.REDEEM_CODE_NOT_FOUND]: 404,
  [C.SUBMISSION_NOT_FOUND]: 404,
  [C.PAYMENT_TOKEN_USED]: 409,
  [C.INVOICE_ALREADY_USED]: 409,
  [C.REDEEM_CODE_ALREADY_USED]: 409,
  [C.EMAIL_ALREADY_USED]: 409,
  [C.INVALID_FIELD]: 422,
  [C.INVALID_SEQUENCE]: 422,
  [C.INVALID_SCOPE]: 422,
  [C.INVALID_SCOPE_SEQUENCE]: 422,
  [C.AMOUNT_MISMATCH]: 422,
};

/** FNV-1a: a stable opaque code per assumed code, so the same error keeps the same code. */
function opaqueCode(code: string): string {
  let hash = 0x811c9dc5;
  for (const char of code) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `OPQ${hash.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** The code the profile sends for `code` (undefined: no `code` field). Documented codes never change. */
export function profileErrorCode(switches: ProfileSwitches, code: string): string | undefined {
  if (DOCUMENTED.has(code)) return code;
  if (switches.errorCodes === 'opaque') return opaqueCode(code);
  if (switches.errorCodes === 'absent') return undefined;
  return code;
}

/** The HTTP status the profile sends for `code`. Documented codes, 413, 429 and 5xx never change. */
export function profileErrorStatus(switches: ProfileSwitches, code: ProgramErrorCode): number {
  const status = PROGRAM_ERRORS[code].status;
  if (DOCUMENTED.has(code) || status < 400 || status >= 500 || status === 413 || status === 429) {
    return status;
  }
  if (switches.errorStatus === 'always-400') return 400;
  if (switches.errorStatus === 'http') return HTTP_STATUS[code] ?? 400;
  return status;
}

function extraEnvelope(engine: Engine): Record<string, unknown> {
  return { request_id: engine.id('req_', 16), server_time: engine.isoNow() };
}

/**
 * The program's error envelope for `code` under the active profile: code and status mapped,
 * and for `payment/status` on an unknown invoice the `unknownInvoice` variant.
 */
export function profileErrorResponse(
  engine: Engine,
  code: ProgramErrorCode,
  headers: Record<string, string> = {},
  path?: string,
): Response {
  const switches = engine.profile;
  const extra = switches.extraFields === 'present' ? extraEnvelope(engine) : {};
  const message = PROGRAM_ERRORS[code].message;
  if (path === ProgramPath.PAYMENT_STATUS && code === C.INVOICE_NOT_FOUND) {
    if (switches.unknownInvoice === 'null-data') {
      return jsonResponse(
        { success: true, message: 'Data tidak ditemukan', data: null, ...extra },
        200,
        headers,
      );
    }
    if (switches.unknownInvoice === 'http-404') {
      const sent = profileErrorCode(switches, code);
      return jsonResponse(
        { ...(sent === undefined ? {} : { code: sent }), message, success: false, ...extra },
        404,
        headers,
      );
    }
  }
  const sent = profileErrorCode(switches, code);
  return jsonResponse(
    {
      ...(sent === undefined ? {} : { code: sent }),
      message,
      success: false,
      ...(switches.extraFields === 'present' ? { errors: null, ...extra } : {}),
    },
    profileErrorStatus(switches, code),
    headers,
  );
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const numericString = (value: unknown) => (typeof value === 'number' ? String(value) : value);

/** Maps the `data` of a successful program answer to the profile's variants. */
function shapeData(engine: Engine, path: string, data: Json): Json {
  const switches = engine.profile;
  const out: Json = { ...data };
  const amounts = switches.amounts === 'string';
  switch (path) {
    case ProgramPath.SEND_OTP: {
      if (switches.paymentTokenField === 'token') {
        out['token'] = out['payment_token'];
        delete out['payment_token'];
      }
      if (switches.tokenExpiry === 'absent') delete out['expired_at'];
      if (amounts) out['amount'] = numericString(out['amount']);
      break;
    }
    case ProgramPath.AUTHORIZE: {
      if (amounts) out['amount'] = numericString(out['amount']);
      const invoice = out['invoice_code'];
      if (
        switches.invoiceCode === 'integer' &&
        typeof invoice === 'string' &&
        /^[1-9]\d{0,14}$/.test(invoice)
      ) {
        out['invoice_code'] = Number(invoice);
      }
      break;
    }
    case ProgramPath.PAYMENT_STATUS: {
      if (amounts) out['amount'] = numericString(out['amount']);
      if (out['status'] === 'VOID') out['status'] = switches.voidedStatus;
      break;
    }
    case ProgramPath.REDEEM_STATUS:
    case ProgramPath.REDEEM_RESET: {
      if (switches.attendanceStatus === '0-1' && out['attendance_status'] === 2) {
        out['attendance_status'] = 0;
      }
      // A redeem code answers only while it is live (a voided one is refused): `active` says 1.
      if (switches.redeemStatus === 'active') out['status'] = 1;
      break;
    }
    case ProgramPath.TPM_STATUS: {
      const assignment = out['assignment'];
      const feedback = out['feedback'];
      if (
        switches.submissionStatus === 'with-4' &&
        isObject(assignment) &&
        isObject(feedback) &&
        assignment['status'] === 1 &&
        typeof feedback['status'] === 'number' &&
        feedback['status'] !== 0
      ) {
        // Submitted, reviewed by the LP, no verdict yet: a value outside the documented 0-3.
        out['assignment'] = { ...assignment, status: 4 };
      }
      break;
    }
  }
  if (switches.extraFields === 'present') {
    out['updated_at'] = engine.isoNow();
    out['meta'] = { source: 'prakerja-kit-sandbox', version: 1 };
  }
  return out;
}

/**
 * Maps a successful program answer (JSON envelope) to the active profile. Answers that are not
 * JSON objects, and error answers, pass through unchanged.
 */
export async function shapeSuccess(
  engine: Engine,
  path: string,
  response: Response,
): Promise<Response> {
  if (response.status !== 200) return response;
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) return response;
  const body: unknown = await response.clone().json();
  if (!isObject(body) || body['success'] !== true) return response;
  const switches = engine.profile;
  const out: Json = { ...body };
  if (isObject(out['data'])) out['data'] = shapeData(engine, path, out['data']);
  if (path === ProgramPath.REDEEM_RESET) out['message'] = switches.resetMessage;
  if (switches.extraFields === 'present') Object.assign(out, extraEnvelope(engine));
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(out), { status: 200, headers });
}
