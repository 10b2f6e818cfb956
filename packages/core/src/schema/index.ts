// The schema builders, named like zod/mini's functional API so a call site reads `z.object(…)`
// after `import * as z from '@prakerja-kit/core/internal/schema'`. One module per kind or small
// group, no module-level side effects: a bundle keeps only the kinds it uses.
export { array } from './array.js';
export {
  gt,
  gte,
  length,
  lt,
  lte,
  maximum,
  maxLength,
  minimum,
  minLength,
  multipleOf,
  refine,
  regex,
  trim,
} from './checks.js';
export { DEFAULT_MESSAGE, fail, schema } from './core.js';
export { url } from './formats.js';
export * as iso from './iso.js';
export type { ObjectInput, ObjectOutput, ObjectSchema, Shape, UnknownKeys } from './object.js';
export { looseObject, object, strictObject } from './object.js';
export type { SafeParseResult } from './parse.js';
export { parse, SchemaError, safeParse } from './parse.js';
export { pipe, transform } from './pipe.js';
export {
  boolean,
  custom,
  enum,
  int,
  literal,
  number,
  string,
  unknown,
} from './primitives.js';
export type {
  AnySchema,
  Check,
  Infer,
  Infer as infer,
  Input,
  Input as input,
  Issue,
  OptionalSchema,
  Output,
  Output as output,
  Params,
  Schema,
  SchemaDef,
  StandardSchemaV1,
} from './types.js';
export { discriminatedUnion, union } from './union.js';
export { nullable, optional } from './wrappers.js';
