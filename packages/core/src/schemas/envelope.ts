import * as z from 'zod/mini';

/** Successful integration response: `{ success: true, message, data }`. */
export const successEnvelopeSchema = z.looseObject({
  success: z.literal(true),
  message: z.optional(z.string()),
  data: z.optional(z.unknown()),
});

/** Successful integration response. */
export type SuccessEnvelope = z.infer<typeof successEnvelopeSchema>;

/**
 * Error response: `{ code, message, success: false }`, or the SSO form with `errorCode`.
 *
 * Both code fields are optional so a malformed error body still yields the message it has.
 */
export const errorEnvelopeSchema = z.looseObject({
  success: z.optional(z.literal(false)),
  code: z.optional(z.union([z.string(), z.number()])),
  errorCode: z.optional(z.union([z.string(), z.number()])),
  message: z.optional(z.string()),
});

/** Error response (integration or SSO form). */
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;
