import { fail } from './core.js';
import type { Check, Issue, Params } from './types.js';

/** Trims a string (replaces the value for the next checks and the output). */
export function trim(): Check<string> {
  return (value) => value.trim();
}

function originOf(value: unknown): string {
  return typeof value === 'string' ? 'string' : 'array';
}

/** At least `minimum` characters or items. */
export function minLength(minimum: number, params?: Params): Check<{ length: number }> {
  return (value, issues) => {
    if (value.length < minimum) {
      fail(
        issues,
        { code: 'too_small', origin: originOf(value), minimum, inclusive: true },
        value,
        params,
      );
    }
  };
}

/** At most `maximum` characters or items. */
export function maxLength(maximum: number, params?: Params): Check<{ length: number }> {
  return (value, issues) => {
    if (value.length > maximum) {
      fail(
        issues,
        { code: 'too_big', origin: originOf(value), maximum, inclusive: true },
        value,
        params,
      );
    }
  };
}

/** Exactly `length` characters or items. */
export function length(length: number, params?: Params): Check<{ length: number }> {
  return (value, issues) => {
    if (value.length !== length) {
      const big = value.length > length;
      fail(
        issues,
        {
          code: big ? 'too_big' : 'too_small',
          origin: originOf(value),
          [big ? 'maximum' : 'minimum']: length,
          inclusive: true,
          exact: true,
        } as never,
        value,
        params,
      );
    }
  };
}

/** A string matching `pattern`. */
export function regex(pattern: RegExp, params?: Params): Check<string> {
  return (value, issues) => {
    pattern.lastIndex = 0;
    if (!pattern.test(value)) {
      fail(
        issues,
        { code: 'invalid_format', origin: 'string', format: 'regex', pattern: String(pattern) },
        value,
        params,
      );
    }
  };
}

function bound(
  side: 'min' | 'max',
  limit: number,
  inclusive: boolean,
  params?: Params,
): Check<number> {
  return (value, issues) => {
    if (
      side === 'min'
        ? inclusive
          ? value < limit
          : value <= limit
        : inclusive
          ? value > limit
          : value >= limit
    ) {
      fail(
        issues,
        {
          code: side === 'min' ? 'too_small' : 'too_big',
          origin: 'number',
          [side === 'min' ? 'minimum' : 'maximum']: limit,
          inclusive,
        } as never,
        value,
        params,
      );
    }
  };
}

/** A number `>= minimum`. */
export function gte(minimum: number, params?: Params): Check<number> {
  return bound('min', minimum, true, params);
}

/** A number `>= minimum` (alias of {@link gte}). */
export const minimum = gte;

/** A number `> minimum`. */
export function gt(minimum: number, params?: Params): Check<number> {
  return bound('min', minimum, false, params);
}

/** A number `<= maximum`. */
export function lte(maximum: number, params?: Params): Check<number> {
  return bound('max', maximum, true, params);
}

/** A number `<= maximum` (alias of {@link lte}). */
export const maximum = lte;

/** A number `< maximum`. */
export function lt(maximum: number, params?: Params): Check<number> {
  return bound('max', maximum, false, params);
}

/** A multiple of `divisor`. */
export function multipleOf(divisor: number, params?: Params): Check<number> {
  return (value, issues) => {
    if (value % divisor !== 0)
      fail(issues, { code: 'not_multiple_of', origin: 'number', divisor }, value, params);
  };
}

/**
 * A value the function accepts; a refusal is a `custom` issue with the given message (an `error`
 * function receives the value as `issue.input`), placed at `params.path` if given.
 */
export function refine<T>(accept: (value: T) => unknown, params?: Params): Check<T> {
  return (value: T, issues: Issue[]) => {
    if (!accept(value)) fail(issues, { code: 'custom' }, value, params);
  };
}
