import * as z from 'zod/mini';
import { eventSchema, instantSchema } from './envelope.js';

/** `tpm` (Tugas Praktik Mandiri, sequences 1-998) or `uk` (skills test, sequence 999). */
const scopeSchema = z.enum(['tpm', 'uk']);
/** `0` not submitted, `1` submitted and pending, `2` accepted, `3` rejected. */
const statusSchema = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
const sequenceSchema = z.int().check(z.gte(1), z.lte(999));

/** `assignment.submitted`: a participant submitted an assignment (for the LP). */
export const assignmentSubmittedEventSchema = eventSchema(
  'assignment.submitted',
  z.object({
    redeem_code: z.string(),
    scope: scopeSchema,
    sequence: sequenceSchema,
    status: statusSchema,
    url_file: z.optional(z.string()),
    submitted_at: instantSchema,
  }),
);

/** `assignment.reviewed`: feedback was given on an assignment (for the LP). */
export const assignmentReviewedEventSchema = eventSchema(
  'assignment.reviewed',
  z.object({
    redeem_code: z.string(),
    scope: scopeSchema,
    sequence: sequenceSchema,
    status: statusSchema,
    reviewed_at: instantSchema,
  }),
);

/** An `assignment.submitted` event. */
export type AssignmentSubmittedEvent = z.infer<typeof assignmentSubmittedEventSchema>;
/** An `assignment.reviewed` event. */
export type AssignmentReviewedEvent = z.infer<typeof assignmentReviewedEventSchema>;
