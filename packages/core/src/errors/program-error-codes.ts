// The full catalogue: every code the SDK knows, with its English meaning, the program's (or the
// sandbox's) Indonesian message and the fix. The client bundles do not carry it (issue 18):
// `ProgramApiError` reads only the documented codes (documented-program-errors.ts). The sandbox,
// the CLI, the docs generator and an app that wants the full text import it.
import {
  DOCUMENTED_PROGRAM_ERRORS,
  FIX_SIGNATURE,
  type ProgramErrorDescription,
  programErrorDocUrl,
  statusMeaning,
} from './documented-program-errors.js';
import type { ProgramErrorCode } from './program-error-code.js';

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
  /** What to change on your side, when the SDK knows; shown by `ProgramApiError`. */
  fix?: string | undefined;
}

const e = (
  status: number,
  documented: boolean,
  meaning: string,
  message: string,
  fix?: string,
): ProgramErrorInfo =>
  fix === undefined
    ? { status, documented, meaning, message }
    : { status, documented, meaning, message, fix };

// A documented code: its meaning and fix have one home, the table the clients carry.
const documented = (
  code: keyof typeof DOCUMENTED_PROGRAM_ERRORS,
  message: string,
): ProgramErrorInfo =>
  e(
    400,
    true,
    DOCUMENTED_PROGRAM_ERRORS[code].meaning,
    message,
    DOCUMENTED_PROGRAM_ERRORS[code].fix,
  );

// Fixes shared by several assumed codes.
const FIX_CLIENT =
  'check PRAKERJA_CLIENT_CODE and that the base URL is the environment (sandbox or production) these credentials were issued for';
const FIX_TIMESTAMP =
  "check the machine's clock (timestamp is Unix seconds, not milliseconds); set clock.correctSkew to follow the program's clock";
const FIX_FORBIDDEN =
  'this endpoint belongs to the other role: use Digital Platform (DP) credentials for platform calls and Learning Provider (LP) credentials for provider calls';

