import * as z from '../schema/index.js';
import { eventSchema, instantSchema } from './envelope.js';

/**
 * `incentive.disbursement_requested`: pay the participant's incentive (for payment partners).
 * Emitted once per redeem code, ever.
 */
export const incentiveDisbursementRequestedEventSchema = eventSchema(
  'incentive.disbursement_requested',
  z.object({
    disbursement_id: z.string(),
    redeem_code: z.string(),
    prakerja_id: z.string(),
    amount: z.number(),
    currency: z.literal('IDR'),
    destination: z.object({
      type: z.enum(['bank', 'ewallet']),
      provider: z.string(),
      account_number: z.string(),
    }),
    requested_at: instantSchema,
  }),
);

/** `incentive.disbursement_cancelled`: a requested disbursement must not be paid. */
export const incentiveDisbursementCancelledEventSchema = eventSchema(
  'incentive.disbursement_cancelled',
  z.object({
    disbursement_id: z.string(),
    reason: z.string(),
    cancelled_at: instantSchema,
  }),
);

/** An `incentive.disbursement_requested` event. */
export type IncentiveDisbursementRequestedEvent = z.infer<
  typeof incentiveDisbursementRequestedEventSchema
>;
/** An `incentive.disbursement_cancelled` event. */
export type IncentiveDisbursementCancelledEvent = z.infer<
  typeof incentiveDisbursementCancelledEventSchema
>;
