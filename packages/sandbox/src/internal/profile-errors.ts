import { PROGRAM_ERRORS, ProgramErrorCode } from '@prakerja-kit/core';
import type { ProfileSwitches } from '../sandbox-profile-switches.js';

// How a profile maps program error codes and statuses; apart from profile-responses.ts so
// sandbox-profiles.ts can use it without importing the engine (no import cycle, issue 22).

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
