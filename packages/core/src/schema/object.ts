import { fail, schema, under } from './core.js';
import type { AnySchema, Input, Output, Params, Schema } from './types.js';

/** The fields of an object schema. */
export type Shape = Readonly<Record<string, AnySchema>>;

type OptionalKeys<S extends Shape> = {
  [K in keyof S]: S[K] extends { '~optional': true } ? K : never;
}[keyof S];
type Flat<T> = { [K in keyof T]: T[K] } & {};

/** The output of an object schema: optional fields become `?:` keys. */
export type ObjectOutput<S extends Shape> = Flat<
  { -readonly [K in Exclude<keyof S, OptionalKeys<S>>]: Output<S[K]> } & {
    -readonly [K in OptionalKeys<S>]?: Output<S[K]>;
  }
>;
/** The input of an object schema: optional fields become `?:` keys. */
export type ObjectInput<S extends Shape> = Flat<
  { -readonly [K in Exclude<keyof S, OptionalKeys<S>>]: Input<S[K]> } & {
    -readonly [K in OptionalKeys<S>]?: Input<S[K]>;
  }
>;

/** What to do with keys the shape does not name: drop them, keep them, or refuse them. */
export type UnknownKeys = 'strip' | 'loose' | 'strict';

/** An object schema; `def.shape` holds its fields. */
export interface ObjectSchema<S extends Shape, O = ObjectOutput<S>, I = ObjectInput<S>>
  extends Schema<O, I> {
  readonly def: { readonly kind: 'object'; readonly shape: S; readonly unknownKeys: UnknownKeys };
}

function objectOf(shape: Shape, unknownKeys: UnknownKeys, params?: Params): AnySchema {
  const keys = Object.keys(shape);
  return schema({ kind: 'object', shape, unknownKeys }, (value, issues) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      fail(issues, { code: 'invalid_type', expected: 'object' }, value, params);
      return value;
    }
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = unknownKeys === 'loose' ? { ...input } : {};
    // An own `__proto__` key (JSON.parse makes one) is dropped, as zod does: copied on, it would
    // replace the prototype of whatever the caller later Object.assign()s the output into.
    if (Object.hasOwn(out, '__proto__')) Reflect.deleteProperty(out, '__proto__');
    for (const key of keys) {
      const before = issues.length;
      const parsed = shape[key]!['~run'](input[key], issues);
      if (issues.length > before) under(issues, before, key);
      else if (parsed !== undefined || key in input) out[key] = parsed;
    }
    if (unknownKeys === 'strict') {
      const unknown = Object.keys(input).filter((key) => !Object.hasOwn(shape, key));
      if (unknown.length > 0)
        fail(issues, { code: 'unrecognized_keys', keys: unknown }, value, params);
    }
    return out;
  });
}

/** An object with these fields; other keys are dropped from the output. */
export function object<const S extends Shape>(shape: S, params?: Params): ObjectSchema<S> {
  return objectOf(shape, 'strip', params) as ObjectSchema<S>;
}

/** An object with these fields; other keys are kept as they are. */
export function looseObject<const S extends Shape>(
  shape: S,
  params?: Params,
): ObjectSchema<
  S,
  ObjectOutput<S> & { [key: string]: unknown },
  ObjectInput<S> & { [key: string]: unknown }
> {
  return objectOf(shape, 'loose', params) as never;
}

/** An object with these fields and no other key (an unknown key is an `unrecognized_keys` issue). */
export function strictObject<const S extends Shape>(shape: S, params?: Params): ObjectSchema<S> {
  return objectOf(shape, 'strict', params) as ObjectSchema<S>;
}
