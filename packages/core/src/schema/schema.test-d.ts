import { expectTypeOf, it } from 'vitest';
import * as z from './index.js';

it('infers object outputs: optional keys become ?:, loose objects keep unknown keys', () => {
  const schema = z.object({
    a: z.string(),
    b: z.optional(z.number()),
    c: z.optional(z.nullable(z.boolean())),
    d: z.unknown(),
    e: z.enum(['tpm', 'uk']),
    f: z.union([z.literal(1), z.literal(2)]),
    g: z.array(z.int()),
    h: z.custom<Date>((value) => value instanceof Date),
  });
  expectTypeOf<z.infer<typeof schema>>().toEqualTypeOf<{
    a: string;
    b?: number | undefined;
    c?: boolean | null | undefined;
    d: unknown;
    e: 'tpm' | 'uk';
    f: 1 | 2;
    g: number[];
    h: Date;
  }>();
  const loose = z.looseObject({ a: z.string() });
  expectTypeOf<z.output<typeof loose>>().toEqualTypeOf<
    { a: string } & { [key: string]: unknown }
  >();
});

it('separates input and output through pipe and transform', () => {
  const schema = z.pipe(
    z.string(),
    z.transform((value: string) => value.length),
  );
  expectTypeOf<z.input<typeof schema>>().toEqualTypeOf<string>();
  expectTypeOf<z.output<typeof schema>>().toEqualTypeOf<number>();
});

it('types parse, safeParse and the Standard Schema interface', () => {
  const schema = z.discriminatedUnion('type', [
    z.object({ type: z.literal('a'), n: z.number() }),
    z.object({ type: z.literal('b') }),
  ]);
  expectTypeOf(z.parse(schema, {})).toEqualTypeOf<{ type: 'a'; n: number } | { type: 'b' }>();
  const result = z.safeParse(schema, {});
  if (result.success) expectTypeOf(result.data).toEqualTypeOf<z.Infer<typeof schema>>();
  else expectTypeOf(result.error.issues).toEqualTypeOf<z.Issue[]>();
  expectTypeOf(schema).toExtend<
    z.StandardSchemaV1<unknown, { type: 'a'; n: number } | { type: 'b' }>
  >();
});

it('keeps a schema type through .check and refuses a check of another type', () => {
  const schema = z.string().check(z.trim(), z.minLength(1));
  expectTypeOf(schema).toEqualTypeOf<z.Schema<string>>();
  // @ts-expect-error a number check on a string schema
  z.string().check(z.gte(1));
});
