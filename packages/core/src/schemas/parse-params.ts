import { RequestValidationError } from '../errors/validation-errors.js';
import * as z from '../schema/index.js';
import { describeIssues } from './describe-issues.js';

/**
 * Validates caller input against a schema before anything is sent.
 *
 * Throws {@link RequestValidationError} naming the first offending field, what was expected and
 * what was received (e.g. `` `sequence`: expected a number, received the string "2" ``); secret
 * values are never printed and identifiers are masked.
 *
 * @example
 * const params = parseParams(quotaParamsSchema, input, '/api/v1/integration/payment/quota-schedule');
 */
export function parseParams<T>(schema: z.Schema<T, unknown>, input: unknown, endpoint?: string): T {
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  throw new RequestValidationError(describeIssues(result.error.issues, input), endpoint);
}
