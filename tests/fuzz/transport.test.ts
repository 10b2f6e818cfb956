import {
  ConnectionError,
  createTransport,
  ProgramApiError,
  RedirectError,
  ResponseValidationError,
  TimeoutError,
} from '@prakerja-kit/core';
import * as z from '@prakerja-kit/core/internal/schema';
import { createPlatformClient } from '@prakerja-kit/platform';
import { createProviderClient } from '@prakerja-kit/provider';
import * as fc from 'fast-check';
import { expect, it } from 'vitest';

// Fuzzing (issue 10): whatever the program (or a proxy in front of it) answers, the clients
// return a value or throw one of the SDK's typed errors; never a TypeError, never a hang.
const RUNS = { numRuns: 200, seed: 10 };
const TYPED = [
  ProgramApiError,
  ResponseValidationError,
  ConnectionError,
  TimeoutError,
  RedirectError,
];
const credentials = {
  baseUrl: 'http://127.0.0.1:9',
  clientCode: 'dp-fuzz-01',
  signKey: 'sk_fuzz_fake_key_not_secret',
  logLevel: 'silent' as const,
  timeout: 1_000,
  maxRetries: 1,
  retry: { baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterSeconds: 0 },
};

const envelope = fc.oneof(
  fc.record(
    {
      success: fc.oneof(fc.boolean(), fc.jsonValue()),
      message: fc.oneof(fc.string(), fc.jsonValue()),
      code: fc.oneof(fc.constantFrom('SBX_PLT40013', 'SBX_PLT40016', 'SBX_GEN42901'), fc.string()),
      data: fc.oneof(
        fc.jsonValue(),
        fc.record(
          {
            invoice_code: fc.oneof(fc.string(), fc.integer()),
            transaction_code: fc.string(),
            amount: fc.oneof(fc.integer(), fc.string()),
            status: fc.constantFrom('SUCCESS', 'VOID', 'PENDING', ''),
            quota: fc.oneof(fc.integer(), fc.string()),
            payment_token: fc.string(),
            url: fc.string(),
            state: fc.string(),
          },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue(),
);
const answer = fc.record({
  // Response() accepts 200-599; 204, 205 and 304 take no body.
  status: fc.oneof(
    fc.constantFrom(200, 400, 401, 404, 408, 429, 500, 502, 503),
    fc.integer({ min: 200, max: 599 }),
  ),
  body: fc.oneof(
    envelope.map((value) => JSON.stringify(value)),
    fc.string(),
    fc.constant(''),
  ),
  headers: fc.record(
    {
      'content-type': fc.constantFrom('application/json', 'text/html', ''),
      'retry-after': fc.oneof(fc.constantFrom('0', '1', '-1', 'soon'), fc.string()),
      date: fc.oneof(fc.date({ noInvalidDate: false }).map(String), fc.string()),
    },
    { requiredKeys: [] },
  ),
  throws: fc.oneof(
    { weight: 5, arbitrary: fc.constant(undefined) },
    fc.constantFrom(
      new TypeError('fetch failed'),
      Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
      new DOMException('aborted', 'AbortError'),
      'a string',
      null,
    ),
  ),
});

type Answer = typeof answer extends fc.Arbitrary<infer T> ? T : never;

function fakeFetch(answers: Answer[]): typeof fetch {
  let index = 0;
  return async () => {
    const next = answers[index++ % answers.length]!;
    if (next.throws !== undefined) throw next.throws;
    const headers = new Headers();
    for (const [name, value] of Object.entries(next.headers)) {
      try {
        headers.set(name, value);
      } catch {
        // A header value fetch itself could never produce: leave it out.
      }
    }
    const empty = [204, 205, 304].includes(next.status);
    return new Response(empty ? null : next.body, { status: next.status, headers });
  };
}

async function settles(run: () => Promise<unknown>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('hung for 5 s')), 5_000);
  });
  try {
    await Promise.race([run(), hang]);
  } catch (error) {
    const typed = TYPED.some((type) => error instanceof type);
    expect(typed, `${(error as Error)?.name}: ${(error as Error)?.message}`).toBe(true);
  } finally {
    clearTimeout(timer);
  }
}

const answers = fc.array(answer, { minLength: 1, maxLength: 4 });

it('the core transport returns data or a typed error for any answer', async () => {
  await fc.assert(
    fc.asyncProperty(answers, fc.boolean(), async (list, readOnly) => {
      const transport = createTransport({ ...credentials, fetch: fakeFetch(list) });
      await settles(() =>
        transport.request({
          method: 'POST',
          path: '/api/v1/integration/payment/status',
          body: { invoice_code: 'INV-1' },
          readOnly,
          data: z.object({ invoice_code: z.string() }),
        }),
      );
    }),
    RUNS,
  );
});

it('platform calls, reconciliation included, return an outcome or a typed error', async () => {
  await fc.assert(
    fc.asyncProperty(answers, async (list) => {
      const client = createPlatformClient({
        ...credentials,
        fetch: fakeFetch(list),
        reconcile: { attempts: 2, delayMs: 0 },
      });
      const purchase = { paymentToken: 'ptk_fuzz', otp: '123456', invoiceCode: 'INV-1' };
      await settles(() =>
        client.payments.authorize({ ...purchase, invoiceUrl: 'https://shop.example/INV-1' }),
      );
      await settles(() => client.payments.void({ invoiceCode: 'INV-1', transactionCode: 'TX1' }));
      await settles(() => client.quotas.retrieve({ courseCode: 'C-1', scheduleCode: 'S-1' }));
    }),
    RUNS,
  );
});

it('provider calls return a value or a typed error for any answer', async () => {
  await fc.assert(
    fc.asyncProperty(answers, async (list) => {
      const client = createProviderClient({
        ...credentials,
        clientCode: 'lp-fuzz-01',
        fetch: fakeFetch(list),
        redirectUri: 'http://127.0.0.1/prakerja/callback',
        stateSecret: 'fuzz-state-secret-not-for-production-0001',
      });
      await settles(() =>
        client.attendance.createVerificationUrl({
          redeemCode: 'ABCDEF123456',
          sequence: 1,
          email: 'tari@lms.example',
        }),
      );
      await settles(() => client.attendance.retrieve({ redeemCode: 'ABCDEF123456', sequence: 2 }));
      await settles(() =>
        client.assignments.retrieve({ redeemCode: 'ABCDEF123456', scope: 'tpm', sequence: 1 }),
      );
    }),
    RUNS,
  );
});
