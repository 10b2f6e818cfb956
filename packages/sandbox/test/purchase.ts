import { ProgramPath } from '@prakerja-kit/core';
import type { Sandbox, SandboxFixtures } from '../src/index.js';
import { call } from './helpers.js';

/** Index of fixtures used across tests (see src/fixtures.ts for what each is for). */
export function pick(fixtures: SandboxFixtures) {
  const [dp, dp2] = fixtures.platforms;
  const [lp, lp2] = fixtures.providers;
  const [eligible, smaOnly, young, lowEducation, poor] = fixtures.participants;
  const [course, webinar, s1Course, otherLpCourse] = fixtures.courses;
  const [soon, later, started, full, webinarSoon, , s1Soon, otherLpSoon] = fixtures.schedules;
  const testCode = (id: string) => fixtures.redeemCodes.find((item) => item.testCase === id)!;
  return {
    dp: dp!,
    dp2: dp2!,
    lp: lp!,
    lp2: lp2!,
    eligible: eligible!,
    smaOnly: smaOnly!,
    young: young!,
    lowEducation: lowEducation!,
    poor: poor!,
    course: course!,
    webinar: webinar!,
    s1Course: s1Course!,
    otherLpCourse: otherLpCourse!,
    soon: soon!,
    later: later!,
    started: started!,
    full: full!,
    webinarSoon: webinarSoon!,
    s1Soon: s1Soon!,
    otherLpSoon: otherLpSoon!,
    testCode,
  };
}

let invoiceCounter = 0;

/** Buys a course over HTTP (send-otp, OTP from the inbox, authorize); returns codes. */
export async function purchase(
  sandbox: Sandbox,
  url: string,
  options: {
    prakerjaId?: string;
    courseCode?: string;
    scheduleCode?: string;
    invoiceCode?: string;
  } = {},
) {
  const f = pick(sandbox.fixtures);
  const courseCode = options.courseCode ?? f.course.courseCode;
  const course = sandbox.fixtures.courses.find((item) => item.courseCode === courseCode)!;
  const prakerjaId = options.prakerjaId ?? f.eligible.prakerjaId;
  const otp = await call(url, f.dp, ProgramPath.SEND_OTP, {
    prakerja_id: prakerjaId,
    user_platform_id: 'user-1',
    course_code: courseCode,
    schedule_code: options.scheduleCode ?? f.soon.scheduleCode,
    amount: course.price,
  });
  if (otp.status !== 200) throw new Error(`send-otp failed: ${JSON.stringify(otp.body)}`);
  invoiceCounter += 1;
  const invoiceCode = options.invoiceCode ?? `INV-${invoiceCounter}`;
  const authorized = await call(
    url,
    f.dp,
    ProgramPath.AUTHORIZE,
    {
      otp: sandbox.control.sms.latestOtp(prakerjaId),
      invoice_url: `https://dp.example/invoice/${invoiceCode}`,
      invoice_code: invoiceCode,
    },
    { authorization: `Payment ${otp.body.data.payment_token}` },
  );
  if (authorized.status !== 200)
    throw new Error(`authorize failed: ${JSON.stringify(authorized.body)}`);
  const transaction = sandbox.control.transactions.byInvoice(invoiceCode)!;
  return {
    invoiceCode,
    transactionCode: authorized.body.data.transaction_code as string,
    redeemCode: transaction.redeemCode,
    paymentToken: otp.body.data.payment_token as string,
  };
}
