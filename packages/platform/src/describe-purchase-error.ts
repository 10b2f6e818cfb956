import { ProgramApiError, ProgramRequestError } from '@prakerja-kit/core';

/**
 * Stable, machine-readable reasons a purchase (send-otp or authorize) was refused.
 *
 * The program documents the send-otp validations only as prose (program-api.md §4.2) and its
 * error codes are unreadable: the code-to-reason table below follows the SDK's assumed codes
 * (`SBX_PLT40001`-`SBX_PLT40015`, which the sandbox answers with) plus the documented
 * `ERRPLT40036`. The reasons themselves are stable whatever the production codes turn out to be.
 */
export type PurchaseErrorReason =
  | 'missing_course_or_schedule'
  | 'schedule_not_found'
  | 'schedule_course_mismatch'
  | 'course_started'
  | 'sold_out'
  | 'age_not_eligible'
  | 'education_not_eligible'
  | 'insufficient_balance'
  | 'participant_not_found'
  | 'amount_mismatch'
  | 'course_not_found'
  | 'wrong_otp'
  | 'payment_token_expired'
  | 'payment_token_used'
  | 'payment_token_invalid'
  | 'invoice_already_used'
  | 'program_unavailable'
  | 'unknown';

/** A refusal explained: reason, program code, and messages fit to show the buyer. */
export interface PurchaseErrorDescription {
  /** Stable reason to branch on. */
  reason: PurchaseErrorReason;
  /** The program's code, when it sent one. */
  code: string | undefined;
  /** Message for the buyer, in Indonesian (`id`) and English (`en`). */
  message: { id: string; en: string };
  /** True when the buyer can simply try again (e.g. a mistyped OTP, the program unreachable). */
  retryable: boolean;
}

type Entry = readonly [PurchaseErrorReason, string, string, boolean?];

const BY_CODE: Readonly<Record<string, Entry>> = {
  ERRPLT40036: [
    'missing_course_or_schedule',
    'Pelatihan atau jadwal belum dipilih.',
    'No course or schedule was selected.',
  ],
  SBX_PLT40001: [
    'schedule_not_found',
    'Jadwal pelatihan tidak ditemukan. Silakan pilih jadwal lain.',
    'This schedule no longer exists. Please choose another schedule.',
  ],
  SBX_PLT40002: [
    'schedule_course_mismatch',
    'Jadwal yang dipilih bukan untuk pelatihan ini. Silakan pilih ulang jadwal.',
    'The selected schedule does not belong to this course. Please choose the schedule again.',
  ],
  SBX_PLT40003: [
    'course_started',
    'Pelatihan ini sudah dimulai dan tidak dapat dibeli lagi. Silakan pilih jadwal lain.',
    'This course has already started and can no longer be bought. Please choose another schedule.',
  ],
  SBX_PLT40004: [
    'sold_out',
    'Kuota jadwal ini sudah penuh. Silakan pilih jadwal lain.',
    'This schedule is fully booked. Please choose another schedule.',
  ],
  SBX_PLT40005: [
    'age_not_eligible',
    'Usia kamu belum memenuhi syarat pelatihan ini.',
    'Your age does not meet the requirements of this course.',
  ],
  SBX_PLT40006: [
    'education_not_eligible',
    'Pendidikan terakhir kamu belum memenuhi syarat pelatihan ini.',
    'Your education level does not meet the requirements of this course.',
  ],
  SBX_PLT40007: [
    'insufficient_balance',
    'Saldo Kartu Prakerja kamu tidak mencukupi untuk pelatihan ini.',
    'Your Kartu Prakerja balance is not enough for this course.',
  ],
  SBX_PLT40008: [
    'participant_not_found',
    'Nomor Kartu Prakerja tidak ditemukan. Periksa kembali nomor kartu kamu.',
    'Kartu Prakerja number not found. Please check your card number.',
  ],
  SBX_PLT40009: [
    'amount_mismatch',
    'Harga pelatihan telah berubah. Muat ulang halaman lalu coba lagi.',
    'The course price has changed. Reload the page and try again.',
  ],
  SBX_PLT40010: [
    'course_not_found',
    'Pelatihan tidak ditemukan atau sudah tidak dijual.',
    'This course was not found or is no longer on sale.',
  ],
  SBX_PLT40011: [
    'wrong_otp',
    'Kode OTP salah. Periksa SMS kamu lalu coba lagi.',
    'The OTP is incorrect. Check your SMS and try again.',
    true,
  ],
  SBX_PLT40012: [
    'payment_token_expired',
    'Kode OTP sudah kedaluwarsa. Silakan minta kode OTP baru.',
    'The OTP has expired. Please request a new one.',
  ],
  SBX_PLT40013: [
    'payment_token_used',
    'Pembayaran ini sudah diproses. Cek status pembelian kamu.',
    'This payment was already processed. Check your purchase status.',
  ],
  SBX_PLT40014: [
    'payment_token_invalid',
    'Sesi pembayaran tidak valid. Silakan ulangi pembelian.',
    'The payment session is not valid. Please start the purchase again.',
  ],
  SBX_PLT40015: [
    'invoice_already_used',
    'Transaksi ini sudah tercatat. Cek status pembelian kamu.',
    'This transaction is already recorded. Check your purchase status.',
  ],
};

const UNAVAILABLE: Entry = [
  'program_unavailable',
  'Layanan Prakerja sedang tidak dapat dihubungi. Silakan coba beberapa saat lagi.',
  'The Prakerja service cannot be reached right now. Please try again in a moment.',
  true,
];

const UNKNOWN: Entry = [
  'unknown',
  'Pembelian belum dapat diproses. Silakan coba lagi atau hubungi layanan pelanggan.',
  'The purchase could not be processed. Please try again or contact customer support.',
];

/**
 * Explains why `payments.sendOtp` threw or `payments.authorize` returned `not_purchased`: a
 * stable reason and a message for the buyer in Indonesian and English.
 *
 * Unknown program codes map to `unknown` (the program's own message stays on the error);
 * connection failures, timeouts, 429 and 5xx map to `program_unavailable`.
 *
 * @example
 * try { await client.payments.sendOtp(params); }
 * catch (error) { const { reason, message } = describePurchaseError(error); show(message.id); }
 */
export function describePurchaseError(error: unknown): PurchaseErrorDescription {
  const code = error instanceof ProgramApiError ? error.code : undefined;
  let entry = code === undefined ? undefined : BY_CODE[code];
  if (entry === undefined && error instanceof ProgramRequestError) {
    const status = error instanceof ProgramApiError ? error.status : 0;
    entry = status === 0 || status === 429 || status >= 500 ? UNAVAILABLE : UNKNOWN;
  }
  const [reason, id, en, retryable = false] = entry ?? UNKNOWN;
  return { reason, code, message: { id, en }, retryable };
}
