import { fail, schema } from './core.js';
import type { Params, Schema } from './types.js';

/** A string. */
export function string(params?: Params): Schema<string> {
  return schema({ kind: 'string' }, (value, issues) => {
    if (typeof value !== 'string')
      fail(issues, { code: 'invalid_type', expected: 'string' }, value, params);
    return value;
  });
}

/** A finite number (`NaN` and `±Infinity` refused). */
export function number(params?: Params): Schema<number> {
  return schema({ kind: 'number' }, (value, issues) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      fail(
        issues,
        typeof value === 'number'
          ? { code: 'invalid_type', expected: 'number', received: String(value).replace('-', '') }
          : { code: 'invalid_type', expected: 'number' },
        value,
        params,
      );
    }
    return value;
  });
}

/** A safe integer. */
export function int(params?: Params): Schema<number> {
  return schema({ kind: 'number', int: true }, (value, issues) => {
    if (typeof value !== 'number') {
      fail(issues, { code: 'invalid_type', expected: 'number' }, value, params);
    } else if (!Number.isInteger(value)) {
      fail(issues, { code: 'invalid_type', expected: 'int', format: 'safeint' }, value, params);
    } else if (!Number.isSafeInteger(value)) {
      const big = value > 0;
      fail(
        issues,
        {
          code: big ? 'too_big' : 'too_small',
          [big ? 'maximum' : 'minimum']: big ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER,
          note: 'Integers must be within the safe integer range.',
          origin: 'int',
          inclusive: true,
        } as never,
        value,
        params,
      );
    }
    return value;
  });
}

/** `true` or `false`. */
export function boolean(params?: Params): Schema<boolean> {
  return schema({ kind: 'boolean' }, (value, issues) => {
    if (typeof value !== 'boolean')
      fail(issues, { code: 'invalid_type', expected: 'boolean' }, value, params);
    return value;
  });
}

/** Any value. */
export function unknown(): Schema<unknown> {
  return schema({ kind: 'unknown' }, (value) => value);
}

/**
 * A value the function accepts (any value without one); a refusal is a `custom` issue with the
 * given message.
 */
export function custom<T>(accept?: (value: unknown) => unknown, params?: Params): Schema<T> {
  return schema({ kind: 'custom' }, (value, issues) => {
    if (accept && !accept(value)) fail(issues, { code: 'custom' }, value, params);
    return value;
  });
}

type Primitive = string | number | boolean | null | undefined | bigint;

/** Exactly this value. */
export function literal<const T extends Primitive>(value: T, params?: Params): Schema<T> {
  return oneOf([value], params) as Schema<T>;
}

function oneOf<const T extends readonly Primitive[]>(
  values: T,
  params?: Params,
): Schema<T[number]> {
  return schema({ kind: 'value', values }, (value, issues) => {
    if (!values.includes(value as T[number])) {
      fail(issues, { code: 'invalid_value', values: [...values] }, value, params);
    }
    return value;
  });
}

/** One of these strings (zod's `z.enum` with an array). */
function enumOf<const T extends readonly [string, ...string[]]>(
  values: T,
  params?: Params,
): Schema<T[number]> {
  return oneOf(values, params);
}

export { enumOf as enum };
