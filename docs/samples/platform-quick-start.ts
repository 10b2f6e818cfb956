import { createPlatformClient, describePurchaseError } from '@prakerja-kit/platform';
import type { SandboxFixtures } from '@prakerja-kit/sandbox';

/** Buys the sandbox's first course for its first participant, end to end. */
export async function quickStart() {
  // Reads PRAKERJA_BASE_URL, PRAKERJA_CLIENT_CODE and PRAKERJA_SIGN_KEY, as the sandbox prints them.
  const client = createPlatformClient();
  const sandboxUrl = client.transport.config.baseUrl;
  const fixtures = (await (
    await fetch(`${sandboxUrl}/__sandbox/fixtures`)
  ).json()) as SandboxFixtures;
  const participant = fixtures.participants[0]!; // "eligible for every course"
  const course = fixtures.courses[0]!;
  const schedule = fixtures.schedules[0]!; // "starts in 30 minutes"

  // 1. Live seats (kuota) of the schedule.
  const { quota } = await client.quotas.retrieve({
    courseCode: course.courseCode,
    scheduleCode: schedule.scheduleCode,
  });

  // 2. Prakerja validates the purchase and texts the participant an OTP.
  const order = {
    prakerjaId: participant.prakerjaId,
    userPlatformId: 'user-1',
    courseCode: course.courseCode,
    scheduleCode: schedule.scheduleCode,
    amount: course.price,
  };
  const { paymentToken } = await client.payments.sendOtp(order);

  // 3. The participant types the OTP. The sandbox keeps its "SMS" in an inbox instead.
  const sms = await fetch(`${sandboxUrl}/__sandbox/sms/latest?prakerjaId=${order.prakerjaId}`);
  const { otp } = (await sms.json()) as { otp: string };

  // 4. Complete the purchase with your own invoice code.
  const invoiceCode = `INV-${Date.now()}`;
  const result = await client.payments.authorize({
    paymentToken,
    otp,
    invoiceCode,
    invoiceUrl: `https://shop.example/invoices/${invoiceCode}`,
  });
  if (result.outcome !== 'purchased') {
    const reason =
      result.outcome === 'not_purchased'
        ? describePurchaseError(result.error).reason
        : result.outcome;
    throw new Error(`purchase not completed: ${reason}`);
  }
  return { seatsBefore: quota, transactionCode: result.payment.transactionCode, invoiceCode };
}
