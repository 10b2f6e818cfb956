import { ProgramErrorCode as E, PROGRAM_ERRORS, ProgramPath } from '@prakerja-kit/core';
import { expect, it } from 'vitest';
import { useSandbox } from '../src/vitest.js';
import { type CallResult, call, codeOf } from './helpers.js';
import { pick, purchase } from './purchase.js';

const env = useSandbox();

const expectError = (result: CallResult, code: E) => {
  expect(result.body).toEqual({ code, message: PROGRAM_ERRORS[code].message, success: false });
  expect(result.status).toBe(PROGRAM_ERRORS[code].status);
};

it('answers quota-schedule with the remaining seats', async () => {
  const f = pick(env.fixtures);
  const result = await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, {
    course_code: f.course.courseCode,
    schedule_code: f.soon.scheduleCode,
  });
  expect(result.status).toBe(200);
  expect(result.body).toEqual({
    success: true,
    message: 'OK',
    data: { schedule_code: f.soon.scheduleCode, course_code: f.course.courseCode, quota: 20 },
  });
});

it('rejects quota-schedule with an empty code (ERRPLT40036), an unknown schedule or a mismatch', async () => {
  const f = pick(env.fixtures);
  const quota = (body: unknown) => call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, body);
  expectError(
    await quota({ course_code: '', schedule_code: f.soon.scheduleCode }),
    E.COURSE_OR_SCHEDULE_EMPTY,
  );
  expectError(await quota({ course_code: f.course.courseCode }), E.COURSE_OR_SCHEDULE_EMPTY);
  expectError(
    await quota({ course_code: f.course.courseCode, schedule_code: 'nope' }),
    E.SCHEDULE_NOT_FOUND,
  );
  expectError(
    await quota({ course_code: 'nope', schedule_code: f.soon.scheduleCode }),
    E.COURSE_NOT_FOUND,
  );
  expectError(
    await quota({ course_code: f.course.courseCode, schedule_code: f.webinarSoon.scheduleCode }),
    E.SCHEDULE_COURSE_MISMATCH,
  );
  expectError(await quota({ course_code: 5 }), E.INVALID_FIELD);
});

it('validates send-otp with a distinct code per rule', async () => {
  const f = pick(env.fixtures);
  const base = {
    prakerja_id: f.eligible.prakerjaId,
    user_platform_id: 'u-1',
    course_code: f.course.courseCode,
    schedule_code: f.soon.scheduleCode,
    amount: f.course.price,
  };
  const send = (patch: Record<string, unknown>) =>
    call(env.url, f.dp, ProgramPath.SEND_OTP, { ...base, ...patch });
  const cases: [Record<string, unknown>, E][] = [
    [{ prakerja_id: '9900000000000000' }, E.PARTICIPANT_NOT_FOUND],
    [{ course_code: 'sbx-crs-missing' }, E.COURSE_NOT_FOUND],
    [{ schedule_code: 'missing' }, E.SCHEDULE_NOT_FOUND],
    [{ schedule_code: '' }, E.COURSE_OR_SCHEDULE_EMPTY],
    [{ schedule_code: f.webinarSoon.scheduleCode }, E.SCHEDULE_COURSE_MISMATCH],
    [{ schedule_code: f.started.scheduleCode }, E.COURSE_ALREADY_STARTED],
    [{ schedule_code: f.full.scheduleCode }, E.QUOTA_FULL],
    [{ prakerja_id: f.young.prakerjaId }, E.AGE_NOT_ELIGIBLE],
    [{ prakerja_id: f.lowEducation.prakerjaId }, E.EDUCATION_NOT_ELIGIBLE],
    [{ prakerja_id: f.poor.prakerjaId }, E.INSUFFICIENT_BALANCE],
    [{ amount: f.course.price + 1 }, E.AMOUNT_MISMATCH],
    [{ amount: 'lots' }, E.INVALID_FIELD],
    [{ prakerja_id: undefined }, E.INVALID_FIELD],
  ];
  for (const [patch, code] of cases) expectError(await send(patch), code);
  // S1-only course for an SMA participant.
  expectError(
    await send({
      prakerja_id: f.smaOnly.prakerjaId,
      course_code: f.s1Course.courseCode,
      schedule_code: f.s1Soon.scheduleCode,
      amount: f.s1Course.price,
    }),
    E.EDUCATION_NOT_ELIGIBLE,
  );
  expect(env.control.sms.list()).toEqual([]);
});

