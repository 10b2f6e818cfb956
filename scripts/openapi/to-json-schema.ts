// JSON Schema (2020-12, the input side) of the kit's own schemas (packages/core/src/schema), for
// the OpenAPI document: the subset of zod's toJSONSchema the wire schemas need. Not shipped.
import type { AnySchema } from '@prakerja-kit/core/internal/schema';

type Json = Record<string, unknown>;

/** Options of {@link toJsonSchema}. */
export interface ToJsonSchemaOptions {
  /** The JSON Schema of a schema the converter cannot see inside (`custom`), or undefined. */
  override?: (schema: AnySchema) => Json | undefined;
}

const DATETIME_FORMATS: Readonly<Record<string, string>> = { datetime: 'date-time', url: 'uri' };

function onlyType(json: Json): string[] | undefined {
  const keys = Object.keys(json);
  if (keys.length !== 1 || keys[0] !== 'type') return undefined;
  return Array.isArray(json['type']) ? (json['type'] as string[]) : [json['type'] as string];
}

/** `anyOf` of plain `{ type }` schemas as one `{ type: [...] }` (zod's output for them). */
function anyOf(options: Json[]): Json {
  const types = options.map(onlyType);
  if (types.every((type) => type !== undefined)) return { type: types.flat() };
  return { anyOf: options };
}

/**
 * A schema as JSON Schema. Checks (`refine`, `trim`…) are not represented (zod does not see into
 * refinements either); `custom` is `{}` unless `override` knows it.
 */
export function toJsonSchema(schema: AnySchema, options: ToJsonSchemaOptions = {}): Json {
  const known = options.override?.(schema);
  if (known) {
    // zod's output for an overridden `anyOf` of plain types: the other keys, then one `type`.
    const { anyOf: options_, ...rest } = known;
    const merged = Array.isArray(options_) ? anyOf(options_ as Json[]) : undefined;
    return merged && !('anyOf' in merged) ? { ...rest, ...merged } : known;
  }
  const def = schema.def;
  const convert = (inner: unknown) => toJsonSchema(inner as AnySchema, options);
  switch (def.kind) {
    case 'string': {
      const format = def['format'] as string | undefined;
      if (format === undefined) return { type: 'string' };
      const pattern = def['pattern'] as RegExp | undefined;
      return {
        type: 'string',
        format: DATETIME_FORMATS[format] ?? format,
        ...(pattern ? { pattern: pattern.source } : {}),
      };
    }
    case 'number':
      return def['int']
        ? { type: 'integer', minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER }
        : { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'value': {
      const values = def['values'] as unknown[];
      if (values.length === 1) {
        const value = values[0];
        return { type: value === null ? 'null' : typeof value, const: value };
      }
      const types = new Set(values.map((value) => typeof value));
      return types.size === 1 ? { type: [...types][0], enum: values } : { enum: values };
    }
    case 'object': {
      const shape = def['shape'] as Record<string, AnySchema>;
      const properties: Json = {};
      const required: string[] = [];
      for (const [key, field] of Object.entries(shape)) {
        properties[key] = convert(field);
        if (field.def.kind !== 'optional') required.push(key);
      }
      return {
        type: 'object',
        properties,
        ...(required.length > 0 ? { required } : {}),
        ...(def['unknownKeys'] === 'strict'
          ? { additionalProperties: false }
          : def['unknownKeys'] === 'loose'
            ? { additionalProperties: {} }
            : {}),
      };
    }
    case 'optional':
      return convert(def['inner']);
    case 'nullable':
      return anyOf([convert(def['inner']), { type: 'null' }]);
    case 'union':
      return { anyOf: (def['options'] as AnySchema[]).map(convert) };
    case 'array':
      return { type: 'array', items: convert(def['item']) };
    case 'pipe':
      return convert(def['first']);
    default:
      // unknown, custom, transform: any value.
      return {};
  }
}