/** Meaning, HTTP status and Indonesian message of every code in {@link ProgramErrorCode}. */
export const PROGRAM_ERRORS: Readonly<Record<ProgramErrorCode, ProgramErrorInfo>> = {
  ERRPLT40036: documented('ERRPLT40036', 'Kode pelatihan atau kode jadwal tidak boleh kosong.'),
  ERRPLT40028: documented('ERRPLT40028', 'Transaksi sudah dibatalkan sebelumnya.'),
  ERRVOD40001: documented('ERRVOD40001', 'Kode transaksi tidak ditemukan.'),
  ERROAUTH4024: documented('ERROAUTH4024', 'Unauthorized'),
  ERROAUTH4029: documented('ERROAUTH4029', 'Unauthorized'),
  ERROAUTH4030: documented('ERROAUTH4030', 'Unauthorized'),
  ERROAUTH4031: documented('ERROAUTH4031', 'Unauthorized'),
  SBX_GEN40001: e(
    400,
    false,
    'a required header (client_code, signature, timestamp) is missing',
    'Header client_code, signature, dan timestamp wajib diisi.',
    'send the client_code, signature and timestamp headers; a proxy may drop client_code (nginx: underscores_in_headers on)',
  ),
  SBX_GEN40002: e(
    400,
    false,
    'the body is not valid JSON',
    'Format body tidak valid.',
    'send a JSON body with Content-Type: application/json (the clients do this; check a custom fetch or proxy)',
  ),
  SBX_GEN40003: e(
    400,
    false,
    'a body field is missing or has the wrong type',
    'Data yang dikirim tidak valid.',
    "check the parameter named in the program's message against the endpoint's reference (types and required fields)",
  ),
  SBX_GEN40101: e(
    401,
    false,
    'the signature does not match',
    'Signature tidak valid.',
    FIX_SIGNATURE,
  ),
  SBX_GEN40102: e(401, false, 'unknown client_code', 'Client tidak dikenal.', FIX_CLIENT),
  SBX_GEN40103: e(
    401,
    false,
    'the timestamp is outside the accepted window',
    'Timestamp tidak valid atau sudah kedaluwarsa.',
    FIX_TIMESTAMP,
  ),
  SBX_GEN40301: e(
    403,
    false,
    'this client may not call this endpoint (DP vs LP)',
    'Client tidak memiliki akses ke endpoint ini.',
    FIX_FORBIDDEN,
  ),
  SBX_GEN40401: e(
    404,
    false,
    'no such endpoint',
    'Endpoint tidak ditemukan.',
    "check the base URL (an origin, no path) and the SDK version; the path is the program's, not yours",
  ),
  SBX_GEN41301: e(
    413,
    false,
    'the body is too large',
    'Ukuran body terlalu besar.',
    'send a smaller body (for example fewer redeem codes per call)',
  ),
  SBX_GEN42901: e(
    429,
    false,
    'too many requests',
    'Terlalu banyak permintaan, coba lagi nanti.',
    'slow down: retry after the Retry-After delay (the clients do for safe calls); lower your concurrency',
  ),
  SBX_GEN50001: e(
    500,
    false,
    'internal error',
    'Terjadi kesalahan pada sistem.',
    'retry later (safe calls retry on their own); for a purchase, check payments.retrieve before trying again',
  ),
  SBX_PLT40001: e(
    400,
    false,
    'the schedule does not exist',
    'Jadwal pelatihan tidak ditemukan.',
    'refresh your course catalogue and send a schedule_code that exists',
  ),
  SBX_PLT40002: e(
    400,
    false,
    'the schedule does not belong to the course',
    'Jadwal tidak sesuai dengan pelatihan.',
    "send the schedule_code of one of this course's schedules",
  ),
  SBX_PLT40003: e(
    400,
    false,
    'the course has already started',
    'Pelatihan sudah dimulai.',
    'offer a later schedule of the course to the buyer',
  ),
  SBX_PLT40004: e(
    400,
    false,
    'no seats left on the schedule',
    'Kuota jadwal pelatihan sudah penuh.',
    'offer another schedule: this one is full (quotas.retrieve shows the seats left)',
  ),
  SBX_PLT40005: e(
    400,
    false,
    "the participant's age does not meet the course requirement",
    'Usia peserta tidak memenuhi syarat pelatihan.',
    "tell the buyer the course's age requirement; nothing to change in the request",
  ),
  SBX_PLT40006: e(
    400,
    false,
    "the participant's education does not meet the course requirement",
    'Pendidikan peserta tidak memenuhi syarat pelatihan.',
    "tell the buyer the course's education requirement; nothing to change in the request",
  ),
  SBX_PLT40007: e(
    400,
    false,
    'the participant balance is not enough',
    'Saldo peserta tidak mencukupi.',
    'tell the buyer their balance does not cover the price; nothing to change in the request',
  ),
  SBX_PLT40008: e(
    400,
    false,
    'Prakerja number not found',
    'Nomor Kartu Prakerja tidak ditemukan.',
    "check the buyer's 16-digit Prakerja number (prakerjaId)",
  ),
  SBX_PLT40009: e(
    400,
    false,
    'the amount differs from the course price',
    'Nominal tidak sesuai dengan harga pelatihan.',
    "send the course's current price as amount (refresh your catalogue)",
  ),
  SBX_PLT40010: e(
    400,
    false,
    'the course does not exist',
    'Pelatihan tidak ditemukan.',
    'refresh your course catalogue and send a course_code that exists',
  ),
  SBX_PLT40011: e(
    400,
    false,
    'wrong OTP',
    'Kode OTP salah.',
    'ask the buyer to enter the OTP again (from the latest SMS)',
  ),
  SBX_PLT40012: e(
    400,
    false,
    'the payment token has expired',
    'Payment token sudah kedaluwarsa.',
    'start the purchase again with send-otp: the payment token has a short life',
  ),
  SBX_PLT40013: e(
    400,
    false,
    'the payment token was already used',
    'Payment token sudah digunakan.',
    'do not authorize twice: check payments.retrieve for the outcome of the first call',
  ),
  SBX_PLT40014: e(
    400,
    false,
    'unknown payment token',
    'Payment token tidak valid.',
    'pass the payment token returned by send-otp for this purchase, unchanged',
  ),
  SBX_PLT40015: e(
    400,
    false,
    'the invoice_code was already used for another purchase',
    'Kode invoice sudah digunakan.',
    'use a new invoice_code per purchase; to learn what happened to this one, call payments.retrieve',
  ),
  SBX_PLT40016: e(
    400,
    false,
    'no purchase with this invoice_code',
    'Transaksi dengan kode invoice tersebut tidak ditemukan.',
    'check the invoice_code; after a timeout, retry the status call later (the purchase may commit late)',
  ),
  SBX_RDM40001: e(
    400,
    false,
    'redeem code not found',
    'Kode redeem tidak ditemukan.',
    'check the redeem code the participant typed (PRAT- codes are test codes)',
  ),
  SBX_RDM40002: e(
    400,
    false,
    'the redeem code belongs to another training provider',
    'Kode redeem bukan milik lembaga pelatihan yang kamu pilih.',
    'ask the participant to redeem at the training provider they bought the course from',
  ),
  SBX_RDM40003: e(
    400,
    false,
    'the redeem code was cancelled (transaction voided)',
    'Kode redeem sudah dibatalkan.',
    'the purchase was voided: the participant must buy the course again',
  ),
  SBX_RDM40004: e(
    400,
    false,
    'outside the redeem window (1 hour either side of the schedule start)',
    'Kode redeem hanya dapat ditukarkan 1 jam sebelum hingga 1 jam setelah pelatihan dimulai.',
    'redeem from 1 hour before to 1 hour after the schedule starts',
  ),
  SBX_RDM40005: e(
    400,
    false,
    'this LP email was already used for this course',
    'Email sudah digunakan untuk pelatihan ini.',
    "use the participant's own email at your LP (each email once per course)",
  ),
  SBX_RDM40006: e(
    400,
    false,
    'redirect_uri is not the one registered',
    'Redirect URI tidak sesuai dengan yang terdaftar.',
    "send redirectUri (PRAKERJA_REDIRECT_URI) exactly as registered on Prakerja's form",
  ),
  SBX_RDM40007: e(
    400,
    false,
    'sequence must be 1-10 or 999',
    'Sequence tidak valid.',
    'send sequence 1 (redeem), 2-10 (attendance) or 999 (post-test)',
  ),
  SBX_RDM40008: e(
    400,
    false,
    'the redeem (sequence 1) is not verified yet',
    'Kode redeem belum diverifikasi.',
    'verify sequence 1 (the redeem) first',
  ),
  SBX_RDM40009: e(
    400,
    false,
    'reset works only for PRAT- codes of the positive test cases',
    'Reset hanya untuk kode redeem uji coba (PRAT-) kasus positif.',
    'reset only PRAT- codes of the positive test cases',
  ),
  SBX_RDM40010: e(
    400,
    false,
    'the redeem code was already used',
    'Kode redeem sudah digunakan.',
    'nothing to redeem again: the code is already used; read attendance.retrieve for its state',
  ),
  SBX_TPM40001: e(
    400,
    false,
    'scope must be tpm or uk',
    'Scope tidak valid.',
    "send scope 'tpm' or 'uk'",
  ),
  SBX_TPM40002: e(
    400,
    false,
    'sequence does not fit the scope (tpm 1-998, uk 999)',
    'Sequence tidak sesuai dengan scope.',
    'send a tpm sequence from 1 to 998, or 999 for uk',
  ),
  SBX_TPM40003: e(
    400,
    false,
    'no submission to give feedback on',
    'Tugas peserta belum dikumpulkan.',
    'submit the assignment (assignments.submit) before reviewing it',
  ),
  SBX_TPM40004: e(
    400,
    false,
    'the redeem code has not been redeemed',
    'Kode redeem belum ditukarkan.',
    'redeem the code (attendance, sequence 1) before sending assignments',
  ),
  SBX_OAUTH4032: e(
    400,
    false,
    'the refresh token is unknown or expired',
    'Unauthorized',
    'start the login again: the refresh token is unknown or expired',
  ),
  SBX_OAUTH4033: e(
    400,
    false,
    'the access token has expired',
    'Unauthorized',
    'refresh the access token (sso.refreshToken, or a token manager), or start the login again',
  ),
  SBX_OAUTH4034: e(
    400,
    false,
    'redirect_uri does not match the registered one',
    'Unauthorized',
    'send the SSO redirect URI (sso.redirectUri) exactly as registered',
  ),
};

