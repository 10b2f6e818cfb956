import { describe, expect, it } from 'vitest';
import * as zm from 'zod/mini';
import { ProgramApiError, RedirectError } from '../errors/request-errors.js';
import { ResponseValidationError } from '../errors/validation-errors.js';
import * as z from '../schema/index.js';
import { type AnswerParts, interpretResponse, isRedirect } from './interpret-response.js';

const answer = (status: number, headers: Record<string, string> = {}): AnswerParts => ({
  status,
  statusText: '',
  headers: new Headers(headers),
});

const context = (readOnly: boolean) => ({
  path: '/api/v1/integration/payment/redeem-code/commit',
  readOnly,
  body: { redeem_code: 'ABCDEF123456' },
  data: z.object({ state: z.string() }),
  attempt: 2,
  secrets: () => ['sk_fake_secret_value'],
  receivedAt: Date.parse('2026-12-01T00:00:00Z'),
  maxResponseBytes: 1024,
});

const json = (value: unknown) => JSON.stringify(value);

function failureOf(result: ReturnType<typeof interpretResponse>) {
  if (result.outcome !== 'failure') throw new Error(`expected a failure, got ${result.outcome}`);
  return result.failure;
}

describe('interpretResponse', () => {
  it('returns the validated data of a success envelope', () => {
    const result = interpretResponse(
      answer(200),
      json({ success: true, message: 'OK', data: { state: 'REDEEMED', extra: 1 } }),
      context(false),
    );
    expect(result).toEqual({
      outcome: 'success',
      answer: { data: { state: 'REDEEMED' }, message: 'OK', status: 200 },
    });
  });

  it('never throws: an unreadable 2xx is a thrown ResponseValidationError failure', () => {
    const bodies = ['<html>', json({ data: {} }), json({ success: true, data: { state: 1 } })];
    for (const body of bodies) {
      const failure = failureOf(interpretResponse(answer(200), body, context(false)));
      expect(failure.kind).toBe('throw');
      expect(failure.error).toBeInstanceOf(ResponseValidationError);
    }
  });

  it('fails a cut-off 2xx as unreadable and keeps the status of a cut-off error', () => {
    const cut = { tooLarge: true as const, bytes: 2048 };
    const ok = failureOf(interpretResponse(answer(200), cut, context(false)));
    expect(ok.kind).toBe('throw');
    expect(ok.error).toBeInstanceOf(ResponseValidationError);
    expect(ok.error.message).toContain('may have processed');
    const served = failureOf(interpretResponse(answer(503), cut, context(true)));
    expect(served).toMatchObject({ kind: 'retry', reason: 'HTTP 503' });
    expect(served.error).toMatchObject({ status: 503 });
    expect((served.error as ProgramApiError).programMessage).toContain('message omitted');
  });

  it('fails a redirect with RedirectError, its location masked', () => {
    const failure = failureOf(
      interpretResponse(
        answer(302, { location: 'https://x.example/?key=sk_fake_secret_value' }),
        '',
        context(true),
      ),
    );
    expect(failure.kind).toBe('throw');
    expect(failure.error).toBeInstanceOf(RedirectError);
    expect(failure.error.message).not.toContain('sk_fake_secret_value');
    expect(isRedirect({ status: 0, type: 'opaqueredirect' })).toBe(true);
  });

  it('classifies error statuses: 408/429 retried, 5xx retried only when read-only', () => {
    const kinds = (readOnly: boolean) =>
      [400, 401, 408, 429, 500, 503].map(
        (status) => failureOf(interpretResponse(answer(status), '', context(readOnly))).kind,
      );
    expect(kinds(true)).toEqual(['throw', 'throw', 'retry', 'retry', 'retry', 'retry']);
    expect(kinds(false)).toEqual(['throw', 'throw', 'retry', 'retry', 'throw', 'throw']);
    const write5xx = failureOf(interpretResponse(answer(500), '', context(false)));
    expect(write5xx.error).toMatchObject({ maybeProcessed: true, attempts: 2 });
  });

  it('reads the code, masked message and Retry-After of an error, and success: false on a 200', () => {
    const failure = failureOf(
      interpretResponse(
        answer(429, { 'retry-after': '3' }),
        json({ success: false, code: 'RATE', message: 'slow down ABCDEF123456' }),
        context(false),
      ),
    );
    expect(failure).toMatchObject({ kind: 'retry', retryAfter: 3 });
    expect(failure.error).toMatchObject({ code: 'RATE', status: 429 });
    expect((failure.error as ProgramApiError).programMessage).not.toContain('ABCDEF123456');
    const declared = failureOf(
      interpretResponse(answer(200), json({ success: false, errorCode: 'E1' }), context(false)),
    );
    expect(declared.kind).toBe('throw');
    expect(declared.error).toBeInstanceOf(ProgramApiError);
    expect(declared.error).toMatchObject({ code: 'E1', status: 200 });
  });
});

