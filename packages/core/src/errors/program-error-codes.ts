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
  MISSING_AUTH_HEADER: 'ERRGEN40001',
  MALFORMED_BODY: 'ERRGEN40002',
  INVALID_FIELD: 'ERRGEN40003',
  INVALID_SIGNATURE: 'ERRGEN40101',
  UNKNOWN_CLIENT: 'ERRGEN40102',
  TIMESTAMP_OUT_OF_WINDOW: 'ERRGEN40103',
  FORBIDDEN_FOR_CLIENT: 'ERRGEN40301',
  NOT_FOUND: 'ERRGEN40401',
  PAYLOAD_TOO_LARGE: 'ERRGEN41301',
  RATE_LIMITED: 'ERRGEN42901',
  INTERNAL: 'ERRGEN50001',
  // Assumed: send-otp validations the DP must map (program-api.md §4.2).
  SCHEDULE_NOT_FOUND: 'ERRPLT40001',
  SCHEDULE_COURSE_MISMATCH: 'ERRPLT40002',
  COURSE_ALREADY_STARTED: 'ERRPLT40003',
  QUOTA_FULL: 'ERRPLT40004',
  AGE_NOT_ELIGIBLE: 'ERRPLT40005',
  EDUCATION_NOT_ELIGIBLE: 'ERRPLT40006',
  INSUFFICIENT_BALANCE: 'ERRPLT40007',
  PARTICIPANT_NOT_FOUND: 'ERRPLT40008',
  AMOUNT_MISMATCH: 'ERRPLT40009',
  COURSE_NOT_FOUND: 'ERRPLT40010',
  // Assumed: authorize and status.
  WRONG_OTP: 'ERRPLT40011',
  PAYMENT_TOKEN_EXPIRED: 'ERRPLT40012',
  PAYMENT_TOKEN_USED: 'ERRPLT40013',
  PAYMENT_TOKEN_INVALID: 'ERRPLT40014',
  INVOICE_ALREADY_USED: 'ERRPLT40015',
  INVOICE_NOT_FOUND: 'ERRPLT40016',
  // Assumed: redeem and attendance (messages from the program's FAQ, program-api.md §5).
  REDEEM_CODE_NOT_FOUND: 'ERRRDM40001',
  REDEEM_CODE_OTHER_PROVIDER: 'ERRRDM40002',
  REDEEM_CODE_CANCELLED: 'ERRRDM40003',
  REDEEM_OUTSIDE_WINDOW: 'ERRRDM40004',
  EMAIL_ALREADY_USED: 'ERRRDM40005',
  REDIRECT_URI_NOT_REGISTERED: 'ERRRDM40006',
  INVALID_SEQUENCE: 'ERRRDM40007',
  PREVIOUS_SEQUENCE_NOT_VERIFIED: 'ERRRDM40008',
  RESET_NOT_ALLOWED: 'ERRRDM40009',
  REDEEM_CODE_ALREADY_USED: 'ERRRDM40010',
  // Assumed: TPM and UK.
  INVALID_SCOPE: 'ERRTPM40001',
  INVALID_SCOPE_SEQUENCE: 'ERRTPM40002',
  SUBMISSION_NOT_FOUND: 'ERRTPM40003',
  REDEEM_CODE_NOT_REDEEMED: 'ERRTPM40004',
  // Assumed: SSO.
  OAUTH_REFRESH_TOKEN_INVALID: 'ERROAUTH4032',
  OAUTH_ACCESS_TOKEN_EXPIRED: 'ERROAUTH4033',
  OAUTH_REDIRECT_URI_MISMATCH: 'ERROAUTH4034',
} as const;

/** A program error code known to the SDK. */
export type ProgramErrorCode = (typeof ProgramErrorCode)[keyof typeof ProgramErrorCode];

/** What the SDK knows about one program error code. */
export interface ProgramErrorInfo {
  /** HTTP status the program (or the sandbox, for assumed codes) answers with. */
  status: number;
  /** True when the code appears in the program's readable docs; false when assumed. */
  documented: boolean;
  /** The meaning, in English. */
  meaning: string;
  /** The program's message, in Indonesian (the sandbox sends this). */
  message: string;
}

