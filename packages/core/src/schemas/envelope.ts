import * as z from '../schema/index.js';

// Literals and unions as custom checks: the same values accepted, with less zod code in every
// client bundle (each zod schema kind a client uses adds its code).

/** Successful integration response: `{ success: true, message, data }`. */
export const successEnvelopeSchema = z.looseObject({
  success: z.custom<true>((value) => value === true),
  message: z.optional(z.string()),
  data: z.optional(z.unknown()),
});

/** Successful integration response. */
export type SuccessEnvelope = z.infer<typeof successEnvelopeSchema>;

const codeValue = z.custom<string | number>(
  (value) => typeof value === 'string' || typeof value === 'number',
);

/**
 * Error response: `{ code, message, success: false }`, or the SSO form with `errorCode`.
 *
 * Both code fields are optional so a malformed error body still yields the message it has.
 */
export const errorEnvelopeSchema = z.looseObject({
  success: z.optional(z.custom<false>((value) => value === false)),
  code: z.optional(codeValue),
  errorCode: z.optional(codeValue),
  message: z.optional(z.string()),
});

/** Error response (integration or SSO form). */
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;
