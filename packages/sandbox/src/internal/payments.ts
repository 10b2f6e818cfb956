import { ProgramErrorCode } from '@prakerja-kit/core';
import { looseAmountSchema, looseInvoiceCodeSchema, toAmount } from '@prakerja-kit/core/internal';
import * as z from 'zod/mini';
import { EDUCATION_LEVELS, type SandboxClient, type SandboxSchedule } from '../sandbox-fixtures.js';
import type { Engine } from './engine.js';
import { fromKit } from './from-kit.js';
import { integer, parseBody, required, text } from './parse-body.js';
import { fail } from './program-failure.js';
import { Alphabet } from './random.js';
import type { TransactionRecord } from './state.js';

// The program's amount and invoice code arrive as a number or a string; normalised here.
const amountSchema = z.pipe(fromKit(looseAmountSchema), z.transform(toAmount));
const invoiceCodeSchema = z.pipe(fromKit(looseInvoiceCodeSchema), z.transform(String));

const quotaSchema = z.object({ course_code: z.optional(text), schedule_code: z.optional(text) });

const sendOtpSchema = z.object({
  prakerja_id: required,
  user_platform_id: z.union([required, integer]),
  course_code: z.optional(text),
  schedule_code: z.optional(text),
  amount: amountSchema,
});

const authorizeSchema = z.object({
  otp: z.union([required, integer]),
  invoice_url: required,
  invoice_code: invoiceCodeSchema,
});

const statusSchema = z.object({ invoice_code: invoiceCodeSchema });

const voidSchema = z.object({ invoice_code: invoiceCodeSchema, transaction_code: required });

/** Remaining seats of a schedule. */
export function seatsLeft(engine: Engine, schedule: SandboxSchedule): number {
  return Math.max(0, schedule.seats - (engine.state.seatsTaken[schedule.scheduleCode] ?? 0));
}

function findCourseAndSchedule(engine: Engine, courseCode: string, scheduleCode: string) {
  if (!courseCode || !scheduleCode) fail(ProgramErrorCode.COURSE_OR_SCHEDULE_EMPTY);
  const course = engine.fixtures.courses.find((item) => item.courseCode === courseCode);
  if (!course) fail(ProgramErrorCode.COURSE_NOT_FOUND);
  const schedule = engine.fixtures.schedules.find((item) => item.scheduleCode === scheduleCode);
  if (!schedule) fail(ProgramErrorCode.SCHEDULE_NOT_FOUND);
  if (schedule.courseCode !== course.courseCode) fail(ProgramErrorCode.SCHEDULE_COURSE_MISMATCH);
  return { course, schedule };
}

/** `payment/quota-schedule`: remaining seats. */
export function quotaSchedule(engine: Engine, body: unknown) {
  const input = parseBody(quotaSchema, body);
  const { schedule } = findCourseAndSchedule(
    engine,
    input.course_code ?? '',
    input.schedule_code ?? '',
  );
  return {
    schedule_code: schedule.scheduleCode,
    course_code: schedule.courseCode,
    quota: seatsLeft(engine, schedule),
  };
}

function checkPurchase(
  engine: Engine,
  prakerjaId: string,
  courseCode: string,
  scheduleCode: string,
) {
  const participant = engine.fixtures.participants.find((item) => item.prakerjaId === prakerjaId);
  if (!participant) fail(ProgramErrorCode.PARTICIPANT_NOT_FOUND);
  const { course, schedule } = findCourseAndSchedule(engine, courseCode, scheduleCode);
  if (Date.parse(schedule.startAt) <= engine.now()) fail(ProgramErrorCode.COURSE_ALREADY_STARTED);
  if (seatsLeft(engine, schedule) <= 0) fail(ProgramErrorCode.QUOTA_FULL);
  const { minAge, maxAge, minEducation } = course.requirements;
  if (participant.age < minAge || participant.age > maxAge) {
    fail(ProgramErrorCode.AGE_NOT_ELIGIBLE);
  }
  if (EDUCATION_LEVELS.indexOf(participant.education) < EDUCATION_LEVELS.indexOf(minEducation)) {
    fail(ProgramErrorCode.EDUCATION_NOT_ELIGIBLE);
  }
  return { participant, course, schedule };
}

