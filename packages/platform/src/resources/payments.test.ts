import { ProgramApiError, RequestValidationError, TimeoutError } from '@prakerja-kit/core';
import { describe, expect, it } from 'vitest';
import {
  drop,
  fakeClient,
  notFound,
  ok,
  programError,
  statusData,
} from '../../test/support/fake-program.js';

const authorizeParams = {
  paymentToken: 'ptk_fake_token',
  otp: '123456',
  invoiceCode: 'INV-1',
  invoiceUrl: 'https://shop.test/invoices/INV-1',
};

const authorized = {
  invoice_code: 'INV-1',
  transaction_code: 'TRX0000000000001',
  amount: 250000,
  status: 'SUCCESS',
  prakerja_name: 'Peserta Uji',
};

describe('payments', () => {
  it('sends send-otp with snake_case fields and returns the payment token', async () => {
    const { client, calls } = fakeClient({
      'payment/send-otp': ok({ payment_token: 'ptk_abc', expired_at: '2026-11-24T08:00:00Z' }),
    });
    const challenge = await client.payments.sendOtp({
      prakerjaId: ' 1234567890123456 ',
      userPlatformId: 'user-1',
      courseCode: 'CRS-1',
      scheduleCode: 'SCH-1',
      amount: 250000,
    });
    expect(challenge).toEqual({ paymentToken: 'ptk_abc', expiresAt: '2026-11-24T08:00:00Z' });
    expect(calls[0]?.body).toEqual({
      prakerja_id: '1234567890123456',
      user_platform_id: 'user-1',
      course_code: 'CRS-1',
      amount: 250000,
      schedule_code: 'SCH-1',
    });
  });

  it('rejects a whitespace-only schedule code naming the camelCase field, before sending', async () => {
    const { client, calls } = fakeClient({ 'payment/send-otp': ok({ payment_token: 'x' }) });
    const error = await client.payments
      .sendOtp({
        prakerjaId: '1',
        userPlatformId: 'u',
        courseCode: 'C',
        scheduleCode: '   ',
        amount: 1,
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).field).toBe('scheduleCode');
    expect(calls).toHaveLength(0);
  });

  it('rejects a fractional amount and a relative invoice URL before sending', async () => {
    const { client, calls } = fakeClient({});
    await expect(
      client.payments.sendOtp({
        prakerjaId: '1',
        userPlatformId: 'u',
        courseCode: 'C',
        scheduleCode: 'S',
        amount: 10.5,
      }),
    ).rejects.toMatchObject({ field: 'amount' });
    await expect(
      client.payments.authorize({ ...authorizeParams, invoiceUrl: '/invoices/1' }),
    ).rejects.toMatchObject({ field: 'invoiceUrl' });
    expect(calls).toHaveLength(0);
  });

  it('reports a send-otp answer without a payment token as a response validation error', async () => {
    const { client } = fakeClient({ 'payment/send-otp': ok({ something: 'else' }) });
    await expect(
      client.payments.sendOtp({
        prakerjaId: '1',
        userPlatformId: 'u',
        courseCode: 'C',
        scheduleCode: 'S',
        amount: 1,
      }),
    ).rejects.toMatchObject({ name: 'ResponseValidationError' });
  });

  it('authorizes with the Payment authorization header and reports the purchase', async () => {
    const { client, calls } = fakeClient({ 'payment/authorize': ok(authorized) });
    const result = await client.payments.authorize(authorizeParams);
    expect(result).toMatchObject({
      outcome: 'purchased',
      reconciled: false,
      payment: { invoiceCode: 'INV-1', transactionCode: 'TRX0000000000001', state: 'authorized' },
    });
    expect(calls[0]?.headers.get('authorization')).toBe('Payment ptk_fake_token');
    expect(calls[0]?.body).toEqual({
      otp: '123456',
      invoice_url: 'https://shop.test/invoices/INV-1',
      invoice_code: 'INV-1',
    });
  });

  it('returns a program refusal of authorize as not purchased once status confirms no purchase', async () => {
    const { client, calls } = fakeClient({
      'payment/authorize': programError('SBX_PLT40011'),
      'payment/status': notFound.message,
    });
    const result = await client.payments.authorize(authorizeParams);
    expect(result.outcome).toBe('not_purchased');
    if (result.outcome !== 'not_purchased') return;
    expect(result.reconciled).toBe(false);
    expect((result.error as ProgramApiError).code).toBe('SBX_PLT40011');
    expect(calls.map((call) => call.path.split('/').pop())).toEqual(['authorize', 'status']);
  });

  it('reconciles a dropped authorize through status and reports the purchase once, without re-sending', async () => {
    const { client, calls } = fakeClient({
      'payment/authorize': drop,
      'payment/status': ok(statusData('INV-1')),
    });
    const result = await client.payments.authorize(authorizeParams);
    expect(result).toMatchObject({ outcome: 'purchased', reconciled: true });
    expect(calls.filter((call) => call.path.endsWith('/authorize'))).toHaveLength(1);
  });

  it('reports a dropped authorize that status does not find as unknown until it can no longer commit', async () => {
    const { client, calls } = fakeClient({
      'payment/authorize': drop,
      'payment/status': notFound.message,
    });
    const before = Date.now();
    const result = await client.payments.authorize(authorizeParams);
    expect(result).toMatchObject({
      outcome: 'unknown',
      operation: 'authorize',
      invoiceCode: 'INV-1',
    });
    if (result.outcome !== 'unknown') return;
    // Default window: max(60 s, 2 × the 30 s default timeout).
    expect(result.settlesAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(result.settlesAt).toBeLessThan(Date.now() + 60_001);
    expect(result.error.name).toBe('ConnectionError');
    expect(calls.filter((call) => call.path.endsWith('/status'))).toHaveLength(2);
  });

  it('never shrinks the commit window below 60 s for a lowered timeout, and widens it for a long one', async () => {
    const short = fakeClient(
      { 'payment/authorize': { hang: true }, 'payment/status': notFound.message },
      { timeout: 20 },
    );
    const before = Date.now();
    const result = await short.client.payments.authorize(authorizeParams);
    expect(result.outcome).toBe('unknown');
    if (result.outcome === 'unknown')
      expect(result.settlesAt).toBeGreaterThanOrEqual(before + 60_000);
    const long = fakeClient(
      { 'payment/authorize': drop, 'payment/status': notFound.message },
      { timeout: 50_000 },
    );
    const second = await long.client.payments.authorize(authorizeParams);
    if (second.outcome !== 'unknown') throw new Error(second.outcome);
    expect(second.settlesAt).toBeGreaterThanOrEqual(before + 100_000);
  });

  it('settles no later than the payment token expiry the caller passes', async () => {
    const { client } = fakeClient({
      'payment/authorize': drop,
      'payment/status': notFound.message,
    });
    const expiresAt = new Date(Date.now() + 5_000).toISOString();
    const result = await client.payments.authorize({
      ...authorizeParams,
      paymentTokenExpiresAt: expiresAt,
    });
    if (result.outcome !== 'unknown') throw new Error(result.outcome);
    expect(result.settlesAt).toBe(Date.parse(expiresAt));
  });

  it('reports a dropped authorize as not purchased once status still finds nothing after the window', async () => {
    const { client, calls } = fakeClient(
      { 'payment/authorize': drop, 'payment/status': notFound.message },
      { reconcile: { attempts: 3, delayMs: 15, commitWindowMs: 20 } },
    );
    const result = await client.payments.authorize(authorizeParams);
    expect(result).toMatchObject({ outcome: 'not_purchased', reconciled: true });
    // The first lookup came before the window closed; a later one, after it, settled it.
    expect(calls.filter((call) => call.path.endsWith('/status')).length).toBeGreaterThan(1);
  });

  it('settles a dropped authorize at once when the payment token had already expired', async () => {
    const { client } = fakeClient({
      'payment/authorize': drop,
      'payment/status': notFound.message,
    });
    const result = await client.payments.authorize({
      ...authorizeParams,
      paymentTokenExpiresAt: Date.now() - 1_000,
    });
    expect(result).toMatchObject({ outcome: 'not_purchased', reconciled: true });
  });

  it('keeps checking status when the purchase appears only on a later lookup', async () => {
    const { client } = fakeClient({
      'payment/authorize': drop,
      'payment/status': [notFound.message, ok(statusData('INV-1'))],
    });
    expect(await client.payments.authorize(authorizeParams)).toMatchObject({
      outcome: 'purchased',
      reconciled: true,
    });
  });

  it('reconciles a timed-out authorize and reports a purchase voided since', async () => {
    const { client } = fakeClient(
      {
        'payment/authorize': { hang: true },
        'payment/status': ok(statusData('INV-1', 'VOID')),
      },
      { timeout: 20 },
    );
    const result = await client.payments.authorize(authorizeParams);
    expect(result).toMatchObject({
      outcome: 'voided',
      reconciled: true,
      payment: { state: 'voided' },
    });
  });

  it('reports unknown, not a guess, when status cannot be reached either', async () => {
    const { client } = fakeClient(
      { 'payment/authorize': drop, 'payment/status': programError('SBX_GEN50001', 500) },
      { maxRetries: 0 },
    );
    const result = await client.payments.authorize(authorizeParams);
    expect(result).toMatchObject({ outcome: 'unknown', invoiceCode: 'INV-1', payment: undefined });
  });

  it('reconciles a 5xx on authorize rather than treating it as a refusal', async () => {
    const { client, calls } = fakeClient({
      'payment/authorize': programError('SBX_GEN50001', 500),
      'payment/status': ok(statusData('INV-1')),
    });
    expect(await client.payments.authorize(authorizeParams)).toMatchObject({
      outcome: 'purchased',
      reconciled: true,
    });
    expect(calls.filter((call) => call.path.endsWith('/authorize'))).toHaveLength(1);
  });

  it('reconciles an authorize answer it cannot read instead of throwing', async () => {
    const { client } = fakeClient({
      'payment/authorize': ok({ unexpected: true }),
      'payment/status': ok(statusData('INV-1')),
    });
    expect(await client.payments.authorize(authorizeParams)).toMatchObject({
      outcome: 'purchased',
      reconciled: true,
    });
  });

  it('retrieves a payment, normalising a string amount and an integer invoice code', async () => {
    const { client } = fakeClient({
      'payment/status': ok({ ...statusData('1001'), invoice_code: 1001, amount: '1950000' }),
    });
    expect(await client.payments.retrieve({ invoiceCode: '1001' })).toEqual({
      invoiceCode: '1001',
      transactionCode: 'TRX0000000000001',
      amount: 1950000,
      state: 'authorized',
      status: 'SUCCESS',
      prakerjaName: 'Peserta Uji',
      createdAt: '2026-11-20T03:00:00Z',
    });
  });

  it('treats ERRPLT40028 on void as already done', async () => {
    const { client } = fakeClient({ 'payment/void': programError('ERRPLT40028') });
    expect(
      await client.payments.void({ invoiceCode: 'INV-1', transactionCode: 'TRX0000000000001' }),
    ).toMatchObject({ outcome: 'voided', alreadyVoided: true, reconciled: false });
  });

  it('returns an unknown transaction on void as not voided', async () => {
    const { client } = fakeClient({ 'payment/void': programError('ERRVOD40001') });
    const result = await client.payments.void({ invoiceCode: 'INV-1', transactionCode: 'NOPE' });
    expect(result).toMatchObject({ outcome: 'not_voided', reconciled: false });
  });

  it('reconciles a dropped void through status and never re-sends it', async () => {
    const { client, calls } = fakeClient({
      'payment/void': drop,
      'payment/status': ok(statusData('INV-1', 'VOID')),
    });
    const result = await client.payments.void({
      invoiceCode: 'INV-1',
      transactionCode: 'TRX0000000000001',
    });
    expect(result).toMatchObject({ outcome: 'voided', alreadyVoided: false, reconciled: true });
    expect(calls.filter((call) => call.path.endsWith('/void'))).toHaveLength(1);
  });

  it('reports a dropped void still SUCCESS in status as unknown while it could still commit', async () => {
    const { client } = fakeClient({
      'payment/void': drop,
      'payment/status': ok(statusData('INV-1', 'SUCCESS')),
    });
    const result = await client.payments.void({
      invoiceCode: 'INV-1',
      transactionCode: 'TRX0000000000001',
    });
    expect(result).toMatchObject({
      outcome: 'unknown',
      operation: 'void',
      invoiceCode: 'INV-1',
      transactionCode: 'TRX0000000000001',
      payment: { state: 'authorized' },
    });
  });

  it('reports a dropped void that did not happen as not voided once the window passed, safe to retry', async () => {
    const { client } = fakeClient(
      { 'payment/void': drop, 'payment/status': ok(statusData('INV-1', 'SUCCESS')) },
      { reconcile: { attempts: 2, delayMs: 10, commitWindowMs: 5 } },
    );
    const result = await client.payments.void({
      invoiceCode: 'INV-1',
      transactionCode: 'TRX0000000000001',
    });
    expect(result).toMatchObject({
      outcome: 'not_voided',
      reconciled: true,
      payment: { state: 'authorized' },
    });
  });

  it('does not retry send-otp after a timeout, because a second SMS could go out', async () => {
    const { client, calls } = fakeClient({ 'payment/send-otp': { hang: true } }, { timeout: 20 });
    await expect(
      client.payments.sendOtp({
        prakerjaId: '1',
        userPlatformId: 'u',
        courseCode: 'C',
        scheduleCode: 'S',
        amount: 1,
      }),
    ).rejects.toBeInstanceOf(TimeoutError);
    expect(calls).toHaveLength(1);
  });

  it('throws the program error of a failed status lookup', async () => {
    const { client } = fakeClient({ 'payment/status': programError('SBX_PLT40016') });
    await expect(client.payments.retrieve({ invoiceCode: 'INV-404' })).rejects.toBeInstanceOf(
      ProgramApiError,
    );
  });
});

it('reports an authorize aborted by the caller as unknown, without a status lookup', async () => {
  const { client, calls } = fakeClient({ 'payment/authorize': { hang: true } });
  const controller = new AbortController();
  const pending = client.payments.authorize(authorizeParams, { signal: controller.signal });
  setTimeout(() => controller.abort(), 5);
  expect(await pending).toMatchObject({ outcome: 'unknown', invoiceCode: 'INV-1' });
  expect(calls.map((call) => call.path)).toEqual(['/api/v1/integration/payment/authorize']);
});

it('reports a re-sent authorize refused as token-used as the purchase it already made', async () => {
  const { client, calls } = fakeClient({
    'payment/authorize': programError('SBX_PLT40013'),
    'payment/status': ok(statusData('INV-1')),
  });
  expect(await client.payments.authorize(authorizeParams)).toMatchObject({
    outcome: 'purchased',
    reconciled: true,
  });
  expect(calls.map((call) => call.path.split('/').pop())).toEqual(['authorize', 'status']);
});

it('reports token-used as not purchased when no purchase has this invoice, after one lookup', async () => {
  const { client, calls } = fakeClient({
    'payment/authorize': programError('SBX_PLT40013'),
    'payment/status': notFound.message,
  });
  const result = await client.payments.authorize(authorizeParams);
  expect(result).toMatchObject({ outcome: 'not_purchased', reconciled: false });
  if (result.outcome === 'not_purchased')
    expect((result.error as ProgramApiError).code).toBe('SBX_PLT40013');
  expect(calls).toHaveLength(2);
});