describe('interpretResponse with another Standard Schema (zod) for data', () => {
  const withZod = { ...context(true), data: zm.object({ state: zm.string() }) };

  it('validates and returns the data', () => {
    const result = interpretResponse(
      answer(200),
      json({ success: true, data: { state: 'REDEEMED' } }),
      withZod,
    );
    expect(result).toEqual({
      outcome: 'success',
      answer: { data: { state: 'REDEEMED' }, message: '', status: 200 },
    });
  });

  it('describes its issues like the kit’s own', () => {
    const failure = failureOf(
      interpretResponse(answer(200), json({ success: true, data: { state: 2 } }), withZod),
    );
    if (failure.kind !== 'throw') throw new Error('expected a thrown error');
    expect(failure.error).toBeInstanceOf(ResponseValidationError);
    expect((failure.error as ResponseValidationError).issues).toEqual([
      { path: ['state'], message: 'expected a string, received the number 2' },
    ]);
  });
});

describe('interpretResponse with a Standard Schema from another library', () => {
  const foreign = (
    validate: (value: unknown) => unknown,
  ): ReturnType<typeof context>['data'] & object =>
    ({
      '~standard': { version: 1, vendor: 'other', validate },
    }) as never;

  it('masks personal data its messages quote', () => {
    const echoing = foreign((value) => ({
      issues: [
        {
          message: `Invalid email: Received "${(value as { email: string }).email}"`,
          path: [{ key: 'email' }],
        },
      ],
    }));
    const failure = failureOf(
      interpretResponse(
        answer(200),
        json({ success: true, data: { email: 'budi.santoso@example.com' } }),
        { ...context(true), data: echoing },
      ),
    );
    if (failure.kind !== 'throw') throw new Error('expected a thrown error');
    expect(failure.error).toBeInstanceOf(ResponseValidationError);
    expect(failure.error.message).not.toContain('budi.santoso@example.com');
    expect((failure.error as ResponseValidationError).issues[0]!.path).toEqual(['email']);
  });

  it('refuses an async schema, thenable or promise, without an unhandled rejection', async () => {
    const rejected = Promise.reject(new Error('async check failed'));
    // A promise-like from another library: not a Promise instance.
    const thenable = Object.defineProperty({}, 'then', {
      value: (_ok: unknown, fail: (error: Error) => void) => fail(new Error('no')),
    });
    for (const result of [rejected, thenable]) {
      const failure = failureOf(
        interpretResponse(answer(200), json({ success: true, data: { state: 'X' } }), {
          ...context(true),
          data: foreign(() => result),
        }),
      );
      if (failure.kind !== 'throw') throw new Error('expected a thrown error');
      expect(failure.error).toBeInstanceOf(ResponseValidationError);
      expect(failure.error.message).toContain('expected a synchronous schema');
    }
    // Let a rejection that nobody handled surface (vitest fails the run on one).
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
});
