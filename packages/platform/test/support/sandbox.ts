// Starts the sandbox over real HTTP on port 0 for one test file, reset before each test.
import { createSandbox } from '@prakerja-kit/sandbox';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  createPlatformClient,
  type PaymentAuthorizeParams,
  type PaymentSendOtpParams,
  type PlatformClient,
  type PlatformClientOptions,
} from '../../src/index.js';

export function useSandbox(seed = 4) {
  const sandbox = createSandbox({ seed });
  let server: { url: string; close(): Promise<void> } | undefined;
  beforeAll(async () => {
    server = await sandbox.listen({ port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.control.reset();
  });
  const fixtures = () => sandbox.control.fixtures();
  /** send-otp params for the first seeded participant, course and schedule. */
  const sendOtpParams = (overrides: Partial<PaymentSendOtpParams> = {}): PaymentSendOtpParams => {
    const { participants, courses, schedules } = fixtures();
    return {
      prakerjaId: participants[0]!.prakerja_id,
      userPlatformId: 'user-1',
      courseCode: courses[0]!.course_code,
      scheduleCode: schedules[0]!.schedule_code,
      amount: courses[0]!.price,
      ...overrides,
    };
  };
  return {
    sandbox,
    fixtures,
    url: () => server!.url,
    sendOtpParams,
    /** Runs send-otp with `client`; returns the authorize params, OTP read from the SMS inbox. */
    async authorizeParams(
      client: PlatformClient,
      invoiceCode: string,
      overrides: Partial<PaymentSendOtpParams> = {},
    ): Promise<PaymentAuthorizeParams> {
      const params = sendOtpParams(overrides);
      const { paymentToken } = await client.payments.sendOtp(params);
      return {
        paymentToken,
        otp: sandbox.control.sms.latestOtp(params.prakerjaId)!,
        invoiceCode,
        invoiceUrl: `https://shop.example/invoices/${invoiceCode}`,
      };
    },
    /** A client for the first seeded DP, with fast retries and reconciliation. */
    client(options: Partial<PlatformClientOptions> = {}) {
      const dp = fixtures().platforms[0]!;
      return createPlatformClient({
        clientCode: dp.clientCode,
        signKey: dp.signKey,
        baseUrl: server!.url,
        logLevel: 'silent',
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
        reconcile: { attempts: 2, delayMs: 5 },
        ...options,
      });
    },
  };
}