/** `payment/send-otp`: validates the purchase, texts an OTP and issues a payment token. */
export function sendOtp(engine: Engine, client: SandboxClient, body: unknown) {
  const input = parseBody(sendOtpSchema, body);
  const { participant, course, schedule } = checkPurchase(
    engine,
    input.prakerja_id,
    input.course_code ?? '',
    input.schedule_code ?? '',
  );
  if (input.amount !== course.price) fail(ProgramErrorCode.AMOUNT_MISMATCH);
  if ((engine.state.balances[participant.prakerjaId] ?? 0) < course.price) {
    fail(ProgramErrorCode.INSUFFICIENT_BALANCE);
  }
  const now = engine.now();
  const otp = engine.random.string(6, Alphabet.DIGITS);
  const token = engine.id('ptk_', 32, Alphabet.LOWER_ALPHANUMERIC);
  const expiresAt = now + engine.options.paymentTokenTtlSeconds * 1000;
  engine.state.paymentTokens[token] = {
    token,
    clientCode: client.clientCode,
    prakerjaId: participant.prakerjaId,
    userPlatformId: String(input.user_platform_id),
    courseCode: course.courseCode,
    scheduleCode: schedule.scheduleCode,
    amount: course.price,
    otp,
    createdAt: now,
    expiresAt,
    usedAt: null,
  };
  engine.state.sms.push({
    id: engine.id('sms_', 16),
    prakerjaId: participant.prakerjaId,
    phone: participant.phone,
    otp,
    text: `JANGAN BERIKAN KODE INI KE SIAPAPUN. Kode OTP pembelian pelatihan Prakerja: ${otp}`,
    sentAt: new Date(now).toISOString(),
  });
  return {
    payment_token: token,
    expired_at: new Date(expiresAt).toISOString(),
    prakerja_id: participant.prakerjaId,
    course_code: course.courseCode,
    schedule_code: schedule.scheduleCode,
    amount: course.price,
  };
}

/** `payment/authorize`: checks token and OTP, then creates the purchase and its redeem code. */
export function authorize(
  engine: Engine,
  client: SandboxClient,
  authorization: string | null,
  body: unknown,
) {
  const match = /^Payment\s+(\S+)$/.exec(authorization?.trim() ?? '');
  if (!match) fail(ProgramErrorCode.PAYMENT_TOKEN_INVALID);
  const input = parseBody(authorizeSchema, body);
  const token = engine.state.paymentTokens[match[1]!];
  if (!token || token.clientCode !== client.clientCode)
    fail(ProgramErrorCode.PAYMENT_TOKEN_INVALID);
  if (token.usedAt !== null) fail(ProgramErrorCode.PAYMENT_TOKEN_USED);
  if (engine.now() > token.expiresAt) fail(ProgramErrorCode.PAYMENT_TOKEN_EXPIRED);
  if (String(input.otp) !== token.otp) fail(ProgramErrorCode.WRONG_OTP);
  const invoiceTaken = Object.values(engine.state.transactions).some(
    (item) => item.clientCode === client.clientCode && item.invoiceCode === input.invoice_code,
  );
  if (invoiceTaken) fail(ProgramErrorCode.INVOICE_ALREADY_USED);
  const { participant, course, schedule } = checkPurchase(
    engine,
    token.prakerjaId,
    token.courseCode,
    token.scheduleCode,
  );
  if ((engine.state.balances[participant.prakerjaId] ?? 0) < course.price) {
    fail(ProgramErrorCode.INSUFFICIENT_BALANCE);
  }
  const now = engine.isoNow();
  const transactionCode = engine.id('', 16, Alphabet.UPPER_ALPHANUMERIC);
  const redeemCode = engine.id('', 12, Alphabet.UPPER_ALPHANUMERIC);
  token.usedAt = engine.now();
  engine.state.seatsTaken[schedule.scheduleCode] =
    (engine.state.seatsTaken[schedule.scheduleCode] ?? 0) + 1;
  engine.state.balances[participant.prakerjaId] =
    (engine.state.balances[participant.prakerjaId] ?? 0) - course.price;
  engine.state.transactions[transactionCode] = {
    transactionCode,
    invoiceCode: input.invoice_code,
    invoiceUrl: input.invoice_url,
    clientCode: client.clientCode,
    prakerjaId: participant.prakerjaId,
    userPlatformId: token.userPlatformId,
    courseCode: course.courseCode,
    scheduleCode: schedule.scheduleCode,
    amount: course.price,
    status: 'SUCCESS',
    createdAt: now,
    voidedAt: null,
    redeemCode,
  };
  engine.state.redeemCodes[redeemCode] = {
    redeemCode,
    transactionCode,
    courseCode: course.courseCode,
    scheduleCode: schedule.scheduleCode,
    prakerjaId: participant.prakerjaId,
    provider: course.provider,
    testCase: null,
    positive: false,
    email: null,
    cancelled: false,
    attendance: {},
    redeemedAt: null,
    completedAt: null,
    disbursementId: null,
    initialVerified: [],
  };
  engine.emit('payment.authorized', {
    invoice_code: input.invoice_code,
    transaction_code: transactionCode,
    amount: course.price,
    course_code: course.courseCode,
    schedule_code: schedule.scheduleCode,
    authorized_at: now,
  });
  return {
    invoice_code: input.invoice_code,
    transaction_code: transactionCode,
    amount: course.price,
    status: 'SUCCESS',
    prakerja_name: participant.name,
  };
}

