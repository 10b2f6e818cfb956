// What `ProgramApiError` knows at run time, and so what every client bundle carries (issue 18):
// the seven codes the program documents, the meaning of an error status, the 401 fix, and where
// the explanation of any other code is published. The full catalogue (assumed `SBX_…` codes, the
// Indonesian messages) lives in program-error-codes.ts, out of the client bundles.

/** The seven program error codes the program's readable docs list (program-api.md §5). */
export type DocumentedProgramErrorCode =
  | 'ERRPLT40036'
  | 'ERRPLT40028'
  | 'ERRVOD40001'
  | 'ERROAUTH4024'
  | 'ERROAUTH4029'
  | 'ERROAUTH4030'
  | 'ERROAUTH4031';

/** What `describeProgramError` (and `ProgramApiError`) knows about an error answer. */
export interface ProgramErrorDescription {
  /** The English meaning: from the catalogue for a known code, else from the HTTP status. */
  meaning: string | undefined;
  /** True only for the seven codes the program documents. */
  documented: boolean;
  /** What to change on your side, when known. */
  fix: string | undefined;
  /** The code's entry in the published error-code guide; `undefined` without a code. */
  docUrl: string | undefined;
}

/**
 * The published error-code guide (docs/guides/error-codes.md on the docs site). Each code the
 * SDK knows has an anchor named after it (`#SBX_GEN40101`); other codes go to `#unknown-codes`.
 */
export const ERROR_CODES_GUIDE_URL =
  'https://prakerja-kit.github.io/prakerja-kit/documents/Error_codes.html';

/** Meaning and fix of the documented codes: their one home (the catalogue reads them here). */
export const DOCUMENTED_PROGRAM_ERRORS: Readonly<
  Record<DocumentedProgramErrorCode, { meaning: string; fix: string }>
> = {
  ERRPLT40036: {
    meaning: 'course_code or schedule_code is empty',
    fix: 'pass both courseCode and scheduleCode',
  },
  ERRPLT40028: {
    meaning: 'the transaction was already voided',
    fix: 'nothing to undo: the purchase is already voided (check with payments.retrieve); do not void again',
  },
  ERRVOD40001: {
    meaning: 'transaction code not found',
    fix: 'pass the transactionCode returned by payments.authorize or payments.retrieve (not the invoice code)',
  },
  ERROAUTH4024: {
    meaning: 'no client id in the request context (X-Client-Id missing or unknown)',
    fix: 'send the X-Client-Id header with your client_code (the provider client does this; check sso.clientId)',
  },
  ERROAUTH4029: {
    meaning: 'OAuth client id not found',
    fix: 'use the client id Prakerja registered for your SSO (sso.clientId, by default PRAKERJA_CLIENT_CODE)',
  },
  ERROAUTH4030: {
    meaning: 'no user in the request context (access token missing or invalid)',
    fix: 'send a valid access token: exchange the code again, or refresh it (sso.refreshToken, or a token manager) before it expires',
  },
  ERROAUTH4031: {
    meaning: 'OAuth authorization code not found',
    fix: 'exchange each authorization code once, right after the redirect; start the login again for a new one',
  },
};

/** The fix of any HTTP 401 (production's codes for a refused signature are unknown). */
export const FIX_SIGNATURE =
  'check PRAKERJA_SIGN_KEY (the exact key, no quotes or whitespace around it) and the clock (timestamp is Unix seconds; see clock.correctSkew); run `prakerja doctor` to test the credentials';

const STATUS_MEANINGS: Readonly<Record<number, string>> = {
  401: 'the program did not accept the credentials (signature, client code or timestamp)',
  403: 'this client may not call this endpoint',
  404: 'not found',
  408: 'the program timed out waiting for the request',
  413: 'the body is too large',
  429: 'too many requests',
};

/** The English meaning of an error status, when it has one. */
export function statusMeaning(status: number): string | undefined {
  return (
    STATUS_MEANINGS[status] ??
    (status >= 500 ? 'the program failed while handling the request' : undefined)
  );
}

/** True for the seven codes the program documents. */
export function isDocumentedProgramErrorCode(code: unknown): code is DocumentedProgramErrorCode {
  return typeof code === 'string' && Object.hasOwn(DOCUMENTED_PROGRAM_ERRORS, code);
}

/**
 * The URL of `code`'s entry in the published error-code guide: its own anchor for a documented
 * code or an `SBX_…` code (the sandbox's), the guide's section on unknown codes for any other.
 * `undefined` without a code.
 *
 * @example
 * programErrorDocUrl('SBX_GEN40101');
 * // 'https://prakerja-kit.github.io/prakerja-kit/documents/Error_codes.html#SBX_GEN40101'
 */
export function programErrorDocUrl(code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  const known = isDocumentedProgramErrorCode(code) || /^SBX_[A-Z]+\d+$/.test(code);
  return `${ERROR_CODES_GUIDE_URL}#${known ? code : 'unknown-codes'}`;
}

/**
 * What `ProgramApiError` says about an error answer: the documented codes' meaning and fix, else
 * the status's meaning and, for any 401, the signature fix. The full text of an assumed code is
 * `describeProgramError(code, status)`.
 */
export function describeDocumentedError(
  code: string | undefined,
  status: number,
): ProgramErrorDescription {
  const info = isDocumentedProgramErrorCode(code) ? DOCUMENTED_PROGRAM_ERRORS[code] : undefined;
  return {
    meaning: info?.meaning ?? statusMeaning(status),
    documented: info !== undefined,
    fix: status === 401 ? FIX_SIGNATURE : info?.fix,
    docUrl: programErrorDocUrl(code),
  };
}