/** True when `code` is one of the program error codes the SDK knows. */
export function isKnownProgramErrorCode(code: unknown): code is ProgramErrorCode {
  return typeof code === 'string' && Object.hasOwn(PROGRAM_ERRORS, code);
}

/**
 * The English meaning, documented flag and fix for an error answer, from its code when the SDK
 * knows it (the full catalogue, assumed `SBX_…` codes included) and from its HTTP status
 * otherwise. Text only: never decide an outcome on it. `ProgramApiError` fills its own `meaning`
 * and `fix` from the documented codes only; this is the full text, e.g. for an `SBX_…` code.
 *
 * @example
 * describeProgramError('SBX_GEN40101', 401).fix; // 'check PRAKERJA_SIGN_KEY …'
 */
export function describeProgramError(
  code: string | undefined,
  status: number,
): ProgramErrorDescription {
  const info = isKnownProgramErrorCode(code) ? PROGRAM_ERRORS[code] : undefined;
  const meaning = info?.meaning ?? statusMeaning(status);
  // Production's codes for a refused signature are unknown: every 401 gets the signature fix,
  // unless its code is one of the catalogue's own 401 codes (which carry a more precise fix).
  const fix = status === 401 && info?.status !== 401 ? FIX_SIGNATURE : (info?.fix ?? undefined);
  return { meaning, documented: info?.documented ?? false, fix, docUrl: programErrorDocUrl(code) };
}
