import * as z from '@prakerja-kit/core/internal/schema';

// Checks are written as z.refine where zod has a dedicated check (minLength, regex, gt, int):
// the same rule, and one kind of check in the browser bundle instead of several.

// Trim first, then require a character: a whitespace-only code must not reach the program as ''.
/** A required program code (course, schedule, invoice, transaction): trimmed, non-empty. */
export const requiredCodeSchema = z.string().check(
  z.trim(),
  z.refine((value) => value.length > 0, 'must not be empty'),
);

/** A rupiah price sent to the program: a positive whole number. */
export const priceSchema = z
  .number()
  .check(
    z.refine(
      (value) => Number.isSafeInteger(value) && value > 0,
      'must be a positive whole number of rupiah',
    ),
  );

/** An absolute http(s) URL. */
export const httpUrlSchema = z
  .string()
  .check(
    z.refine((value) => /^https?:\/\/[^\s/]+\S*$/.test(value), 'must be an absolute http(s) URL'),
  );

/** A non-empty string, as received (not trimmed). */
export const nonEmptyStringSchema = z.string().check(z.refine((value) => value.length > 0));
