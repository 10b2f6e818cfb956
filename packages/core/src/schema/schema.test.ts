import { describe, expect, it } from 'vitest';
import * as zm from 'zod/mini';
import * as z from './index.js';

// Each kind and check beside zod/mini's: the same values pass with the same output, and the same
// values fail with the same issues (describe-issues.ts and the error messages rely on them).
const datetime = '2026-12-01T09:00:00Z';
const offsetDatetime = '2026-12-01T09:00:00+07:00';
const refineMessage = (issue: { input: unknown }) => `bad ${typeof issue.input}`;
const CASES: ReadonlyArray<[string, z.AnySchema, zm.ZodMiniType, unknown[]]> = [
  ['string', z.string(), zm.string(), ['a', '', 1, null, undefined, {}]],
  ['number', z.number(), zm.number(), [1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '1', null]],
  ['int', z.int(), zm.int(), [1, 1.5, 2 ** 60, -(2 ** 60), '2']],
  ['boolean', z.boolean(), zm.boolean(), [true, false, 1, 'true']],
  ['unknown', z.unknown(), zm.unknown(), [1, undefined, null, {}]],
  ['literal', z.literal(999), zm.literal(999), [999, 998, '999']],
  ['enum', z.enum(['tpm', 'uk']), zm.enum(['tpm', 'uk']), ['tpm', 'uk', 'x', 1]],
  [
    'custom',
    z.custom((v) => v === 1, 'must be 1'),
    zm.custom((v) => v === 1, 'must be 1'),
    [1, 2, undefined],
  ],
  ['custom, no message', z.custom((v) => v === 1), zm.custom((v) => v === 1), [2]],
  [
    'custom, message option',
    z.custom(() => false, { message: 'M' }),
    zm.custom(() => false, { message: 'M' }),
    [1],
  ],
  ['optional', z.optional(z.string()), zm.optional(zm.string()), [undefined, 'a', null]],
  ['nullable', z.nullable(z.string()), zm.nullable(zm.string()), [null, 'a', undefined]],
  [
    'object',
    z.object({ a: z.string(), b: z.optional(z.number()) }),
    zm.object({ a: zm.string(), b: zm.optional(zm.number()) }),
    [{ a: 'x' }, { a: 'x', b: 1, c: 2 }, { a: 'x', b: undefined }, { b: 'y' }, [], null, 'x'],
  ],
  [
    'looseObject',
    z.looseObject({ a: z.string() }),
    zm.looseObject({ a: zm.string() }),
    [
      { a: 'x', b: 1 },
      { a: 1, b: 1 },
    ],
  ],
  [
    'strictObject',
    z.strictObject({ a: z.string() }),
    zm.strictObject({ a: zm.string() }),
    [{ a: 'x' }, { a: 'x', b: 1, c: 2 }, { b: 1 }],
  ],
  [
    'nested object',
    z.object({ o: z.object({ p: z.array(z.int()) }) }),
    zm.object({ o: zm.object({ p: zm.array(zm.int()) }) }),
    [{ o: { p: [1, 2] } }, { o: { p: [1, 'x', 2.5] } }, { o: {} }],
  ],
  ['array', z.array(z.string()), zm.array(zm.string()), [[], ['a'], ['a', 1], 'a']],
  [
    'union',
    z.union([z.string(), z.number()]),
    zm.union([zm.string(), zm.number()]),
    ['a', 1, true],
  ],
  [
    'discriminatedUnion',
    z.discriminatedUnion('type', [
      z.object({ type: z.literal('a') }),
      z.object({ type: z.literal('b'), x: z.string() }),
    ]),
    zm.discriminatedUnion('type', [
      zm.object({ type: zm.literal('a') }),
      zm.object({ type: zm.literal('b'), x: zm.string() }),
    ]),
    [{ type: 'a' }, { type: 'b', x: 'y' }, { type: 'b' }, { type: 'c' }, 5],
  ],
  [
    'trim + minLength + refine',
    z.string().check(
      z.trim(),
      z.minLength(1),
      z.refine((v) => v !== 'x'),
    ),
    zm.string().check(
      zm.trim(),
      zm.minLength(1),
      zm.refine((v) => v !== 'x'),
    ),
    ['  a ', '   ', ' x ', 1],
  ],
  [
    'maxLength, length',
    z.string().check(z.maxLength(3), z.length(2)),
    zm.string().check(zm.maxLength(3), zm.length(2)),
    ['ab', 'a', 'abcd'],
  ],
  [
    'array length',
    z.array(z.number()).check(z.minLength(1), z.maxLength(2)),
    zm.array(zm.number()).check(zm.minLength(1), zm.maxLength(2)),
    [[], [1], [1, 2, 3]],
  ],
  ['regex', z.string().check(z.regex(/^P/)), zm.string().check(zm.regex(/^P/)), ['Px', 'x']],
  [
    'gte, lte, lt, minimum, multipleOf',
    z.number().check(z.gte(1), z.lte(10), z.lt(9), z.minimum(0), z.multipleOf(2)),
    zm.number().check(zm.gte(1), zm.lte(10), zm.lt(9), zm.minimum(0), zm.multipleOf(2)),
    [2, 0, 9, 11, 3],
  ],
  ['url', z.url(), zm.url(), ['https://example.com/x', 'nope', 1]],
  [
    'iso.datetime',
    z.iso.datetime(),
    zm.iso.datetime(),
    [datetime, '2026-12-01T09:00:00.123Z', offsetDatetime, '2026-02-30T00:00:00Z', '1 Dec 2026'],
  ],
  [
    'iso.datetime with offset',
    z.iso.datetime({ offset: true }),
    zm.iso.datetime({ offset: true }),
    [datetime, offsetDatetime, '2026-12-01T09:00:00+7', '2024-02-29T00:00:00Z'],
  ],
  ['error option', z.number({ error: 'E' }), zm.number({ error: 'E' }), ['x', 1]],
  [
    'refine with an error function and a path',
    z
      .object({ s: z.number(), t: z.string() })
      .check(z.refine<{ s: number }>((v) => v.s > 0, { error: refineMessage, path: ['s'] })),
    zm
      .object({ s: zm.number(), t: zm.string() })
      .check(zm.refine<{ s: number }>((v) => v.s > 0, { error: refineMessage, path: ['s'] })),
    [
      { s: 1, t: 'a' },
      { s: 0, t: 'a' },
      { s: '0', t: 'a' },
    ],
  ],
  [
    'pipe + transform',
    z.pipe(
      z.string(),
      z.transform((v: string) => v.length),
    ),
    zm.pipe(
      zm.string(),
      zm.transform((v: string) => v.length),
    ),
    ['abc', 1],
  ],
];

