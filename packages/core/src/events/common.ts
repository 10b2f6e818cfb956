import * as z from '../schema/index.js';

/**
 * The assignment scopes: `tpm` (Tugas Praktik Mandiri, sequences 1-998) and `uk` (Unjuk
 * Keterampilan, the skills test, sequence 999).
 */
export const ASSIGNMENT_SCOPES = ['tpm', 'uk'] as const;

/** Assignment scope: `tpm` Tugas Praktik Mandiri or `uk` Unjuk Keterampilan. */
export type AssignmentScope = (typeof ASSIGNMENT_SCOPES)[number];

/** True when `value` is one of {@link ASSIGNMENT_SCOPES}. */
export function isAssignmentScope(value: unknown): value is AssignmentScope {
  return value === 'tpm' || value === 'uk';
}

/** The schema of an {@link AssignmentScope}. */
export const assignmentScopeSchema = z.enum(ASSIGNMENT_SCOPES);

/**
 * `0` not submitted, `1` submitted and pending, `2` accepted, `3` rejected (program-api.md §4.11,
 * UNCERTAIN).
 */
export const submissionStatusSchema = z.union([
  z.literal(0),
  z.literal(1),
  z.literal(2),
  z.literal(3),
]);

/** Submission status values: `0` none, `1` pending, `2` accepted, `3` rejected. */
export type SubmissionStatus = z.infer<typeof submissionStatusSchema>;
