import * as z from 'zod/mini';

// Trim first, then require a character: a whitespace-only code must not reach the program as ''.
/** A required program code (course, schedule, invoice, transaction): trimmed, non-empty. */
export const requiredCodeSchema = z.string().check(z.trim(), z.minLength(1, 'must not be empty'));

/** A rupiah price sent to the program: a positive whole number. */
export const priceSchema = z.int().check(z.gt(0, 'must be a positive whole number of rupiah'));

/** An absolute http(s) URL. */
export const httpUrlSchema = z
  .string()
  .check(z.regex(/^https?:\/\/[^\s/]+\S*$/, 'must be an absolute http(s) URL'));
