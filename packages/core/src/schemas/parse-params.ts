import * as z from 'zod/mini';
import { RequestValidationError } from '../errors/validation-errors.js';

/**
 * Validates caller input against a schema before anything is sent.
 *
 * Throws {@link RequestValidationError} naming the first offending field.
 *
 * @example
 * const params = parseParams(quotaParamsSchema, input, '/api/v1/integration/payment/quota-schedule');
 */
export function parseParams<T>(schema: z.core.$ZodType<T>, input: unknown, endpoint?: string): T {
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  throw new RequestValidationError(
    result.error.issues.map((issue) => ({ path: issue.path, message: issue.message })),
    endpoint,
  );
}
