// The profile switches, in a module of their own so the engine and the profile layer read them
// without importing sandbox-profiles.ts (which imports the profile layer): no import cycle (issue 22).

/**
 * Every switch of a sandbox profile and its variants, first variant = today's behaviour.
 *
 * Each switch stands for one point `program-api.md` leaves UNCERTAIN (the package README quotes
 * the passage for each). Clients must give correct answers under every variant.
 */
export const PROFILE_SWITCHES = {
  /** Codes of errors the program does not document: `SBX_…`, other opaque strings, or no `code`. */
  errorCodes: ['sbx', 'opaque', 'absent'],
  /** HTTP status of undocumented errors: the catalogue's, always 400, or REST-style 401/403/404/409/422. */
  errorStatus: ['catalogue', 'always-400', 'http'],
  /** `payment/status` for an unknown invoice: error envelope, HTTP 404, or 200 with `data: null`. */
  unknownInvoice: ['error', 'http-404', 'null-data'],
  /** Status string of a voided purchase on `payment/status`. */
  voidedStatus: ['VOID', 'VOIDED', 'CANCELLED', 'CANCELED'],
  /** `amount` in send-otp, authorize and status answers: a number or a numeric string. */
  amounts: ['number', 'string'],
  /** `invoice_code` in the authorize answer: as sent, or an integer when it is all digits. */
  invoiceCode: ['string', 'integer'],
  /** Whether the authorize `raw_signature` includes the `Authorization` value. */
  authorizationSignature: ['either', 'outside', 'inside'],
  /** Undocumented extra fields in envelopes and `data`. */
  extraFields: ['none', 'present'],
  /** Name of the send-otp token field. */
  paymentTokenField: ['payment_token', 'token'],
  /** Whether send-otp answers carry `expired_at`. */
  tokenExpiry: ['present', 'absent'],
  /** `attendance_status` enum: 0/1/2 (2 = rejected at the face check) or 0/1. */
  attendanceStatus: ['0-1-2', '0-1'],
  /** Redeem-code `status`: 1 once sequence 1 is verified, or 1 for every live (paid) code. */
  redeemStatus: ['redeemed', 'active'],
  /** `tpm/submission/status` enum: 0-3, or 4 for a submission with LP feedback awaiting a verdict. */
  submissionStatus: ['0-3', 'with-4'],
  /** `message` of a successful `payment/redeem-code/reset`. */
  resetMessage: ['Kode redeem berhasil direset.', 'OK', 'Reset berhasil'],
  /** Whether the attendance return redirect carries `state`. */
  attendanceRedirectState: ['present', 'absent'],
  /** Refresh-token path accepted: both, only `/oauth/token/refresh`, or only `/oauth/token`. */
  refreshPath: ['both', 'token-refresh', 'token'],
  /** Body the signature is checked against: as sent or re-compacted JSON, or the exact bytes only. */
  bodyCanonicalisation: ['compact', 'exact'],
  /** Hex case of `signature`: upper case accepted, or refused. */
  signatureHex: ['any-case', 'lower-only'],
  /** `raw_signature` of SSO `GET /oauth/authorize`: path only, path with query, or either. */
  ssoAuthorizeSigning: ['path', 'path-and-query', 'either'],
  /** Accepted `timestamp` distance: 300 s (`wide`) or 30 s (`narrow`). */
  timestampTolerance: ['wide', 'narrow'],
  /** Whether the legacy `payment/redeem-code/commit` still exists. */
  legacyCommit: ['available', 'gone'],
} as const;

/** The name of a profile switch. */
export type ProfileSwitchName = keyof typeof PROFILE_SWITCHES;

/** Every switch set to one of its variants. */
export type ProfileSwitches = {
  -readonly [K in ProfileSwitchName]: (typeof PROFILE_SWITCHES)[K][number];
};
