import { schema } from './core.js';
import type { AnySchema, Input, Output, Schema } from './types.js';

/** Maps the value with `map` (never fails). Use it after a schema with {@link pipe}. */
export function transform<I, O>(map: (value: I) => O): Schema<O, I> {
  return schema({ kind: 'transform' }, (value) => map(value as I));
}

/** Validates with `first`, then gives its output to `second`. */
export function pipe<A extends AnySchema, B extends AnySchema>(
  first: A,
  second: B,
): Schema<Output<B>, Input<A>> {
  return schema({ kind: 'pipe', first, second }, (value, issues) => {
    const before = issues.length;
    const out = first['~run'](value, issues);
    return issues.length > before ? out : second['~run'](out, issues);
  });
}
