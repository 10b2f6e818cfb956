import { PROGRAM_ERRORS, ProgramErrorCode, ProgramPath } from '@prakerja-kit/core';
import type { Engine } from './engine.js';
import { profileErrorCode, profileErrorStatus } from './profile-errors.js';
import { jsonResponse } from './responses.js';

// The profile layer: one state machine, its answers mapped to the profile's variants here (and in
// authenticate.ts for what the signature check accepts). See the package README for the switches.

const C = ProgramErrorCode;

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
