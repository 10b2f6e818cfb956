// Starts the sandbox over real HTTP on port 0 for one test file, reset before each test, under
// the profile of the vitest project (PRAKERJA_SANDBOX_PROFILE; see vitest.config.ts).
import type { ProgramErrorCode } from '@prakerja-kit/core';
import { createSandbox, resolveSandboxProfile, sandboxErrorFor } from '@prakerja-kit/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createContractRecorder } from '../../../../scripts/openapi/contract.js';
import {
  createPlatformClient,
  type PaymentsAuthorizeParams,
  type PaymentsSendOtpParams,
  type PlatformClient,
  type PlatformClientOptions,
} from '../../src/index.js';

/** The sandbox profile this run tests against: `PRAKERJA_SANDBOX_PROFILE`, else `default`. */
export const PROFILE = resolveSandboxProfile(process.env['PRAKERJA_SANDBOX_PROFILE'] || 'default');

/**
 * Client options a partner sets to match the program where the client documents one: under a
 * profile that signs `Authorization` inside the authorize signature, `signAuthorization: true`.
 */
export function profileClientOptions(): Partial<PlatformClientOptions> {
  return PROFILE.switches.authorizationSignature === 'inside' ? { signAuthorization: true } : {};
}

/**
 * The code the sandbox sends for `code` under this run's profile: documented codes as they are,
 * assumed ones as `SBX_…`, an opaque string, or none (undefined), per the `errorCodes` switch.
 */
export function sent(code: ProgramErrorCode): string | undefined {
  return sandboxErrorFor(PROFILE, code).code;
}

/** The HTTP status the sandbox sends for `code` under this run's profile (`errorStatus`). */
export function sentStatus(code: ProgramErrorCode): number {
  return sandboxErrorFor(PROFILE, code).status;
}

/**
 * The reasons `describePurchaseError` may give for a refusal the sandbox describes with an assumed
 * code: exactly `reason` when the profile sends `SBX_…` codes; otherwise `reason` or `unknown`
 * (the client cannot know an undocumented code), never another reason.
 */
export function reasonsFor(reason: string): string[] {
  return PROFILE.switches.errorCodes === 'sbx' ? [reason] : [reason, 'unknown'];
}

/**
 * The OpenAPI contract check (issue 20): every program answer a sandbox of these suites sends is
 * validated against /__sandbox/openapi.json; a drift fails the test it happened in.
 */
export const CONTRACT = createContractRecorder();
afterEach(() => CONTRACT.assertClean());

export function useSandbox(seed = 4) {
  const sandbox = createSandbox({
    seed,
    profile: PROFILE.base,
    onProgramResponse: CONTRACT.observe,
  });
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
  const sendOtpParams = (overrides: Partial<PaymentsSendOtpParams> = {}): PaymentsSendOtpParams => {
    const { participants, courses, schedules } = fixtures();
    return {
      prakerjaId: participants[0]!.prakerjaId,
      userPlatformId: 'user-1',
      courseCode: courses[0]!.courseCode,
      scheduleCode: schedules[0]!.scheduleCode,
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
      overrides: Partial<PaymentsSendOtpParams> = {},
    ): Promise<PaymentsAuthorizeParams> {
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
        ...profileClientOptions(),
        ...options,
      });
    },
  };
}
