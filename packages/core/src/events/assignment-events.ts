import * as z from '../schema/index.js';
import {
  assignmentScopeSchema as scopeSchema,
  submissionStatusSchema as statusSchema,
} from './common.js';
import { eventSchema, instantSchema } from './envelope.js';

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
