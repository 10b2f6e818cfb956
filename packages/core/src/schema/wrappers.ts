import { schema } from './core.js';
import type { AnySchema, Input, OptionalSchema, Output, Schema } from './types.js';

/** `undefined`, or a value of `inner`; an optional (`?:`) key in an object. */
export function optional<S extends AnySchema>(inner: S): OptionalSchema<S> {
  const run = inner['~run'];
  return schema({ kind: 'optional', inner }, (value, issues) =>
    value === undefined ? value : run(value, issues),
  );
}

/** `null`, or a value of `inner`. */
export function nullable<S extends AnySchema>(inner: S): Schema<Output<S> | null, Input<S> | null> {
  const run = inner['~run'];
  return schema({ kind: 'nullable', inner }, (value, issues) =>
    value === null ? value : run(value, issues),
  );
}
