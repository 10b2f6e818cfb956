import { ProgramApiError, type ProgramErrorCode, ProgramPath } from '@prakerja-kit/core';
import * as z from '@prakerja-kit/core/internal/schema';
import { expect, it } from 'vitest';
import {
  describePurchaseError,
  PaymentNotFoundError,
  type PaymentsSendOtpParams,
} from '../src/index.js';
import { reasonsFor, sent, useSandbox } from './support/sandbox.js';

const env = useSandbox();

const purchase = env.sendOtpParams;

async function buy(invoiceCode: string, overrides: Partial<PaymentsSendOtpParams> = {}) {
  const client = env.client();
  const params = purchase(overrides);
  const { paymentToken } = await client.payments.sendOtp(params);
  const otp = env.sandbox.control.sms.latestOtp(params.prakerjaId)!;
  const result = await client.payments.authorize({
    paymentToken,
    otp,
    invoiceCode,
    invoiceUrl: `https://shop.example/invoices/${invoiceCode}`,
  });
  return { client, params, paymentToken, otp, result };
}

it('buys a course: send-otp, the OTP from the SMS inbox, authorize, then status and seats', async () => {
  const { client, params, result } = await buy('INV-BUY-1');
  expect(result.outcome).toBe('purchased');
  if (result.outcome !== 'purchased') return;
  expect(result.reconciled).toBe(false);
  expect(result.payment).toMatchObject({
    invoiceCode: 'INV-BUY-1',
    amount: params.amount,
    state: 'authorized',
  });
  const status = await client.payments.retrieve({ invoiceCode: 'INV-BUY-1' });
  expect(status).toMatchObject({
    invoiceCode: 'INV-BUY-1',
    transactionCode: result.payment.transactionCode,
    state: 'authorized',
    status: 'SUCCESS',
  });
  expect(status.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  const seats = await client.quotas.retrieve(params);
  expect(seats.quota).toBe(env.fixtures().schedules[0]!.seats - 1);
});

it('voids a purchase, then reports a second void as already done and an unknown transaction as not voided', async () => {
  const { client, result } = await buy('INV-VOID-1');
  if (result.outcome !== 'purchased') throw new Error(`expected a purchase, got ${result.outcome}`);
  const { transactionCode } = result.payment;
  expect(await client.payments.void({ invoiceCode: 'INV-VOID-1', transactionCode })).toEqual({
    outcome: 'voided',
    invoiceCode: 'INV-VOID-1',
    transactionCode,
    alreadyVoided: false,
    reconciled: false,
  });
  expect((await client.payments.retrieve({ invoiceCode: 'INV-VOID-1' })).state).toBe('voided');
  expect(await client.payments.void({ invoiceCode: 'INV-VOID-1', transactionCode })).toMatchObject({
    outcome: 'voided',
    alreadyVoided: true,
  });
  const missing = await client.payments.void({
    invoiceCode: 'INV-VOID-1',
    transactionCode: 'NOSUCHTRANSACTN',
  });
  expect(missing.outcome).toBe('not_voided');
  if (missing.outcome === 'not_voided')
    expect((missing.error as ProgramApiError).code).toBe('ERRVOD40001');
});

it('throws PaymentNotFoundError from status for an invoice nobody bought', async () => {
  const error = await env
    .client()
    .payments.retrieve({ invoiceCode: 'INV-NOBODY' })
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(PaymentNotFoundError);
  expect(error).toMatchObject({ invoiceCode: 'INV-NOBODY', form: expect.any(String) });
});

it.each([
  ['SBX_PLT40001', 'schedule_not_found'],
  ['SBX_PLT40002', 'schedule_course_mismatch'],
  ['SBX_PLT40003', 'course_started'],
  ['SBX_PLT40004', 'sold_out'],
  ['SBX_PLT40005', 'age_not_eligible'],
  ['SBX_PLT40006', 'education_not_eligible'],
  ['SBX_PLT40007', 'insufficient_balance'],
  ['SBX_PLT40008', 'participant_not_found'],
  ['SBX_PLT40009', 'amount_mismatch'],
  ['SBX_PLT40010', 'course_not_found'],
])('refuses send-otp with %s, described as %s', async (code, reason) => {
  const { participants, courses, schedules } = env.fixtures();
  const byCode: Record<string, Partial<PaymentsSendOtpParams>> = {
    SBX_PLT40001: { scheduleCode: 'ffffffffffffffff' },
    SBX_PLT40002: { scheduleCode: schedules[4]!.scheduleCode },
    SBX_PLT40003: { scheduleCode: schedules[2]!.scheduleCode },
    SBX_PLT40004: { scheduleCode: schedules[3]!.scheduleCode },
    SBX_PLT40005: { prakerjaId: participants[2]!.prakerjaId },
    SBX_PLT40006: { prakerjaId: participants[3]!.prakerjaId },
    SBX_PLT40007: { prakerjaId: participants[4]!.prakerjaId },
    SBX_PLT40008: { prakerjaId: '9900000000000000' },
    SBX_PLT40009: { amount: courses[0]!.price + 1 },
    SBX_PLT40010: { courseCode: 'sbx-crs-unknown' },
  };
  const error = await env
    .client()
    .payments.sendOtp(purchase(byCode[code]))
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ProgramApiError);
  expect((error as ProgramApiError).code).toBe(sent(code as ProgramErrorCode));
  const description = describePurchaseError(error);
  expect(reasonsFor(reason)).toContain(description.reason);
  expect(description.message.id).not.toBe(description.message.en);
});

