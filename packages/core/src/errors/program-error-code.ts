// The names of the program error codes, apart from the catalogue (program-error-codes.ts): code
// that compares `error.code` with a name carries these strings only, not the catalogue's text.
/**
 * Program error codes known to the SDK, by a stable name.
 *
 * Only seven codes are documented by the program (`documented: true` in {@link PROGRAM_ERRORS}).
 * The others are the SDK's assumptions for errors the program documents only as prose or not at
 * all (the general error list and most per-endpoint lists are unreadable, program-api.md §5 and
 * §9). The sandbox answers with them; in production an unknown code still arrives intact on
 * `ProgramApiError.code`.
 */
export const ProgramErrorCode = {
  // Documented [DOC].
  COURSE_OR_SCHEDULE_EMPTY: 'ERRPLT40036',
  TRANSACTION_ALREADY_VOIDED: 'ERRPLT40028',
  TRANSACTION_NOT_FOUND: 'ERRVOD40001',
  OAUTH_CONTEXT_CLIENT_ID_NOT_FOUND: 'ERROAUTH4024',
  OAUTH_CLIENT_ID_NOT_FOUND: 'ERROAUTH4029',
  OAUTH_CONTEXT_USER_ID_NOT_FOUND: 'ERROAUTH4030',
  OAUTH_AUTH_CODE_NOT_FOUND: 'ERROAUTH4031',
  // Assumed: general errors (signature, client, timestamp, body).
  MISSING_AUTH_HEADER: 'SBX_GEN40001',
  MALFORMED_BODY: 'SBX_GEN40002',
  INVALID_FIELD: 'SBX_GEN40003',
  INVALID_SIGNATURE: 'SBX_GEN40101',
  UNKNOWN_CLIENT: 'SBX_GEN40102',
  TIMESTAMP_OUT_OF_WINDOW: 'SBX_GEN40103',
  FORBIDDEN_FOR_CLIENT: 'SBX_GEN40301',
  NOT_FOUND: 'SBX_GEN40401',
  PAYLOAD_TOO_LARGE: 'SBX_GEN41301',
  RATE_LIMITED: 'SBX_GEN42901',
  INTERNAL: 'SBX_GEN50001',
  // Assumed: send-otp validations the DP must map (program-api.md §4.2).
  SCHEDULE_NOT_FOUND: 'SBX_PLT40001',
  SCHEDULE_COURSE_MISMATCH: 'SBX_PLT40002',
  COURSE_ALREADY_STARTED: 'SBX_PLT40003',
  QUOTA_FULL: 'SBX_PLT40004',
  AGE_NOT_ELIGIBLE: 'SBX_PLT40005',
  EDUCATION_NOT_ELIGIBLE: 'SBX_PLT40006',
  INSUFFICIENT_BALANCE: 'SBX_PLT40007',
  PARTICIPANT_NOT_FOUND: 'SBX_PLT40008',
  AMOUNT_MISMATCH: 'SBX_PLT40009',
  COURSE_NOT_FOUND: 'SBX_PLT40010',
  // Assumed: authorize and status.
  WRONG_OTP: 'SBX_PLT40011',
  PAYMENT_TOKEN_EXPIRED: 'SBX_PLT40012',
  PAYMENT_TOKEN_USED: 'SBX_PLT40013',
  PAYMENT_TOKEN_INVALID: 'SBX_PLT40014',
  INVOICE_ALREADY_USED: 'SBX_PLT40015',
  INVOICE_NOT_FOUND: 'SBX_PLT40016',
  // Assumed: redeem and attendance (messages from the program's FAQ, program-api.md §5).
  REDEEM_CODE_NOT_FOUND: 'SBX_RDM40001',
  REDEEM_CODE_OTHER_PROVIDER: 'SBX_RDM40002',
  REDEEM_CODE_CANCELLED: 'SBX_RDM40003',
  REDEEM_OUTSIDE_WINDOW: 'SBX_RDM40004',
  EMAIL_ALREADY_USED: 'SBX_RDM40005',
  REDIRECT_URI_NOT_REGISTERED: 'SBX_RDM40006',
  INVALID_SEQUENCE: 'SBX_RDM40007',
  PREVIOUS_SEQUENCE_NOT_VERIFIED: 'SBX_RDM40008',
  RESET_NOT_ALLOWED: 'SBX_RDM40009',
  REDEEM_CODE_ALREADY_USED: 'SBX_RDM40010',
  // Assumed: TPM and UK.
  INVALID_SCOPE: 'SBX_TPM40001',
  INVALID_SCOPE_SEQUENCE: 'SBX_TPM40002',
  SUBMISSION_NOT_FOUND: 'SBX_TPM40003',
  REDEEM_CODE_NOT_REDEEMED: 'SBX_TPM40004',
  // Assumed: SSO.
  OAUTH_REFRESH_TOKEN_INVALID: 'SBX_OAUTH4032',
  OAUTH_ACCESS_TOKEN_EXPIRED: 'SBX_OAUTH4033',
  OAUTH_REDIRECT_URI_MISMATCH: 'SBX_OAUTH4034',
} as const;

/** A program error code known to the SDK. */
export type ProgramErrorCode = (typeof ProgramErrorCode)[keyof typeof ProgramErrorCode];
