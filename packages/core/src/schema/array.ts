import { fail, schema, under } from './core.js';
import type { AnySchema, Input, Output, Params, Schema } from './types.js';

/** An array of `item` values. */
export function array<S extends AnySchema>(
  item: S,
  params?: Params,
): Schema<Output<S>[], Input<S>[]> {
  const run = item['~run'];
  return schema({ kind: 'array', item }, (value, issues) => {
    if (!Array.isArray(value)) {
      fail(issues, { code: 'invalid_type', expected: 'array' }, value, params);
      return value;
    }
    const out: unknown[] = [];
    for (let index = 0; index < value.length; index++) {
      const before = issues.length;
      out.push(run(value[index], issues));
      if (issues.length > before) under(issues, before, index);
    }
    return out;
  });
}
