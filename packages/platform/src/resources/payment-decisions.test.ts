// The decision tables of authorize and void under every shape production might answer with.
import { ProgramApiError, ProgramRequestError, ResponseValidationError } from '@prakerja-kit/core';
import { describe, expect, it } from 'vitest';
import {
  drop,
  fakeClient,
  notFound,
  ok,
  programError,
  type Reply,
  statusData,
} from '../../test/support/fake-program.js';
import { PaymentNotFoundError } from '../payment-not-found-error.js';

const params = {
  paymentToken: 'ptk_fake_token',
  otp: '123456',
  invoiceCode: 'INV-1',
  invoiceUrl: 'https://shop.test/invoices/INV-1',
};
const voidParams = { invoiceCode: 'INV-1', transactionCode: 'TRX0000000000001' };

const refusals: [string, Reply][] = [
  ['400 with an SBX code', programError('SBX_PLT40013')],
  ['409 without a code', { status: 409, json: { success: false, message: 'Conflict' } }],
  ['400 with an opaque code', programError('ERRPLT40077', 400, 'Gagal memproses.')],
  ['422 with an opaque code', programError('E_VALIDATION', 422, 'Unprocessable')],
  ['429 rate limited', programError('X', 429, 'Too many requests')],
  ['403 forbidden', { status: 403, json: { message: 'Forbidden' } }],
  ['200 with success: false', { json: { success: false, message: 'Gagal.' } }],
  ['307 redirect', { status: 307, json: {} }],
];

describe('authorize refused (any 4xx, any code) or known not processed: one status lookup', () => {
  it.each(refusals)('%s for an invoice already paid → purchased (reconciled)', async (_, reply) => {
    const { client, calls } = fakeClient(
      { 'payment/authorize': reply, 'payment/status': ok(statusData('INV-1')) },
      { maxRetries: 0 },
    );
    const result = await client.payments.authorize(params);
    expect(result).toMatchObject({
      outcome: 'purchased',
      reconciled: true,
      payment: { transactionCode: 'TRX0000000000001', state: 'authorized' },
    });
    expect(calls.map((call) => call.path.split('/').pop())).toEqual(['authorize', 'status']);
  });

  it.each(refusals)('%s for an invoice voided since → voided', async (_, reply) => {
    const { client } = fakeClient(
      { 'payment/authorize': reply, 'payment/status': ok(statusData('INV-1', 'CANCELLED')) },
      { maxRetries: 0 },
    );
    expect(await client.payments.authorize(params)).toMatchObject({
      outcome: 'voided',
      reconciled: true,
    });
  });

  it.each(Object.entries(notFound))(
    'a refusal then status not found (%s) → not_purchased carrying the refusal',
    async (_, form) => {
      const { client, calls } = fakeClient({
        'payment/authorize': programError('ERRPLT40077', 400, 'OTP salah'),
        'payment/status': form,
      });
      const result = await client.payments.authorize(params);
      expect(result).toMatchObject({ outcome: 'not_purchased', reconciled: false });
      if (result.outcome === 'not_purchased') {
        expect((result.error as ProgramApiError).code).toBe('ERRPLT40077');
      }
      expect(calls).toHaveLength(2);
    },
  );

  it.each<[string, Reply]>([
    ['a 5xx', programError('X', 503, 'down')],
    ['a 401', { status: 401, json: { message: 'Client tidak ditemukan' } }],
    ['a 400 about the signature', programError('E1', 400, 'Signature tidak ditemukan')],
    ['a documented code', programError('ERRVOD40001', 400, 'Kode transaksi tidak ditemukan.')],
    ['an unreadable 200', { json: { success: true, data: { what: 1 } } }],
    ['a 400 that does not say not found', programError('SBX_PLT40016', 400, 'Gagal.')],
  ])('a refusal then a failed lookup (%s) → unknown, never not_purchased', async (_, status) => {
    const { client } = fakeClient(
      { 'payment/authorize': programError('SBX_PLT40011'), 'payment/status': status },
      { maxRetries: 0 },
    );
    const result = await client.payments.authorize(params);
    expect(result).toMatchObject({ outcome: 'unknown', operation: 'authorize' });
    // Known not processed: a later "not found" is definitive at once.
    if (result.outcome === 'unknown') expect(result.settlesAt).toBeLessThanOrEqual(Date.now());
  });

  it('a refusal then an unrecognised status → unknown with the raw status, never a guess', async () => {
    const { client } = fakeClient({
      'payment/authorize': programError('SBX_PLT40011'),
      'payment/status': ok(statusData('INV-1', 'PENDING')),
    });
    expect(await client.payments.authorize(params)).toMatchObject({
      outcome: 'unknown',
      payment: { state: 'other', status: 'PENDING' },
    });
  });

  it('a connection refused before sending is looked up once, like a refusal', async () => {
    const refused = async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      });
    };
    const { client, calls } = fakeClient(
      { 'payment/authorize': refused, 'payment/status': notFound.http404 },
      { maxRetries: 0 },
    );
    const result = await client.payments.authorize(params);
    expect(result).toMatchObject({ outcome: 'not_purchased', reconciled: false });
    if (result.outcome === 'not_purchased') expect(result.error.name).toBe('ConnectionError');
    expect(calls.map((call) => call.path.split('/').pop())).toEqual(['authorize', 'status']);
  });
});

