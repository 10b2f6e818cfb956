import { fail, schema } from './core.js';
import type { AnySchema, Input, Issue, Output, Params, Schema } from './types.js';

/** A value of the first option that accepts it; else an `invalid_union` issue with each option's issues. */
export function union<const T extends readonly AnySchema[]>(
  options: T,
  params?: Params,
): Schema<Output<T[number]>, Input<T[number]>> {
  return schema({ kind: 'union', options }, (value, issues) => {
    const errors: Issue[][] = [];
    for (const option of options) {
      const own: Issue[] = [];
      const out = option['~run'](value, own);
      if (own.length === 0) return out;
      errors.push(own);
    }
    fail(issues, { code: 'invalid_union', errors }, value, params);
    return value;
  });
}

/**
 * A union of object schemas told apart by the literal at `key`: the value is validated by the
 * option its `key` names only.
 */
export function discriminatedUnion<const K extends string, const T extends readonly AnySchema[]>(
  key: K,
  options: T,
  params?: Params,
): Schema<Output<T[number]>, Input<T[number]>> {
  let byValue: Map<unknown, AnySchema> | undefined;
  return schema({ kind: 'union', options, discriminator: key }, (value, issues) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      fail(issues, { code: 'invalid_type', expected: 'object' }, value, params);
      return value;
    }
    if (!byValue) {
      byValue = new Map();
      for (const option of options) {
        const values = (option.def['shape'] as Record<string, AnySchema>)[key]!.def[
          'values'
        ] as unknown[];
        for (const literal of values) byValue.set(literal, option);
      }
    }
    const option = byValue.get((value as Record<string, unknown>)[key]);
    if (option) return option['~run'](value, issues);
    fail(
      issues,
      {
        code: 'invalid_union',
        errors: [],
        note: 'No matching discriminator',
        discriminator: key,
        options: [...byValue.keys()],
      },
      value,
      params,
    );
    issues.at(-1)!.path.push(key);
    return value;
  });
}
