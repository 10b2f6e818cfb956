import { type Schema, safeParse } from '@prakerja-kit/core';
import * as z from 'zod/mini';

/**
 * One of core's schemas (the kit's own validator) inside the sandbox's zod schemas: the same
 * values pass, and a refusal carries the kit schema's first message.
 */
export function fromKit<T>(schema: Schema<T, unknown>): z.ZodMiniCustom<T, T> {
  return z.custom<T>((value) => safeParse(schema, value).success, {
    error: (issue) => safeParse(schema, issue.input).error?.issues[0]?.message,
  });
}