describe('authorize after an ambiguous failure: not found is definitive only after settlesAt', () => {
  const ambiguous: [string, Reply, object?][] = [
    ['a dropped connection', drop],
    ['a 500', programError('SBX_GEN50001', 500)],
    ['an unreadable 2xx', ok({ unexpected: true })],
    ['a 2xx with status PENDING', ok(statusData('INV-1', 'PENDING'))],
  ];
  it.each(ambiguous)('%s + not found → unknown with settlesAt and the error', async (_, reply) => {
    const { client } = fakeClient({
      'payment/authorize': reply,
      'payment/status': notFound.message,
    });
    const result = await client.payments.authorize(params);
    expect(result.outcome).toBe('unknown');
    if (result.outcome !== 'unknown') return;
    expect(result.settlesAt).toBeGreaterThan(Date.now() + 50_000);
    expect(
      result.error instanceof ProgramRequestError ||
        result.error instanceof ResponseValidationError,
    ).toBe(true);
  });

  it('a timeout + status not found, with a caller-lowered timeout → unknown, not not_purchased', async () => {
    const { client } = fakeClient(
      { 'payment/authorize': { hang: true }, 'payment/status': notFound.emptyData },
      { timeout: 30 },
    );
    const result = await client.payments.authorize(params);
    expect(result).toMatchObject({ outcome: 'unknown', error: { name: 'TimeoutError' } });
  });

  it('found with an unrecognised status → unknown with the raw status', async () => {
    const { client } = fakeClient({
      'payment/authorize': drop,
      'payment/status': ok(statusData('INV-1', 'SETTLING')),
    });
    expect(await client.payments.authorize(params)).toMatchObject({
      outcome: 'unknown',
      payment: { state: 'other', status: 'SETTLING' },
    });
  });

  it('a custom isNotFound decides what "not found" looks like', async () => {
    const { client } = fakeClient(
      {
        'payment/authorize': programError('SBX_PLT40011'),
        'payment/status': programError('NF', 400, 'nada'),
      },
      {
        reconcile: {
          isNotFound: (answer) => answer.kind === 'error' && answer.error.code === 'NF',
        },
      },
    );
    expect(await client.payments.authorize(params)).toMatchObject({ outcome: 'not_purchased' });
  });
});