function describeTransaction(engine: Engine, transaction: TransactionRecord) {
  const participant = engine.fixtures.participants.find(
    (item) => item.prakerjaId === transaction.prakerjaId,
  );
  return {
    created_at: transaction.createdAt,
    invoice_code: transaction.invoiceCode,
    transaction_code: transaction.transactionCode,
    amount: transaction.amount,
    status: transaction.status,
    prakerja_name: participant?.name ?? '',
  };
}

/** `payment/status`: the purchase with this `invoice_code` of the calling DP. */
export function paymentStatus(engine: Engine, client: SandboxClient, body: unknown) {
  const input = parseBody(statusSchema, body);
  const transaction = Object.values(engine.state.transactions).find(
    (item) => item.clientCode === client.clientCode && item.invoiceCode === input.invoice_code,
  );
  if (!transaction) fail(ProgramErrorCode.INVOICE_NOT_FOUND);
  return describeTransaction(engine, transaction);
}

/** `payment/void`: cancels the purchase, releases the seat, refunds and cancels the redeem code. */
export function voidPayment(engine: Engine, client: SandboxClient, body: unknown): void {
  const input = parseBody(voidSchema, body);
  const transaction = engine.state.transactions[input.transaction_code];
  if (
    !transaction ||
    transaction.clientCode !== client.clientCode ||
    transaction.invoiceCode !== input.invoice_code
  ) {
    fail(ProgramErrorCode.TRANSACTION_NOT_FOUND);
  }
  if (transaction.status === 'VOID') fail(ProgramErrorCode.TRANSACTION_ALREADY_VOIDED);
  const now = engine.isoNow();
  transaction.status = 'VOID';
  transaction.voidedAt = now;
  const taken = engine.state.seatsTaken[transaction.scheduleCode] ?? 0;
  engine.state.seatsTaken[transaction.scheduleCode] = Math.max(0, taken - 1);
  engine.state.balances[transaction.prakerjaId] =
    (engine.state.balances[transaction.prakerjaId] ?? 0) + transaction.amount;
  const redeem = engine.state.redeemCodes[transaction.redeemCode];
  if (redeem) redeem.cancelled = true;
  engine.emit('payment.voided', {
    invoice_code: transaction.invoiceCode,
    transaction_code: transaction.transactionCode,
    voided_at: now,
  });
  if (redeem?.disbursementId) {
    engine.emit('incentive.disbursement_cancelled', {
      disbursement_id: redeem.disbursementId,
      reason: 'transaction voided',
      cancelled_at: now,
    });
  }
}
