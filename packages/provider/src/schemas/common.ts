import * as z from 'zod/mini';

/**
 * An integer the program may send as a number or a numeric string; normalised to a number.
 * The program's enums (`status`, `attendance_status`, `course_type`) are only partly documented
 * (program-api.md §4.7, UNCERTAIN), so both forms are accepted.
 */
export const looseIntSchema = z.pipe(
  z.union([z.int(), z.string().check(z.regex(/^\s*-?\d+\s*$/))]),
  z.transform((value) => Number(value)),
);

/** An attendance sequence: `1` redeem, `2`-`10` attendance, `999` post-test (program-api.md §4.7). */
export const attendanceSequenceSchema = z.int().check(
  z.refine((value) => (value >= 1 && value <= 10) || value === 999, {
    message: 'sequence must be 1 (redeem), 2-10 (attendance) or 999 (post-test)',
  }),
);

/** `tpm` (Tugas Praktik Mandiri, sequences 1-998) or `uk` (Unjuk Keterampilan, sequence 999). */
// A union of literals rather than z.enum: the same check, and no extra zod code in the bundle.
export const assignmentScopeSchema = z.union([z.literal('tpm'), z.literal('uk')]);

/** Assignment scope: `tpm` Tugas Praktik Mandiri or `uk` Unjuk Keterampilan. */
export type AssignmentScope = z.infer<typeof assignmentScopeSchema>;

/** A redeem code as typed by a participant: non-empty, trimmed. */
export const redeemCodeSchema = z
  .string()
  .check(z.trim(), z.minLength(1, 'redeemCode is required'));

/** An absolute http(s) URL. */
export const urlSchema = z.string().check(
  z.refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'https:' || url.protocol === 'http:';
      } catch {
        return false;
      }
    },
    { message: 'must be an absolute http(s) URL' },
  ),
);

/** Sequence fits scope: TPM 1-998, UK 999 (program-api.md §4.10). */
export function scopeFitsSequence(value: { scope: AssignmentScope; sequence: number }): boolean {
  return value.scope === 'uk'
    ? value.sequence === 999
    : value.sequence >= 1 && value.sequence <= 998;
}

/** Message for {@link scopeFitsSequence}. */
export const SCOPE_SEQUENCE_MESSAGE = 'sequence must be 1-998 for scope tpm and 999 for scope uk';
