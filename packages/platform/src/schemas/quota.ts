import { looseAmountSchema } from '@prakerja-kit/core/internal';
import * as z from '@prakerja-kit/core/internal/schema';
import { requiredCodeSchema } from './fields.js';

/** Parameters of `quotas.retrieve` (program `payment/quota-schedule`, program-api.md §4.1). */
export const quotaRetrieveParamsSchema = z.object({
  /** The program's course code. */
  courseCode: requiredCodeSchema,
  /** The program's schedule code. */
  scheduleCode: requiredCodeSchema,
});

/** Parameters of `quotas.retrieve`. */
export type QuotasRetrieveParams = z.input<typeof quotaRetrieveParamsSchema>;

/**
 * `data` of a quota-schedule answer, on the wire. `quota` may arrive as a numeric string
 * (normalised with `toAmount`).
 */
export const quotaWireSchema = z.looseObject({
  course_code: z.optional(z.string()),
  schedule_code: z.optional(z.string()),
  quota: looseAmountSchema,
});

/** Remaining seats on one schedule. */
export interface Quota {
  /** The course code. */
  courseCode: string;
  /** The schedule code. */
  scheduleCode: string;
  /** Seats still available (`data.quota`); `0` when the schedule is full. */
  quota: number;
}