it('texts the OTP to the SMS inbox and accepts the amount as a numeric string', async () => {
  const f = pick(env.fixtures);
  const result = await call(env.url, f.dp, ProgramPath.SEND_OTP, {
    prakerja_id: f.eligible.prakerjaId,
    user_platform_id: 'u-1',
    course_code: f.course.courseCode,
    schedule_code: f.soon.scheduleCode,
    amount: String(f.course.price),
  });
  expect(result.status).toBe(200);
  expect(result.body.data.payment_token).toMatch(/^ptk_/);
  const [sms] = env.control.sms.list(f.eligible.prakerjaId);
  expect(sms?.phone).toBe(f.eligible.phone);
  expect(sms?.otp).toMatch(/^\d{6}$/);
  expect(sms?.text).toContain(sms?.otp);
});

it('authorizes a purchase: transaction, redeem code, seat taken, balance charged', async () => {
  const f = pick(env.fixtures);
  const { invoiceCode, transactionCode, redeemCode } = await purchase(env.sandbox, env.url);
  const quota = await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, {
    course_code: f.course.courseCode,
    schedule_code: f.soon.scheduleCode,
  });
  expect(quota.body.data.quota).toBe(19);
  expect(redeemCode).toMatch(/^[A-Z0-9]{12}$/);
  const status = await call(env.url, f.dp, ProgramPath.PAYMENT_STATUS, {
    invoice_code: invoiceCode,
  });
  expect(status.body.data).toMatchObject({
    invoice_code: invoiceCode,
    transaction_code: transactionCode,
    amount: f.course.price,
    status: 'SUCCESS',
    prakerja_name: f.eligible.name,
  });
  expect(status.body.data.created_at).toMatch(/Z$/);
});

it('rejects authorize with a wrong OTP, a missing or unknown token, and a replayed token', async () => {
  const f = pick(env.fixtures);
  const sent = await call(env.url, f.dp, ProgramPath.SEND_OTP, {
    prakerja_id: f.eligible.prakerjaId,
    user_platform_id: 'u-1',
    course_code: f.course.courseCode,
    schedule_code: f.soon.scheduleCode,
    amount: f.course.price,
  });
  const token = sent.body.data.payment_token;
  const otp = env.control.sms.latestOtp(f.eligible.prakerjaId)!;
  const body = (invoice: string, code = otp) => ({
    otp: code,
    invoice_url: 'https://dp.example/i',
    invoice_code: invoice,
  });
  const authorize = (payload: unknown, authorization?: string) =>
    call(env.url, f.dp, ProgramPath.AUTHORIZE, payload, authorization ? { authorization } : {});
  const wrong = otp === '000000' ? '111111' : '000000';
  expectError(await authorize(body('A-1', wrong), `Payment ${token}`), E.WRONG_OTP);
  expectError(await authorize(body('A-1')), E.PAYMENT_TOKEN_INVALID);
  expectError(await authorize(body('A-1'), 'Payment ptk_unknown'), E.PAYMENT_TOKEN_INVALID);
  expectError(await authorize(body('A-1'), `Bearer ${token}`), E.PAYMENT_TOKEN_INVALID);
  // Another DP cannot use this DP's token.
  const other = await call(env.url, f.dp2, ProgramPath.AUTHORIZE, body('A-1'), {
    authorization: `Payment ${token}`,
  });
  expectError(other, E.PAYMENT_TOKEN_INVALID);
  expect((await authorize(body('A-1'), `Payment ${token}`)).status).toBe(200);
  expectError(await authorize(body('A-2'), `Payment ${token}`), E.PAYMENT_TOKEN_USED);
});

it('rejects an expired payment token after time travel', async () => {
  const f = pick(env.fixtures);
  const sent = await call(env.url, f.dp, ProgramPath.SEND_OTP, {
    prakerja_id: f.eligible.prakerjaId,
    user_platform_id: 'u-1',
    course_code: f.course.courseCode,
    schedule_code: f.later.scheduleCode,
    amount: f.course.price,
  });
  env.control.clock.advance({ seconds: 301 });
  const result = await call(
    env.url,
    f.dp,
    ProgramPath.AUTHORIZE,
    {
      otp: env.control.sms.latestOtp(f.eligible.prakerjaId),
      invoice_url: 'https://dp.example/i',
      invoice_code: 'EXP-1',
    },
    { authorization: `Payment ${sent.body.data.payment_token}` },
  );
  expectError(result, E.PAYMENT_TOKEN_EXPIRED);
});

it('rejects an invoice code used twice by the same DP (SBX_PLT40015)', async () => {
  await purchase(env.sandbox, env.url, { invoiceCode: 'DUP-1' });
  await expect(purchase(env.sandbox, env.url, { invoiceCode: 'DUP-1' })).rejects.toThrow(
    E.INVOICE_ALREADY_USED,
  );
});

