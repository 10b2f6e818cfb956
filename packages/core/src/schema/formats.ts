import { fail, schema } from './core.js';
import type { Params, Schema } from './types.js';

// zod's ISO date (leap years included) and time sources, so the same strings pass.
const DATE =
  '(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))';
const TIME = '(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?';

function formatted(
  format: string,
  accept: (value: string) => boolean,
  params?: Params,
  pattern?: RegExp,
): Schema<string> {
  return schema({ kind: 'string', format, pattern }, (value, issues) => {
    if (typeof value !== 'string')
      fail(issues, { code: 'invalid_type', expected: 'string' }, value, params);
    else if (!accept(value)) {
      fail(
        issues,
        pattern
          ? { code: 'invalid_format', origin: 'string', format, pattern: String(pattern) }
          : { code: 'invalid_format', format },
        value,
        params,
      );
    }
    return value;
  });
}

/** Options of {@link datetime}. */
export interface DatetimeOptions {
  /** Accept a `±HH:MM` offset as well as `Z`. */
  offset?: boolean;
}

/**
 * An ISO-8601 date-time string with seconds (fractions allowed), ending in `Z` (or an offset
 * with `{ offset: true }`). zod's `z.iso.datetime`.
 */
export function datetime(options?: DatetimeOptions & Exclude<Params, string>): Schema<string> {
  const zone = options?.offset ? '(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d))' : '(?:Z)';
  const pattern = new RegExp(`^${DATE}T(?:${TIME}${zone})$`);
  return formatted('datetime', (value) => pattern.test(value), options, pattern);
}

/** A string `new URL()` accepts. */
export function url(params?: Params): Schema<string> {
  return formatted(
    'url',
    (value) => {
      try {
        new URL(value.trim());
        return true;
      } catch {
        return false;
      }
    },
    params,
  );
}