describe('retrieve: one clear not-found for every form', () => {
  it.each(Object.entries(notFound))('%s → PaymentNotFoundError', async (name, reply) => {
    const { client } = fakeClient({ 'payment/status': reply });
    const error = await client.payments
      .retrieve({ invoiceCode: 'INV-404' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaymentNotFoundError);
    expect(error).toBeInstanceOf(ProgramApiError);
    expect(error).toMatchObject({
      invoiceCode: 'INV-404',
      form:
        name === 'http404'
          ? 'http_404'
          : name.startsWith('empty') || name === 'noData'
            ? 'empty_data'
            : 'error_message',
    });
  });

  it.each<[string, Reply, string]>([
    ['a 401', { status: 401, json: { message: 'Not found' } }, 'ProgramApiError'],
    ['a 503', programError('X', 503, 'tidak ditemukan'), 'ProgramApiError'],
    ['a data array', ok([]), 'ResponseValidationError'],
    ['a data without a status', ok({ invoice_code: 'INV-404' }), 'ResponseValidationError'],
  ])('%s is a failed lookup, not "not found"', async (_, reply, name) => {
    const { client } = fakeClient({ 'payment/status': reply }, { maxRetries: 0 });
    const error = await client.payments
      .retrieve({ invoiceCode: 'INV-404' })
      .catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(PaymentNotFoundError);
    expect((error as Error).name).toBe(name);
  });
});

describe('status strings and amounts', () => {
  it.each(['VOID', 'VOIDED', 'CANCEL', 'CANCELLED', 'CANCELED', ' voided ', 'Cancelled'])(
    '%s is voided',
    async (status) => {
      const { client } = fakeClient({ 'payment/status': ok(statusData('INV-1', status)) });
      expect(await client.payments.retrieve({ invoiceCode: 'INV-1' })).toMatchObject({
        state: 'voided',
        status,
      });
    },
  );

  it.each(['SUCCESS', ' success '])('%s is authorized', async (status) => {
    const { client } = fakeClient({ 'payment/status': ok(statusData('INV-1', status)) });
    expect((await client.payments.retrieve({ invoiceCode: 'INV-1' })).state).toBe('authorized');
  });

  it.each(['PENDING', 'FAILED', 'REFUNDED', ''])('%j is other, raw value kept', async (status) => {
    const { client } = fakeClient({ 'payment/status': ok(statusData('INV-1', status)) });
    expect(await client.payments.retrieve({ invoiceCode: 'INV-1' })).toMatchObject({
      state: 'other',
      status,
    });
  });

  it.each<[unknown, unknown]>([
    [20000, 'INV-1'],
    ['20000', 'INV-1'],
    ['20000.00', 'INV-1'],
    [20000, 1001],
  ])('amount %j and invoice code %j are normalised', async (amount, invoiceCode) => {
    const { client } = fakeClient({
      'payment/authorize': ok({ ...statusData('INV-1'), amount, invoice_code: invoiceCode }),
    });
    const result = await client.payments.authorize(params);
    expect(result).toMatchObject({
      outcome: 'purchased',
      payment: { amount: 20000, invoiceCode: String(invoiceCode) },
    });
  });
});

describe('void', () => {
  it('ERRVOD40001 (documented) → not_voided without a lookup', async () => {
    const { client, calls } = fakeClient({
      'payment/void': programError('ERRVOD40001', 400, 'Kode transaksi tidak ditemukan.'),
    });
    expect(await client.payments.void(voidParams)).toMatchObject({
      outcome: 'not_voided',
      reconciled: false,
    });
    expect(calls).toHaveLength(1);
  });

  it.each(refusals)('%s, status voided → voided (reconciled)', async (_, reply) => {
    const { client } = fakeClient(
      { 'payment/void': reply, 'payment/status': ok(statusData('INV-1', 'VOIDED')) },
      { maxRetries: 0 },
    );
    expect(await client.payments.void(voidParams)).toMatchObject({
      outcome: 'voided',
      alreadyVoided: false,
      reconciled: true,
    });
  });

  it.each(refusals)('%s, status SUCCESS → not_voided', async (_, reply) => {
    const { client, calls } = fakeClient(
      { 'payment/void': reply, 'payment/status': ok(statusData('INV-1')) },
      { maxRetries: 0 },
    );
    expect(await client.payments.void(voidParams)).toMatchObject({
      outcome: 'not_voided',
      reconciled: true,
      payment: { state: 'authorized' },
    });
    expect(calls).toHaveLength(2);
  });

  it.each<[string, Reply]>([
    ['not found', notFound.message],
    ['an unrecognised status', ok(statusData('INV-1', 'PENDING'))],
    ['a 503', programError('X', 503)],
  ])('a refusal, status %s → unknown', async (_, status) => {
    const { client } = fakeClient(
      { 'payment/void': programError('X', 400), 'payment/status': status },
      { maxRetries: 0 },
    );
    expect(await client.payments.void(voidParams)).toMatchObject({
      outcome: 'unknown',
      operation: 'void',
    });
  });

  it('an ambiguous void still SUCCESS before settlesAt → unknown with settlesAt', async () => {
    const { client } = fakeClient({
      'payment/void': programError('X', 502),
      'payment/status': ok(statusData('INV-1')),
    });
    const result = await client.payments.void(voidParams);
    expect(result.outcome).toBe('unknown');
    if (result.outcome === 'unknown') expect(result.settlesAt).toBeGreaterThan(Date.now() + 50_000);
  });
});

it('enrols every unknown outcome with the follower given on the call, and nothing else', async () => {
  const followed: unknown[] = [];
  const follower = {
    follow: (item: unknown) => {
      followed.push(item);
      return true;
    },
  };
  const { client } = fakeClient({
    'payment/authorize': [drop, ok(statusData('INV-1'))],
    'payment/status': notFound.message,
    'payment/void': [drop],
  });
  const first = await client.payments.authorize(params, { follow: follower });
  const second = await client.payments.authorize(params, { follow: follower });
  const voided = await client.payments.void(voidParams, { follow: follower });
  expect([first.outcome, second.outcome, voided.outcome]).toEqual([
    'unknown',
    'purchased',
    'unknown',
  ]);
  expect(followed).toEqual([first, voided]);
});