it('accepts authorize signed with the Authorization value in raw_signature, and without', async () => {
  const f = pick(env.fixtures);
  for (const [index, signAuthorization] of [false, true].entries()) {
    const sent = await call(env.url, f.dp, ProgramPath.SEND_OTP, {
      prakerja_id: f.eligible.prakerjaId,
      user_platform_id: 'u-1',
      course_code: f.course.courseCode,
      schedule_code: f.soon.scheduleCode,
      amount: f.course.price,
    });
    const result = await call(
      env.url,
      f.dp,
      ProgramPath.AUTHORIZE,
      {
        otp: env.control.sms.latestOtp(f.eligible.prakerjaId),
        invoice_url: 'https://dp.example/i',
        invoice_code: 9000 + index,
      },
      { authorization: `Payment ${sent.body.data.payment_token}`, signAuthorization },
    );
    expect(result.status).toBe(200);
    expect(result.body.data.invoice_code).toBe(String(9000 + index));
  }
});

it("finds no purchase for an unknown invoice (SBX_PLT40016), nor another DP's", async () => {
  const f = pick(env.fixtures);
  const { invoiceCode } = await purchase(env.sandbox, env.url);
  expectError(
    await call(env.url, f.dp, ProgramPath.PAYMENT_STATUS, { invoice_code: 'nope' }),
    E.INVOICE_NOT_FOUND,
  );
  expectError(
    await call(env.url, f.dp2, ProgramPath.PAYMENT_STATUS, { invoice_code: invoiceCode }),
    E.INVOICE_NOT_FOUND,
  );
  expectError(await call(env.url, f.dp, ProgramPath.PAYMENT_STATUS, {}), E.INVALID_FIELD);
});

it('voids once: seat released, balance refunded, redeem code cancelled; twice gives ERRPLT40028', async () => {
  const f = pick(env.fixtures);
  const { invoiceCode, transactionCode, redeemCode } = await purchase(env.sandbox, env.url);
  const voided = await call(env.url, f.dp, ProgramPath.VOID, {
    invoice_code: invoiceCode,
    transaction_code: transactionCode,
  });
  expect(voided.body).toEqual({ success: true, message: 'Transaksi berhasil dibatalkan.' });
  expectError(
    await call(env.url, f.dp, ProgramPath.VOID, {
      invoice_code: invoiceCode,
      transaction_code: transactionCode,
    }),
    E.TRANSACTION_ALREADY_VOIDED,
  );
  const quota = await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, {
    course_code: f.course.courseCode,
    schedule_code: f.soon.scheduleCode,
  });
  expect(quota.body.data.quota).toBe(20);
  expect(env.control.redeemCodes.get(redeemCode)?.cancelled).toBe(true);
  const status = await call(env.url, f.dp, ProgramPath.PAYMENT_STATUS, {
    invoice_code: invoiceCode,
  });
  expect(status.body.data.status).toBe('VOID');
  const redeem = await call(env.url, f.lp, ProgramPath.REDEEM_STATUS, {
    redeem_code: redeemCode,
    sequence: 1,
  });
  expect(codeOf(redeem)).toBe(E.REDEEM_CODE_CANCELLED);
});

it('answers ERRVOD40001 for an unknown transaction, a wrong invoice or another DP', async () => {
  const f = pick(env.fixtures);
  const { invoiceCode, transactionCode } = await purchase(env.sandbox, env.url);
  const voidWith = (client: typeof f.dp, body: unknown) =>
    call(env.url, client, ProgramPath.VOID, body);
  expectError(
    await voidWith(f.dp, { invoice_code: invoiceCode, transaction_code: 'NOPE' }),
    E.TRANSACTION_NOT_FOUND,
  );
  expectError(
    await voidWith(f.dp, { invoice_code: 'other', transaction_code: transactionCode }),
    E.TRANSACTION_NOT_FOUND,
  );
  expectError(
    await voidWith(f.dp2, { invoice_code: invoiceCode, transaction_code: transactionCode }),
    E.TRANSACTION_NOT_FOUND,
  );
});

it('lets only a DP call the payment endpoints (SBX_GEN40301 for an LP)', async () => {
  const f = pick(env.fixtures);
  for (const path of [
    ProgramPath.QUOTA_SCHEDULE,
    ProgramPath.SEND_OTP,
    ProgramPath.AUTHORIZE,
    ProgramPath.PAYMENT_STATUS,
    ProgramPath.VOID,
  ]) {
    expectError(await call(env.url, f.lp, path, {}), E.FORBIDDEN_FOR_CLIENT);
  }
});
