import * as z from 'zod/mini';

/**
 * A rupiah amount. The program types `amount` as a string on payment status while its example
 * is an integer (program-api.md §4.4); both are accepted and normalised to a number.
 */
export const amountSchema = z.pipe(
  z.union([z.number(), z.string().check(z.regex(/^\s*\d+(\.\d+)?\s*$/))]),
  z.transform((value) => Number(value)),
);

/**
 * The DP's invoice code. Typed integer on authorize and string elsewhere (program-api.md §4.3);
 * accepted as either and normalised to a string.
 */
export const invoiceCodeSchema = z.pipe(
  z.union([z.string(), z.int()]),
  z.transform((value) => String(value)),
);

/**
 * A non-empty string with no surrounding whitespace. Trimmed before the length check, so a
 * whitespace-only code is refused rather than sent as `''`.
 */
export const codeSchema = z.string().check(z.trim(), z.minLength(1));

/** `0` not submitted, `1` pending, `2` accepted, `3` rejected (program-api.md §4.11, UNCERTAIN). */
export const submissionStatusSchema = z.union([
  z.literal(0),
  z.literal(1),
  z.literal(2),
  z.literal(3),
]);

/** Submission status values: `0` none, `1` pending, `2` accepted, `3` rejected. */
export type SubmissionStatus = z.infer<typeof submissionStatusSchema>;
