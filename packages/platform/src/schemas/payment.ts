import { looseAmountSchema, looseInvoiceCodeSchema } from '@prakerja-kit/core/internal';
import * as z from '@prakerja-kit/core/internal/schema';
import { httpUrlSchema, nonEmptyStringSchema, priceSchema, requiredCodeSchema } from './fields.js';

/** Parameters of `payments.sendOtp` (program `payment/send-otp`, program-api.md §4.2). */
export const paymentSendOtpParamsSchema = z.object({
  /** The buyer's Kartu Prakerja number. */
  prakerjaId: requiredCodeSchema,
  /** The buyer's user ID on your platform. */
  userPlatformId: requiredCodeSchema,
  /** The course being bought. */
  courseCode: requiredCodeSchema,
  /** The schedule being bought. */
  scheduleCode: requiredCodeSchema,
  /** The course price in rupiah. */
  amount: priceSchema,
});

/** Parameters of `payments.sendOtp`. */
export type PaymentsSendOtpParams = z.input<typeof paymentSendOtpParamsSchema>;

/**
 * `data` of a send-otp answer. The program's response schema is not readable (program-api.md
 * §4.2, UNCERTAIN): only `payment_token` is known to be there; `token` is accepted as a fallback.
 */
export const sendOtpWireSchema = z.looseObject({
  payment_token: z.optional(nonEmptyStringSchema),
  token: z.optional(nonEmptyStringSchema),
  expired_at: z.optional(z.string()),
});

/** What send-otp returns: the token to pass to `payments.authorize`. */
export interface OtpChallenge {
  /** The `payment_token` to send as `Authorization: Payment <token>` on authorize. A secret. */
  paymentToken: string;
  /** When the token expires, if the program said (not documented; UNCERTAIN). */
  expiresAt: string | undefined;
}

/** Parameters of `payments.authorize` (program `payment/authorize`, program-api.md §4.3). */
export const paymentAuthorizeParamsSchema = z.object({
  /** The `paymentToken` from `payments.sendOtp`. */
  paymentToken: requiredCodeSchema,
  /** The OTP the buyer received by SMS. */
  otp: requiredCodeSchema,
  /** Your invoice code: unique per purchase, and the key to reconcile it later. */
  invoiceCode: requiredCodeSchema,
  /** URL of your invoice. */
  invoiceUrl: httpUrlSchema,
  /**
   * When the payment token expires: send-otp's `expiresAt` (ISO-8601) or epoch milliseconds.
   * Optional; after an ambiguous failure it bounds how long the purchase could still commit
   * (otherwise `reconcile.paymentTokenTtlMs` after sending is assumed). An unparseable value is
   * ignored.
   */
  paymentTokenExpiresAt: z.optional(z.union([z.string(), z.number()])),
});

/** Parameters of `payments.authorize`. */
export type PaymentsAuthorizeParams = z.input<typeof paymentAuthorizeParamsSchema>;

/** Parameters of `payments.retrieve` (program `payment/status`, program-api.md §4.4). */
export const paymentRetrieveParamsSchema = z.object({
  /** Your invoice code, as sent to authorize. */
  invoiceCode: requiredCodeSchema,
});

/** Parameters of `payments.retrieve`. */
export type PaymentsRetrieveParams = z.input<typeof paymentRetrieveParamsSchema>;

/** Parameters of `payments.void` (program `payment/void`, program-api.md §4.5). */
export const paymentVoidParamsSchema = z.object({
  /** Your invoice code. */
  invoiceCode: requiredCodeSchema,
  /** The program's transaction code, from authorize or retrieve. */
  transactionCode: requiredCodeSchema,
});

/** Parameters of `payments.void`. */
export type PaymentsVoidParams = z.input<typeof paymentVoidParamsSchema>;

/**
 * `data` of an authorize or status answer. `amount` may be a number or a numeric string and
 * `invoice_code` a string or an integer (program-api.md §4.3-4.4); both are normalised by
 * `toPayment`.
 */
export const paymentWireSchema = z.looseObject({
  invoice_code: looseInvoiceCodeSchema,
  transaction_code: z.string(),
  amount: looseAmountSchema,
  status: z.string(),
  prakerja_name: z.optional(z.string()),
  created_at: z.optional(z.string()),
});

/**
 * Where a purchase stands, normalised from the program's `status` string.
 *
 * `SUCCESS` is documented. The voided value is not (program-api.md §4.4, UNCERTAIN): `VOID`,
 * `VOIDED`, `CANCEL`, `CANCELLED` and `CANCELED` are read as voided, case-insensitively. Any
 * other value is `other`; the raw string stays on `Payment.status`.
 */
export type PaymentState = 'authorized' | 'voided' | 'other';

/** A purchase as the program reports it. */
export interface Payment {
  /** Your invoice code. */
  invoiceCode: string;
  /** The program's transaction code (needed to void). */
  transactionCode: string;
  /** Amount in rupiah. */
  amount: number;
  /** Normalised state; see {@link PaymentState}. */
  state: PaymentState;
  /** The program's raw `status`, e.g. `SUCCESS`. */
  status: string;
  /** The buyer's name as Prakerja knows it, when sent. */
  prakerjaName: string | undefined;
  /** When the purchase was made (ISO-8601), when sent (payment status only). */
  createdAt: string | undefined;
}