it('answers ERRPLT40036 on send-otp without a schedule code', async () => {
  const params = purchase();
  const error = await env
    .client()
    .transport.request({
      method: 'POST',
      path: ProgramPath.SEND_OTP,
      body: {
        prakerja_id: params.prakerjaId,
        user_platform_id: 'u',
        course_code: params.courseCode,
        amount: params.amount,
        schedule_code: '',
      },
      readOnly: false,
      data: z.unknown(),
    })
    .catch((caught: unknown) => caught);
  expect(describePurchaseError(error)).toMatchObject({
    reason: 'missing_course_or_schedule',
    code: 'ERRPLT40036',
  });
});

it('returns a wrong OTP as not purchased, and the same token then still buys', async () => {
  const client = env.client();
  const params = purchase();
  const { paymentToken } = await client.payments.sendOtp(params);
  const otp = env.sandbox.control.sms.latestOtp(params.prakerjaId)!;
  const wrong = otp === '000000' ? '111111' : '000000';
  const invoice = {
    invoiceCode: 'INV-OTP-1',
    invoiceUrl: 'https://shop.example/invoices/INV-OTP-1',
  };
  const refused = await client.payments.authorize({ paymentToken, otp: wrong, ...invoice });
  expect(refused).toMatchObject({ outcome: 'not_purchased', reconciled: false });
  if (refused.outcome === 'not_purchased') {
    const description = describePurchaseError(refused.error);
    expect(reasonsFor('wrong_otp')).toContain(description.reason);
    if (description.reason === 'wrong_otp') expect(description.retryable).toBe(true);
  }
  expect((await client.payments.authorize({ paymentToken, otp, ...invoice })).outcome).toBe(
    'purchased',
  );
});

it('reports an authorize re-sent after it went through as that purchase, once', async () => {
  const { client, paymentToken, otp, result } = await buy('INV-AGAIN-1');
  if (result.outcome !== 'purchased') throw new Error(`expected a purchase, got ${result.outcome}`);
  const again = await client.payments.authorize({
    paymentToken,
    otp,
    invoiceCode: 'INV-AGAIN-1',
    invoiceUrl: 'https://shop.example/invoices/INV-AGAIN-1',
  });
  expect(again).toMatchObject({
    outcome: 'purchased',
    reconciled: true,
    payment: { transactionCode: result.payment.transactionCode },
  });
  const bought = env.sandbox.control.transactions.list();
  expect(bought.filter((item) => item.invoiceCode === 'INV-AGAIN-1')).toHaveLength(1);
});

it('refuses a used token and an unknown token as not purchased, and reports a paid invoice sent again with a new token as that purchase', async () => {
  const { client, paymentToken, otp, params } = await buy('INV-USED-1');
  const reasonOf = async (token: string, tokenOtp: string, invoiceCode: string) => {
    const result = await client.payments.authorize({
      paymentToken: token,
      otp: tokenOtp,
      invoiceCode,
      invoiceUrl: `https://shop.example/invoices/${invoiceCode}`,
    });
    if (result.outcome !== 'not_purchased')
      throw new Error(`expected not_purchased, got ${result.outcome}`);
    return describePurchaseError(result.error).reason;
  };
  expect(reasonsFor('payment_token_used')).toContain(
    await reasonOf(paymentToken, otp, 'INV-USED-2'),
  );
  expect(reasonsFor('payment_token_invalid')).toContain(
    await reasonOf('ptk_not_a_token', otp, 'INV-USED-3'),
  );
  const again = await client.payments.sendOtp(params);
  const secondOtp = env.sandbox.control.sms.latestOtp(params.prakerjaId)!;
  // The program refuses the reused invoice; status shows it paid: that purchase, no second one.
  const reused = await client.payments.authorize({
    paymentToken: again.paymentToken,
    otp: secondOtp,
    invoiceCode: 'INV-USED-1',
    invoiceUrl: 'https://shop.example/invoices/INV-USED-1',
  });
  expect(reused).toMatchObject({
    outcome: 'purchased',
    reconciled: true,
    payment: { invoiceCode: 'INV-USED-1', state: 'authorized' },
  });
  expect(
    env.sandbox.control.transactions.list().filter((item) => item.invoiceCode === 'INV-USED-1'),
  ).toHaveLength(1);
});

it('refuses an expired payment token (SBX_PLT40012)', async () => {
  const client = env.client();
  const params = purchase({ scheduleCode: env.fixtures().schedules[1]!.scheduleCode });
  const { paymentToken } = await client.payments.sendOtp(params);
  const otp = env.sandbox.control.sms.latestOtp(params.prakerjaId)!;
  env.sandbox.control.clock.advance({ days: 1 });
  const result = await client.payments.authorize({
    paymentToken,
    otp,
    invoiceCode: 'INV-LATE-1',
    invoiceUrl: 'https://shop.example/invoices/INV-LATE-1',
  });
  expect(result.outcome).toBe('not_purchased');
  if (result.outcome === 'not_purchased') {
    expect(reasonsFor('payment_token_expired')).toContain(
      describePurchaseError(result.error).reason,
    );
  }
});
