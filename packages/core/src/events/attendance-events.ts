import * as z from '../schema/index.js';
import { eventSchema, instantSchema } from './envelope.js';

/** `attendance.verified`: a redeem code's attendance for one sequence was verified (LP, DP). */
export const attendanceVerifiedEventSchema = eventSchema(
  'attendance.verified',
  z.object({
    redeem_code: z.string(),
    course_code: z.string(),
    // Sequence 1 is the redeem, 2-10 attendances, 999 the post-test (program-api.md).
    sequence: z.union([z.int().check(z.gte(1), z.lte(10)), z.literal(999)]),
    verified_at: instantSchema,
  }),
);

/** An `attendance.verified` event. */
export type AttendanceVerifiedEvent = z.infer<typeof attendanceVerifiedEventSchema>;
