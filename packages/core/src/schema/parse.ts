import type { Issue, Output, Schema, StandardSchemaV1 } from './types.js';

/** Thrown by {@link parse}: the value did not match the schema; `issues` say where and why. */
export class SchemaError extends Error {
  override readonly name = 'SchemaError';
  /** What failed, zod-shaped. */
  readonly issues: Issue[];

  constructor(issues: Issue[]) {
    super(
      issues.map((issue) => `${issue.path.join('.') || '(value)'}: ${issue.message}`).join('; '),
    );
    this.issues = issues;
  }
}

/** The result of {@link safeParse}. */
export type SafeParseResult<T> =
  | { success: true; data: T; error?: undefined }
  | { success: false; data?: undefined; error: SchemaError };

/**
 * Validates a value against a schema without throwing.
 *
 * @example
 * const result = safeParse(paymentEventSchema, body);
 * if (result.success) handle(result.data);
 */
export function safeParse<S extends Schema<unknown, unknown>>(
  schema: S,
  value: unknown,
): SafeParseResult<Output<S>> {
  const issues: Issue[] = [];
  const data = schema['~run'](value, issues) as Output<S>;
  return issues.length === 0
    ? { success: true, data }
    : { success: false, error: new SchemaError(issues) };
}

/**
 * Validates a value against a schema; throws {@link SchemaError} when it does not match.
 *
 * @example
 * const event = parse(webhookEventSchema, JSON.parse(body));
 */
export function parse<S extends Schema<unknown, unknown>>(schema: S, value: unknown): Output<S> {
  const result = safeParse(schema, value);
  if (result.success) return result.data;
  throw result.error;
}

export type { StandardSchemaV1 };
