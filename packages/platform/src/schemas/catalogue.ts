import * as z from '@prakerja-kit/core/internal/schema';
import { priceSchema, requiredCodeSchema } from './fields.js';

/**
 * A course as a DP holds it. The program has no catalogue endpoint (program-api.md §9): DPs keep
 * course data themselves, so this model is the SDK's, not the program's. Only `courseCode` and
 * `price` (the send-otp `amount`) matter to the program.
 */
export const courseSchema = z.object({
  /** The program's course code. */
  courseCode: requiredCodeSchema,
  /** Title shown to buyers. */
  title: z.string().check(z.minLength(1)),
  /** Price in rupiah, sent as `amount` on send-otp. */
  price: priceSchema,
  /** The training provider (LP) name. */
  providerName: z.optional(z.string()),
  /** `self_paced`, `webinar` or `offline` (the program's course types, program-api.md §7). */
  learningMethod: z.optional(z.enum(['self_paced', 'webinar', 'offline'])),
});

/** A course as a DP holds it. */
export type Course = z.output<typeof courseSchema>;

/**
 * One schedule (class) of a course, as a DP holds it. Modelled by the SDK: the program only
 * knows `scheduleCode` and answers live seats for it through quota-schedule.
 */
export const scheduleSchema = z.object({
  /** The program's schedule code. */
  scheduleCode: requiredCodeSchema,
  /** The course this schedule belongs to. */
  courseCode: requiredCodeSchema,
  /** Start, ISO-8601. send-otp refuses purchases once the course has started. */
  startsAt: z.optional(z.iso.datetime({ offset: true })),
  /** End, ISO-8601. */
  endsAt: z.optional(z.iso.datetime({ offset: true })),
});

/** One schedule of a course. */
export type Schedule = z.output<typeof scheduleSchema>;