describe.each(CASES)('%s behaves like zod/mini', (_name, ours, theirs, inputs) => {
  it.each(inputs.map((input) => [input]))('on %o', (input) => {
    const mine = z.safeParse(ours, input);
    const zods = zm.safeParse(theirs, input);
    expect(mine.success).toBe(zods.success);
    if (mine.success && zods.success) expect(mine.data).toStrictEqual(zods.data);
    else expect(JSON.parse(JSON.stringify(mine.error?.issues))).toEqual(zods.error?.issues);
  });
});

describe('schemas', () => {
  it('.check returns a new schema and leaves the original as it was', () => {
    const base = z.string();
    const checked = base.check(z.minLength(2));
    expect(z.safeParse(base, 'a').success).toBe(true);
    expect(z.safeParse(checked, 'a').success).toBe(false);
  });

  it('parse returns the output or throws a SchemaError naming the path', () => {
    const schema = z.object({ a: z.object({ b: z.string() }) });
    expect(z.parse(schema, { a: { b: 'x' } })).toEqual({ a: { b: 'x' } });
    expect(() => z.parse(schema, { a: { b: 1 } })).toThrow(z.SchemaError);
    expect(() => z.parse(schema, { a: { b: 1 } })).toThrow('a.b: Invalid input');
  });

  it('strip and loose objects never copy a __proto__ key onto the prototype', () => {
    const input = JSON.parse('{"a":"x","__proto__":{"polluted":true}}') as unknown;
    const loose = z.parse(z.looseObject({ a: z.string() }), input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(loose)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.hasOwn(loose, '__proto__')).toBe(false);
    expect(Object.getPrototypeOf(Object.assign({}, loose))).toBe(Object.prototype);
    expect(loose).toEqual({ a: 'x' });
  });
});

describe('Standard Schema v1', () => {
  const schema = z.object({ a: z.optional(z.int()) });

  it('declares version 1 and the vendor', () => {
    expect(schema['~standard'].version).toBe(1);
    expect(schema['~standard'].vendor).toBe('prakerja-kit');
  });

  it('validates synchronously: { value } or { issues } with message and path', () => {
    expect(schema['~standard'].validate({ a: 1, b: 2 })).toEqual({ value: { a: 1 } });
    const result = schema['~standard'].validate({ a: 1.5 });
    expect(result).not.toBeInstanceOf(Promise);
    expect((result as z.StandardSchemaV1.FailureResult).issues).toEqual([
      expect.objectContaining({ message: 'Invalid input', path: ['a'] }),
    ]);
  });
});
