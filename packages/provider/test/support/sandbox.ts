import {
  createTransport,
  ProgramApiError,
  type ProgramErrorCode,
  ProgramPath,
} from '@prakerja-kit/core';
import * as z from '@prakerja-kit/core/internal/schema';
import {
  createSandbox,
  resolveSandboxProfile,
  type SandboxOptions,
  sandboxErrorFor,
} from '@prakerja-kit/sandbox';
import { afterEach, expect } from 'vitest';
import { createContractRecorder } from '../../../../scripts/openapi/contract.js';
import { createProviderClient, type ProviderClientOptions } from '../../src/index.js';

/** Registered in the sandbox fixtures; a loopback URI matches any port. */
export const REDIRECT_URI = 'http://127.0.0.1/prakerja/callback';
export const SSO_REDIRECT_URI = 'http://127.0.0.1/sso/callback';
export const LOGIN_URI = 'http://127.0.0.1/login';
export const STATE_SECRET = 'fake-integration-state-secret-0123456789';

/** The sandbox profile this run tests against: `PRAKERJA_SANDBOX_PROFILE`, else `default`. */
export const PROFILE = resolveSandboxProfile(process.env['PRAKERJA_SANDBOX_PROFILE'] || 'default');

/**
 * Client options an LP sets to match the program where the client documents one: the refresh
 * path (`sso.refreshPath`) when the profile accepts refreshes only on `/oauth/token`, and
 * `sso.signQuery` when the login-URL call's signature covers its query.
 */
export function profileSsoOptions(): Partial<NonNullable<ProviderClientOptions['sso']>> {
  return {
    ...(PROFILE.switches.refreshPath === 'token' ? { refreshPath: ProgramPath.SSO_TOKEN } : {}),
    ...(PROFILE.switches.ssoAuthorizeSigning === 'path-and-query' ? { signQuery: true } : {}),
  };
}

/**
 * The OpenAPI contract check (issue 20): every program answer a sandbox of these suites sends is
 * validated against /__sandbox/openapi.json; a drift fails the test it happened in.
 */
export const CONTRACT = createContractRecorder();
afterEach(() => CONTRACT.assertClean());

/**
 * A sandbox on a real HTTP port (under the vitest project's profile), its first LP's
 * credentials, and a client factory.
 */
export async function startSandbox(seed = 7, options: SandboxOptions = {}) {
  const sandbox = createSandbox({
    seed,
    profile: PROFILE.base,
    onProgramResponse: CONTRACT.observe,
    ...options,
  });
  const server = await sandbox.listen({ port: 0 });
  const lp = sandbox.fixtures.providers[0]!;
  const makeClient = (options: Partial<ProviderClientOptions> = {}) =>
    createProviderClient({
      clientCode: lp.clientCode,
      signKey: lp.signKey,
      baseUrl: server.url,
      redirectUri: REDIRECT_URI,
      stateSecret: STATE_SECRET,
      logLevel: 'silent',
      maxRetries: 0,
      env: {},
      sso: { redirectUri: SSO_REDIRECT_URI, loginUri: LOGIN_URI, ...profileSsoOptions() },
      // An LP whose program sends no `state` back on the attendance return says so (the binding
      // to the signed LP state, redeem code, email and sequence still holds).
      ...(PROFILE.switches.attendanceRedirectState === 'absent'
        ? { attendanceReturnState: 'if-present' as const }
        : {}),
      ...options,
    });
  const code = (testCase: string) =>
    sandbox.fixtures.redeemCodes.find((item) => item.testCase === testCase)!.redeemCode;
  return {
    sandbox,
    server,
    lp,
    makeClient,
    code,
    async close() {
      await server.close();
      await sandbox.close();
    },
  };
}

/** Presses a button on a sandbox HTML page over HTTP (as the browser would) and returns the redirect. */
export async function pressButton(pageUrl: string, field: string, value: string): Promise<string> {
  const page = await fetch(pageUrl);
  if (page.status !== 200) throw new Error(`page ${pageUrl} answered ${page.status}`);
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error('no form on the page');
  const form = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    form.set(match[1]!, match[2]!.replaceAll('&amp;', '&').replaceAll('&quot;', '"'));
  }
  const radio = /<input type="radio" name="([^"]+)" value="([^"]+)"[^>]* checked/.exec(html);
  if (radio) form.set(radio[1]!, radio[2]!);
  form.set(field, value);
  const response = await fetch(new URL(action, pageUrl), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const location = response.headers.get('location');
  if (response.status < 300 || response.status >= 400 || !location) {
    throw new Error(`expected a redirect, got ${response.status}`);
  }
  return location;
}

/** Buys a course as the sandbox's first DP and returns the (non-test) redeem code. */
export async function purchase(
  context: Awaited<ReturnType<typeof startSandbox>>,
  scheduleIndex: number,
  invoiceCode: string,
): Promise<string> {
  const { sandbox, server } = context;
  const dp = sandbox.fixtures.platforms[0]!;
  const buyer = sandbox.fixtures.participants[0]!;
  const schedule = sandbox.fixtures.schedules[scheduleIndex]!;
  const course = sandbox.fixtures.courses.find((item) => item.courseCode === schedule.courseCode)!;
  const transport = createTransport({
    clientCode: dp.clientCode,
    signKey: dp.signKey,
    baseUrl: server.url,
    logLevel: 'silent',
    maxRetries: 0,
    env: {},
    signAuthorization: PROFILE.switches.authorizationSignature === 'inside',
  });
  const otp = await transport.request({
    method: 'POST',
    path: ProgramPath.SEND_OTP,
    body: {
      prakerja_id: buyer.prakerjaId,
      user_platform_id: 'user-1',
      course_code: course.courseCode,
      amount: course.price,
      schedule_code: schedule.scheduleCode,
    },
    readOnly: false,
    // The token field's name depends on the profile (`payment_token` or `token`).
    data: z.looseObject({ payment_token: z.optional(z.string()), token: z.optional(z.string()) }),
  });
  const paymentToken = otp.data.payment_token ?? otp.data.token;
  await transport.request({
    method: 'POST',
    path: ProgramPath.AUTHORIZE,
    authorization: `Payment ${paymentToken}`,
    body: {
      otp: sandbox.control.sms.latestOtp(buyer.prakerjaId),
      invoice_url: `https://dp.example/invoices/${invoiceCode}`,
      invoice_code: invoiceCode,
    },
    readOnly: false,
    data: z.unknown(),
  });
  return sandbox.control.transactions.byInvoice(invoiceCode)!.redeemCode;
}

/** The program error code a call fails with; fails the test unless it is a ProgramApiError. */
export async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProgramApiError);
  return (error as ProgramApiError).code;
}

/**
 * The code the sandbox sends for `code` under this run's profile: documented codes as they are,
 * assumed ones as `SBX_…`, an opaque string, or none (undefined), per the `errorCodes` switch.
 */
export function sent(code: ProgramErrorCode): string | undefined {
  return sandboxErrorFor(PROFILE, code).code;
}