const e = (status: number, documented: boolean, meaning: string, message: string) =>
  ({ status, documented, meaning, message }) satisfies ProgramErrorInfo;

/** Meaning, HTTP status and Indonesian message of every code in {@link ProgramErrorCode}. */
export const PROGRAM_ERRORS: Readonly<Record<ProgramErrorCode, ProgramErrorInfo>> = {
  ERRPLT40036: e(
    400,
    true,
    'course_code or schedule_code is empty',
    'Kode pelatihan atau kode jadwal tidak boleh kosong.',
  ),
  ERRPLT40028: e(
    400,
    true,
    'the transaction was already voided',
    'Transaksi sudah dibatalkan sebelumnya.',
  ),
  ERRVOD40001: e(400, true, 'transaction code not found', 'Kode transaksi tidak ditemukan.'),
  ERROAUTH4024: e(
    400,
    true,
    'no client id in the request context (X-Client-Id missing or unknown)',
    'Unauthorized',
  ),
  ERROAUTH4029: e(400, true, 'OAuth client id not found', 'Unauthorized'),
  ERROAUTH4030: e(
    400,
    true,
    'no user in the request context (access token missing or invalid)',
    'Unauthorized',
  ),
  ERROAUTH4031: e(400, true, 'OAuth authorization code not found', 'Unauthorized'),
  ERRGEN40001: e(
    400,
    false,
    'a required header (client_code, signature, timestamp) is missing',
    'Header client_code, signature, dan timestamp wajib diisi.',
  ),
  ERRGEN40002: e(400, false, 'the body is not valid JSON', 'Format body tidak valid.'),
  ERRGEN40003: e(
    400,
    false,
    'a body field is missing or has the wrong type',
    'Data yang dikirim tidak valid.',
  ),
  ERRGEN40101: e(401, false, 'the signature does not match', 'Signature tidak valid.'),
  ERRGEN40102: e(401, false, 'unknown client_code', 'Client tidak dikenal.'),
  ERRGEN40103: e(
    401,
    false,
    'the timestamp is outside the accepted window',
    'Timestamp tidak valid atau sudah kedaluwarsa.',
  ),
  ERRGEN40301: e(
    403,
    false,
    'this client may not call this endpoint (DP vs LP)',
    'Client tidak memiliki akses ke endpoint ini.',
  ),
  ERRGEN40401: e(404, false, 'no such endpoint', 'Endpoint tidak ditemukan.'),
  ERRGEN41301: e(413, false, 'the body is too large', 'Ukuran body terlalu besar.'),
  ERRGEN42901: e(429, false, 'too many requests', 'Terlalu banyak permintaan, coba lagi nanti.'),
  ERRGEN50001: e(500, false, 'internal error', 'Terjadi kesalahan pada sistem.'),
  ERRPLT40001: e(400, false, 'the schedule does not exist', 'Jadwal pelatihan tidak ditemukan.'),
  ERRPLT40002: e(
    400,
    false,
    'the schedule does not belong to the course',
    'Jadwal tidak sesuai dengan pelatihan.',
  ),
  ERRPLT40003: e(400, false, 'the course has already started', 'Pelatihan sudah dimulai.'),
  ERRPLT40004: e(
    400,
    false,
    'no seats left on the schedule',
    'Kuota jadwal pelatihan sudah penuh.',
  ),
  ERRPLT40005: e(
    400,
    false,
    "the participant's age does not meet the course requirement",
    'Usia peserta tidak memenuhi syarat pelatihan.',
  ),
  ERRPLT40006: e(
    400,
    false,
    "the participant's education does not meet the course requirement",
    'Pendidikan peserta tidak memenuhi syarat pelatihan.',
  ),
  ERRPLT40007: e(
    400,
    false,
    'the participant balance is not enough',
    'Saldo peserta tidak mencukupi.',
  ),
  ERRPLT40008: e(400, false, 'Prakerja number not found', 'Nomor Kartu Prakerja tidak ditemukan.'),
  ERRPLT40009: e(
    400,
    false,
    'the amount differs from the course price',
    'Nominal tidak sesuai dengan harga pelatihan.',
  ),
  ERRPLT40010: e(400, false, 'the course does not exist', 'Pelatihan tidak ditemukan.'),
  ERRPLT40011: e(400, false, 'wrong OTP', 'Kode OTP salah.'),
  ERRPLT40012: e(400, false, 'the payment token has expired', 'Payment token sudah kedaluwarsa.'),
  ERRPLT40013: e(
    400,
    false,
    'the payment token was already used',
    'Payment token sudah digunakan.',
  ),
  ERRPLT40014: e(400, false, 'unknown payment token', 'Payment token tidak valid.'),
  ERRPLT40015: e(
    400,
    false,
    'the invoice_code was already used for another purchase',
    'Kode invoice sudah digunakan.',
  ),
  ERRPLT40016: e(
    400,
    false,
    'no purchase with this invoice_code',
    'Transaksi dengan kode invoice tersebut tidak ditemukan.',
  ),
  ERRRDM40001: e(400, false, 'redeem code not found', 'Kode redeem tidak ditemukan.'),
  ERRRDM40002: e(
    400,
    false,
    'the redeem code belongs to another training provider',
    'Kode redeem bukan milik lembaga pelatihan yang kamu pilih.',
  ),
  ERRRDM40003: e(
    400,
    false,
    'the redeem code was cancelled (transaction voided)',
    'Kode redeem sudah dibatalkan.',
  ),
  ERRRDM40004: e(
    400,
    false,
    'outside the redeem window (1 hour either side of the schedule start)',
    'Kode redeem hanya dapat ditukarkan 1 jam sebelum hingga 1 jam setelah pelatihan dimulai.',
  ),
  ERRRDM40005: e(
    400,
    false,
    'this LP email was already used for this course',
    'Email sudah digunakan untuk pelatihan ini.',
  ),
  ERRRDM40006: e(
    400,
    false,
    'redirect_uri is not the one registered',
    'Redirect URI tidak sesuai dengan yang terdaftar.',
  ),
  ERRRDM40007: e(400, false, 'sequence must be 1-10 or 999', 'Sequence tidak valid.'),
  ERRRDM40008: e(
    400,
    false,
    'the redeem (sequence 1) is not verified yet',
    'Kode redeem belum diverifikasi.',
  ),
  ERRRDM40009: e(
    400,
    false,
    'reset works only for PRAT- codes of the positive test cases',
    'Reset hanya untuk kode redeem uji coba (PRAT-) kasus positif.',
  ),
  ERRRDM40010: e(400, false, 'the redeem code was already used', 'Kode redeem sudah digunakan.'),
  ERRTPM40001: e(400, false, 'scope must be tpm or uk', 'Scope tidak valid.'),
  ERRTPM40002: e(
    400,
    false,
    'sequence does not fit the scope (tpm 1-998, uk 999)',
    'Sequence tidak sesuai dengan scope.',
  ),
  ERRTPM40003: e(
    400,
    false,
    'no submission to give feedback on',
    'Tugas peserta belum dikumpulkan.',
  ),
  ERRTPM40004: e(
    400,
    false,
    'the redeem code has not been redeemed',
    'Kode redeem belum ditukarkan.',
  ),
  ERROAUTH4032: e(400, false, 'the refresh token is unknown or expired', 'Unauthorized'),
  ERROAUTH4033: e(400, false, 'the access token has expired', 'Unauthorized'),
  ERROAUTH4034: e(400, false, 'redirect_uri does not match the registered one', 'Unauthorized'),
};

/** True when `code` is one of the program error codes the SDK knows. */
export function isKnownProgramErrorCode(code: unknown): code is ProgramErrorCode {
  return typeof code === 'string' && Object.hasOwn(PROGRAM_ERRORS, code);
}
