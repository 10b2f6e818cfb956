import * as z from 'zod/mini';

// Field rules shared by the fixture schemas (sandbox-fixtures.ts) and the state schemas
// (state.ts), from which their types are inferred.

/** Any string. */
export const text = z.string();
/** A non-empty string. */
export const nonEmpty = z.string().check(z.minLength(1, 'expected a non-empty string'));
/** A string or null. */
export const nullableText = z.nullable(z.string());
/** A non-negative integer. */
export const count = z.int().check(z.minimum(0));
/** A non-negative number. */
export const amount = z.number().check(z.minimum(0));
/** Sandbox ms times: finite numbers (JSON has no other). */
export const ms = z.number();

const isDate = (value: string) => Number.isFinite(Date.parse(value));
const isUrl = (value: string) => {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
};
/** A time the state machine parses (fixture times). */
export const dateText = z.string().check(z.refine(isDate, 'expected an ISO-8601 date'));
/** An http(s) URL. */
export const httpUrl = z
  .string()
  .check(
    z.refine(
      (value) => isUrl(value) && /^https?:$/.test(new URL(value).protocol),
      'expected an http(s) URL',
    ),
  );
