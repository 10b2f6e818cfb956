import { describe, expect, it } from 'vitest';
import { RequestValidationError } from '../errors/validation-errors.js';
import * as z from '../schema/index.js';
import { parseParams } from './parse-params.js';

function failure(schema: z.AnySchema, input: unknown): RequestValidationError {
  try {
    parseParams(schema, input, '/api/v1/x');
  } catch (error) {
    expect(error).toBeInstanceOf(RequestValidationError);
    return error as RequestValidationError;
  }
  throw new Error('expected a RequestValidationError');
}

const sequence = z
  .number({ error: 'expected an integer 1-10 or 999' })
  .check(
    z.refine(
      (value) => Number.isSafeInteger(value) && ((value >= 1 && value <= 10) || value === 999),
      'expected an integer 1-10 or 999',
    ),
  );

describe('parseParams messages', () => {
  it('names the field, what was expected and what was received', () => {
    const error = failure(z.object({ sequence }), { sequence: '2' });
    expect(error.field).toBe('sequence');
    expect(error.issues).toEqual([
      { path: ['sequence'], message: 'expected an integer 1-10 or 999, received the string "2"' },
    ]);
    expect(error.message).toBe(
      'Invalid request to /api/v1/x: `sequence`: expected an integer 1-10 or 999, received the string "2"',
    );
  });

  it.each([
    [z.object({ a: z.number() }), { a: '3' }, 'expected a number, received the string "3"'],
    [z.object({ a: z.string() }), { a: 3 }, 'expected a string, received the number 3'],
    [z.object({ a: z.string() }), {}, 'expected a string, received nothing (undefined)'],
    [z.object({ a: z.string() }), { a: null }, 'expected a string, received null'],
    [z.object({ a: z.string() }), { a: { b: 1 } }, 'expected a string, received an object'],
    [z.object({ a: z.string() }), { a: [1, 2] }, 'expected a string, received an array of 2 items'],
    [z.object({ a: z.boolean() }), { a: 'yes' }, 'expected a boolean, received the string "yes"'],
    [z.object({ a: z.int() }), { a: 1.5 }, 'expected an integer, received the number 1.5'],
    [
      z.object({ a: z.string().check(z.minLength(1)) }),
      { a: '' },
      'expected a non-empty string, received an empty string',
    ],
    [
      z.object({ a: z.string().check(z.minLength(3)) }),
      { a: 'ab' },
      'expected a string of at least 3 characters, received the string "ab"',
    ],
    [
      z.object({ a: z.string().check(z.maxLength(2)) }),
      { a: 'abc' },
      'expected a string of at most 2 characters, received the string "abc"',
    ],
    [
      z.object({ a: z.number().check(z.minimum(1)) }),
      { a: 0 },
      'expected a number >= 1, received the number 0',
    ],
    [
      z.object({ a: z.number().check(z.lt(5)) }),
      { a: 9 },
      'expected a number < 5, received the number 9',
    ],
    [
      z.object({ a: z.array(z.string()).check(z.maxLength(1)) }),
      { a: ['x', 'y'] },
      'expected an array of at most 1 item, received an array of 2 items',
    ],
    [
      z.object({ a: z.string().check(z.regex(/^P/)) }),
      { a: 'x' },
      'expected a string matching /^P/, received the string "x"',
    ],
    [z.object({ a: z.url() }), { a: 'nope' }, 'expected a valid url, received the string "nope"'],
    [
      z.object({ a: z.enum(['tpm', 'uk']) }),
      { a: 'x' },
      'expected one of "tpm", "uk", received the string "x"',
    ],
    [
      z.object({ a: z.union([z.string(), z.number()]) }),
      { a: true },
      'expected a string or a number, received the boolean true',
    ],
    [
      z.object({ a: z.number().check(z.multipleOf(5)) }),
      { a: 7 },
      'expected a multiple of 5, received the number 7',
    ],
    [
      z.object({ a: z.custom((value) => value === 'x', 'scope must be tpm or uk') }),
      { a: 'y' },
      'scope must be tpm or uk; received the string "y"',
    ],
  ] as const)('%#: %s', (schema, input, message) => {
    expect(failure(schema as z.AnySchema, input).issues[0]!.message).toBe(message);
  });

  it('reports unknown keys by name', () => {
    const error = failure(z.strictObject({ a: z.string() }), { a: 'x', extra: 1 });
    expect(error.issues[0]!.message).toBe(
      'expected no other keys than the documented ones (unknown: extra)',
    );
  });

  it('never prints a secret value, and masks identifiers', () => {
    const schema = z.object({
      otp: z.string().check(z.length(6)),
      paymentToken: z.number(),
      signKey: z.number(),
      password: z.number(),
      redeemCode: z.number(),
      email: z.number(),
      prakerjaId: z.string().check(z.length(16)),
      note: z.number(),
    });
    const error = failure(schema, {
      otp: '48291',
      paymentToken: 'ptok_fake_7c1e9a',
      signKey: 'sk_fake_1',
      password: 'hunter22',
      redeemCode: 'PRAT-UJ0EEQ',
      email: 'budi@example.com',
      prakerjaId: '12345678901234567',
      note: 'hi budi@example.com',
    });
    const text = error.message;
    for (const leaked of [
      '48291',
      'ptok_fake_7c1e9a',
      'sk_fake_1',
      'hunter22',
      'PRAT-UJ0EEQ',
      'budi@example.com',
      '12345678901234567',
    ]) {
      expect(text).not.toContain(leaked);
    }
    expect(text).toContain('`otp`: expected a string of exactly 6 characters');
    expect(text).toContain('received a string of 5 characters');
    expect(text).toContain('`paymentToken`: expected a number, received a string of 16 characters');
    expect(text).toContain('received the string "PRAT-****EQ"');
    expect(text).toContain('received the string "b***@example.com"');
    expect(text).toContain(
      '`prakerjaId`: expected a string of exactly 16 characters, received the string "12****67"',
    );
    expect(text).toContain('`note`: expected a number, received the string "hi b***@example.com"');
  });

  it('cuts long received strings', () => {
    const error = failure(z.object({ a: z.number() }), { a: 'x'.repeat(100) });
    expect(error.issues[0]!.message).toBe(
      `expected a number, received the string "${'x'.repeat(40)}…"`,
    );
  });
});
