import { type AssignmentScope, isAssignmentScope } from '@prakerja-kit/core/events';
import * as z from '@prakerja-kit/core/internal/schema';

// Each zod schema or check kind a client uses adds its code to every browser bundle, so these
// schemas keep to a few kinds: strings, numbers, objects, z.custom and z.refine. Values that
// arrive in more than one form are validated here and normalised by hand (`toInt`, the `to*`
// mappers) rather than with unions and transforms.

const LOOSE_INT = /^\s*-?\d+\s*$/;

/**
 * An integer the program may send as a number or a numeric string; validated only, and
 * normalised to a number by {@link toInt}. The program's enums (`status`, `attendance_status`,
 * `course_type`) are only partly documented (program-api.md §4.7, UNCERTAIN), so both forms are
 * accepted.
 */
export const looseIntSchema = z.custom<number | string>(
  isLooseInt,
  'expected an integer or a numeric string',
);

/** True for a safe integer or a string of one (surrounding spaces allowed). */
export function isLooseInt(value: unknown): value is number | string {
  return Number.isSafeInteger(value) || (typeof value === 'string' && LOOSE_INT.test(value));
}

/** An optional, nullable {@link looseIntSchema}. */
export const optionalIntSchema = z.optional(z.nullable(looseIntSchema));

/** An optional, nullable string. */
export const optionalStringSchema = z.optional(z.nullable(z.string()));

/** Normalises a value accepted by {@link optionalIntSchema}: absent or `null` become `undefined`. */
export function toInt(value: number | string | null | undefined): number | undefined {
  return value == null ? undefined : Number(value);
}

/**
 * A short, safe description of a received value for an error message: its type and, for numbers
 * and short strings, the value (`the string "2"`, `the number 1.5`, `undefined`). Long strings
 * are described by their length only.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'string') {
    return value.length <= 20
      ? `the string ${JSON.stringify(value)}`
      : `a string of ${value.length} characters`;
  }
  if (Array.isArray(value)) return 'an array';
  return `a value of type ${typeof value}`;
}

/** A whole number (a safe integer). */
export const integerSchema = z.number().check(
  z.refine((value) => Number.isSafeInteger(value), {
    error: (issue) => `expected a whole number, received ${describeValue(issue.input)}`,
  }),
);

/** True for `1` (redeem), `2`-`10` (attendance) and `999` (post-test). */
export function isAttendanceSequence(value: number): boolean {
  return Number.isSafeInteger(value) && ((value >= 1 && value <= 10) || value === 999);
}

/** An attendance sequence: `1` redeem, `2`-`10` attendance, `999` post-test (program-api.md §4.7). */
export const attendanceSequenceSchema = z.number().check(
  z.refine(isAttendanceSequence, {
    error: (issue) =>
      `expected an integer 1-10 or 999 (1 redeem, 2-10 attendance, 999 post-test), received ${describeValue(issue.input)}`,
  }),
);

/**
 * A parameter's assignment scope ({@link AssignmentScope}, defined once in
 * `@prakerja-kit/core/events`), with a message that names both scopes.
 */
export const assignmentScopeSchema = z.custom<AssignmentScope>(isAssignmentScope, {
  error: (issue) =>
    `expected "tpm" (Tugas Praktik Mandiri) or "uk" (Unjuk Keterampilan), received ${describeValue(issue.input)}`,
});

export type { AssignmentScope };

/** A redeem code as typed by a participant: non-empty, trimmed. */
export const redeemCodeSchema = requiredString('expected a non-empty redeem code');

/** A string trimmed, then required to be non-empty, failing with `message`. */
export function requiredString(message: string) {
  return z.string().check(
    z.trim(),
    z.refine((value) => value.length > 0, message),
  );
}

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
    {
      error: (issue) => `expected an absolute http(s) URL, received ${describeValue(issue.input)}`,
    },
  ),
);

/** Sequence fits scope: TPM 1-998, UK 999 (program-api.md §4.10). */
export function scopeFitsSequence(value: { scope: AssignmentScope; sequence: number }): boolean {
  return value.scope === 'uk'
    ? value.sequence === 999
    : value.sequence >= 1 && value.sequence <= 998;
}

/** Message for {@link scopeFitsSequence}. */
export const SCOPE_SEQUENCE_MESSAGE =
  'expected 1-998 for scope "tpm" (Tugas Praktik Mandiri) or 999 for scope "uk" (Unjuk Keterampilan)';
