import { expectTypeOf, test } from 'vitest';
import {
  createSignature,
  createTransport,
  PROGRAM_ERRORS,
  type ProgramApiError,
  type ProgramErrorCode,
  type RedirectError,
  type RequestOptions,
  type TransportOptions,
  type TransportResponse,
} from './index.js';
import * as z from './schema/index.js';

test('createSignature returns a promise on Node too (one type on every runtime)', () => {
  expectTypeOf(
    createSignature({
      clientCode: 'c',
      signKey: 'k',
      timestamp: 1,
      method: 'POST',
      path: '/',
      body: '',
    }),
  ).toEqualTypeOf<Promise<string>>();
});

test('transport.request infers data from its schema', () => {
  const transport = createTransport({ clientCode: 'c', signKey: 'sk_fake', env: {} });
  const response = transport.request({
    method: 'POST',
    path: '/api/v1/integration/payment/quota-schedule',
    readOnly: true,
    data: z.object({ quota: z.number() }),
  });
  expectTypeOf(response).toEqualTypeOf<Promise<TransportResponse<{ quota: number }>>>();
});

test('error codes are a closed union with metadata for each', () => {
  expectTypeOf<ProgramErrorCode>().toExtend<string>();
  expectTypeOf(PROGRAM_ERRORS.ERRPLT40028.documented).toEqualTypeOf<boolean>();
  expectTypeOf<ProgramApiError['code']>().toEqualTypeOf<string | undefined>();
});

test('actionable errors: meaning, documented, fix; redirects; response bound', () => {
  expectTypeOf<ProgramApiError['meaning']>().toEqualTypeOf<string | undefined>();
  expectTypeOf<ProgramApiError['documented']>().toEqualTypeOf<boolean>();
  expectTypeOf<ProgramApiError['fix']>().toEqualTypeOf<string | undefined>();
  expectTypeOf(PROGRAM_ERRORS.SBX_GEN40101.fix).toEqualTypeOf<string | undefined>();
  expectTypeOf<RedirectError['location']>().toEqualTypeOf<string | undefined>();
  expectTypeOf<RedirectError['status']>().toEqualTypeOf<number>();
  expectTypeOf<TransportOptions['maxResponseBytes']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<RequestOptions['maxResponseBytes']>().toEqualTypeOf<number | undefined>();
});

test("core's root carries what users call; plumbing lives in /internal, events in /events", () => {
  type Root = typeof import('./index.js');

  expectTypeOf<Root>().not.toHaveProperty('parseParams');
  expectTypeOf<Root>().not.toHaveProperty('serializeBody');
  expectTypeOf<Root>().not.toHaveProperty('mapConcurrent');
  expectTypeOf<Root>().not.toHaveProperty('deriveEventId');
  expectTypeOf<Root>().not.toHaveProperty('looseAmountSchema');
  expectTypeOf<Root>().not.toHaveProperty('amountSchema');
  expectTypeOf<Root>().toHaveProperty('isProgramApiError');
  expectTypeOf<typeof import('./internal.js')>().toHaveProperty('parseParams');
  expectTypeOf<typeof import('./events.js')>().toHaveProperty('isPaymentEvent');
});
