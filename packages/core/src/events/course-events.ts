import * as z from '../schema/index.js';
import { eventSchema, instantSchema } from './envelope.js';

/**
 * `course.completed`: the post-test (sequence 999) is verified and the skills test (UK) was
 * accepted (LP, DP).
 */
export const courseCompletedEventSchema = eventSchema(
  'course.completed',
  z.object({
    redeem_code: z.string(),
    course_code: z.string(),
    completed_at: instantSchema,
  }),
);

/** A `course.completed` event. */
export type CourseCompletedEvent = z.infer<typeof courseCompletedEventSchema>;
