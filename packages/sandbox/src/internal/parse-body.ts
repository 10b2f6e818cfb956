import { ProgramErrorCode } from '@prakerja-kit/core';
import * as z from 'zod/mini';
import { fail } from './program-failure.js';

/** Validates a parsed request body, answering `SBX_GEN40003` (invalid field) on failure. */
export function parseBody<T>(schema: z.core.$ZodType<T>, body: unknown): T {
  const result = z.safeParse(schema, body);
  if (!result.success) fail(ProgramErrorCode.INVALID_FIELD);
  return result.data;
}

/** A string field that may be empty (emptiness is checked by the rule that owns it). */
export const text = z.string();

/** A non-empty string. */
export const required = z.string().check(z.minLength(1));

/** An integer given as a number or a numeric string (clients in other languages do both). */
export const integer = z.pipe(
  z.union([z.int(), z.string().check(z.regex(/^\d+$/))]),
  z.transform((value) => Number(value)),
);

/** True when `value` is a plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
