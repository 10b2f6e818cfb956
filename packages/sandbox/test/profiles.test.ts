import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSignature, ProgramErrorCode as E, ProgramPath } from '@prakerja-kit/core';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createSandbox,
  PROFILE_SWITCHES,
  type ProfileSwitchName,
  resolveSandboxProfile,
  SANDBOX_PROFILE_NAMES,
  SANDBOX_PROFILES,
  SandboxControlError,
  type SandboxProfileInput,
  sandboxErrorFor,
} from '../src/index.js';
import type { Engine } from '../src/internal/engine.js';
import { shapeSuccess } from '../src/internal/profile-responses.js';
import { successResponse } from '../src/internal/responses.js';
import { useSandbox } from '../src/vitest.js';
import { type CallOptions, call, codeOf, control } from './helpers.js';
import { pick, purchase } from './purchase.js';

const env = useSandbox();
// The profile outlives reset(): every test starts from `default`.
beforeEach(() => {
  env.control.profile.set('default');
});
const use = (profile: SandboxProfileInput) => env.control.profile.set(profile);

const unknownSchedule = () => {
  const f = pick(env.fixtures);
  return call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, {
    course_code: f.course.courseCode,
    schedule_code: 'ffffffffffffffff',
  });
};

async function sendOtp(options: CallOptions = {}) {
  const f = pick(env.fixtures);
  return call(
    env.url,
    f.dp,
    ProgramPath.SEND_OTP,
    {
      prakerja_id: f.eligible.prakerjaId,
      user_platform_id: 'user-1',
      course_code: f.course.courseCode,
      schedule_code: f.soon.scheduleCode,
      amount: f.course.price,
    },
    options,
  );
}

async function authorizeWith(invoiceCode: string, options: Partial<CallOptions> = {}) {
  const f = pick(env.fixtures);
  const otp = await sendOtp();
  const token = otp.body.data.payment_token ?? otp.body.data.token;
  return call(
    env.url,
    f.dp,
    ProgramPath.AUTHORIZE,
    {
      otp: env.control.sms.latestOtp(f.eligible.prakerjaId),
      invoice_url: `https://dp.example/invoice/${invoiceCode}`,
      invoice_code: invoiceCode,
    },
    { authorization: `Payment ${token}`, ...options },
  );
}

const status = (invoiceCode: string) =>
  call(env.url, pick(env.fixtures).dp, ProgramPath.PAYMENT_STATUS, { invoice_code: invoiceCode });

describe('profile machinery', () => {
  it('uses every variant of every switch in at least one named profile', () => {
    for (const [name, variants] of Object.entries(PROFILE_SWITCHES)) {
      const used = new Set(
        Object.values(SANDBOX_PROFILES).map((profile) => profile[name as ProfileSwitchName]),
      );
      expect([...used].sort(), name).toEqual([...variants].sort());
      expect(variants.length, name).toBeGreaterThanOrEqual(2);
    }
  });

  it('keeps the default profile on the sandbox behaviour before profiles', () => {
    for (const [name, variants] of Object.entries(PROFILE_SWITCHES)) {
      expect(SANDBOX_PROFILES.default[name as ProfileSwitchName], name).toBe(variants[0]);
    }
  });

  it('runs the integration suites under every named profile (vitest.config.ts)', () => {
    const config = readFileSync(new URL('../../../vitest.config.ts', import.meta.url), 'utf8');
    const list = /const SANDBOX_PROFILES = \[([^\]]*)\]/.exec(config)?.[1] ?? '';
    expect(list.split(',').map((item) => item.trim().replaceAll("'", ''))).toEqual(
      SANDBOX_PROFILE_NAMES,
    );
  });

  it('lists every switch with its variants and every named profile in the README', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const [name, variants] of Object.entries(PROFILE_SWITCHES)) {
      const row = readme
        .split('\n')
        .find((line) => new RegExp(`^\\|\\s*\`${name}\`\\s*\\|.*§`).test(line));
      expect(row, name).toBeDefined();
      for (const variant of variants) expect(row, `${name} ${variant}`).toContain(`\`${variant}\``);
      expect(row, name).toMatch(/§\d/);
    }
    const header = readme.split('\n').find((line) => /^\|\s*switch\s*\|\s*`default`/.test(line));
    for (const profile of SANDBOX_PROFILE_NAMES) expect(header).toContain(`\`${profile}\``);
  });

  it('resolves names and overrides, and names what is wrong', () => {
    expect(resolveSandboxProfile('terse')).toEqual({
      base: 'terse',
      overrides: {},
      switches: SANDBOX_PROFILES.terse,
    });
    const mixed = resolveSandboxProfile({ base: 'strict-http', voidedStatus: 'VOID' });
    expect(mixed.overrides).toEqual({ voidedStatus: 'VOID' });
    expect(mixed.switches).toMatchObject({ errorStatus: 'http', voidedStatus: 'VOID' });
    // An override equal to the base is no override.
    expect(resolveSandboxProfile({ amounts: 'number' }).overrides).toEqual({});
    expect(() => resolveSandboxProfile('loose')).toThrow(
      /unknown profile "loose": use one of default/,
    );
    expect(() => resolveSandboxProfile({ base: 'x' })).toThrow(/unknown base profile "x"/);
    expect(() => resolveSandboxProfile({ colour: 'red' })).toThrow(
      /unknown profile switch "colour"/,
    );
    expect(() => resolveSandboxProfile({ voidedStatus: 'GONE' })).toThrow(
      /voidedStatus: expected one of "VOID", "VOIDED", "CANCELLED", "CANCELED", received "GONE"/,
    );
    expect(() => resolveSandboxProfile(42)).toThrow(SandboxControlError);
    expect(() => createSandbox({ profile: 'nope' as never })).toThrow(SandboxControlError);
  });

  it('says which code and status each profile sends', () => {
    expect(sandboxErrorFor('default', E.INVALID_SIGNATURE)).toEqual({
      code: 'SBX_GEN40101',
      status: 401,
    });
    expect(sandboxErrorFor('terse', E.INVALID_SIGNATURE)).toEqual({ code: undefined, status: 400 });
    expect(sandboxErrorFor('strict-http', E.PAYMENT_TOKEN_USED)).toMatchObject({ status: 409 });
    expect(sandboxErrorFor('strict-http', E.PAYMENT_TOKEN_USED).code).toMatch(/^OPQ[0-9A-F]{8}$/);
    // Documented codes are the same everywhere.
    for (const name of SANDBOX_PROFILE_NAMES) {
      expect(sandboxErrorFor(name, E.TRANSACTION_ALREADY_VOIDED)).toEqual({
        code: 'ERRPLT40028',
        status: 400,
      });
    }
  });
});

describe('control plane', () => {
  it('shows and switches the profile over HTTP, and keeps it across reset', async () => {
    const shown = await control(env.url, 'GET', '/profile');
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      base: 'default',
      overrides: {},
      switches: SANDBOX_PROFILES.default,
      available: SANDBOX_PROFILE_NAMES,
    });
    expect(shown.body.variants.voidedStatus).toEqual(['VOID', 'VOIDED', 'CANCELLED', 'CANCELED']);
    expect((await control(env.url, 'PUT', '/profile', '"terse"')).body.base).toBe('terse');
    expect((await control(env.url, 'PUT', '/profile', { name: 'lenient' })).body.base).toBe(
      'lenient',
    );
    const set = await control(env.url, 'PUT', '/profile', {
      base: 'strict-http',
      amounts: 'number',
    });
    expect(set.body).toMatchObject({ base: 'strict-http', overrides: { amounts: 'number' } });
    await control(env.url, 'POST', '/reset');
    expect(env.control.profile.get().overrides).toEqual({ amounts: 'number' });
    expect(env.control.state.export().profile.base).toBe('strict-http');
    const bad = await control(env.url, 'PUT', '/profile', { base: 'terse', signatureHex: 'UPPER' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/signatureHex: expected one of "any-case", "lower-only"/);
    expect(
      (await control(env.url, 'PUT', '/profile', { name: 'terse', amounts: 'x' })).status,
    ).toBe(400);
    expect(env.control.profile.get().base).toBe('strict-http');
  });

  it('exports the profile with the state; an import without one keeps the active profile', () => {
    use('lenient');
    const saved = env.control.state.export();
    use('terse');
    env.control.state.import(saved);
    expect(env.control.profile.get().base).toBe('lenient');
    const { profile: _, ...old } = saved;
    use('strict-http');
    env.control.state.import(old);
    expect(env.control.profile.get().base).toBe('strict-http');
    const forged = {
      ...saved,
      profile: { ...saved.profile, switches: { ...saved.profile.switches, amounts: 'number' } },
    };
    expect(() => env.control.state.import(forged)).toThrow(/state\.profile/);
  });

  it('saves the profile in the state file; an explicit profile option wins when loading it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sbx-profile-')), 'state.json');
    const first = createSandbox({ stateFile: file, profile: 'lenient' });
    await first.close();
    const reloaded = createSandbox({ stateFile: file });
    expect(reloaded.control.profile.get().base).toBe('lenient');
    reloaded.control.reset();
    expect(reloaded.control.profile.get().base).toBe('lenient');
    await reloaded.close();
    const overridden = createSandbox({ stateFile: file, profile: 'terse' });
    expect(overridden.control.profile.get().base).toBe('terse');
    await overridden.close();
    expect(JSON.parse(readFileSync(file, 'utf8')).profile.base).toBe('terse');
  });

  it('takes the profile from createSandbox and shows it in the state', async () => {
    const sandbox = createSandbox({ profile: { base: 'terse', legacyCommit: 'available' } });
    try {
      expect(sandbox.control.profile.get()).toMatchObject({
        base: 'terse',
        overrides: { legacyCommit: 'available' },
      });
      sandbox.control.reset();
      expect(sandbox.control.state.export().profile.switches.errorCodes).toBe('absent');
    } finally {
      await sandbox.close();
    }
  });
});

describe('switches over HTTP', () => {
  it('errorCodes: SBX codes, opaque codes or no code; documented codes never change', async () => {
    const f = pick(env.fixtures);
    const empty = () =>
      call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, {
        course_code: f.course.courseCode,
        schedule_code: '',
      });
    expect(codeOf(await unknownSchedule())).toBe(E.SCHEDULE_NOT_FOUND);
    use({ errorCodes: 'opaque' });
    const opaque = await unknownSchedule();
    expect(codeOf(opaque)).toMatch(/^OPQ[0-9A-F]{8}$/);
    expect(codeOf(await unknownSchedule())).toBe(codeOf(opaque));
    expect(opaque.body.message).toBe('Jadwal pelatihan tidak ditemukan.');
    expect(codeOf(await empty())).toBe(E.COURSE_OR_SCHEDULE_EMPTY);
    use({ errorCodes: 'absent' });
    const bare = await unknownSchedule();
    expect(bare.body).toEqual({ message: 'Jadwal pelatihan tidak ditemukan.', success: false });
    expect(codeOf(await empty())).toBe(E.COURSE_OR_SCHEDULE_EMPTY);
  });

  it('errorStatus: the catalogue statuses, always 400, or REST-style statuses', async () => {
    const f = pick(env.fixtures);
    const badSignature = () =>
      call(
        env.url,
        f.dp,
        ProgramPath.QUOTA_SCHEDULE,
        { course_code: 'a', schedule_code: 'b' },
        { signKey: 'sk_wrong' },
      );
    const bought = await purchase(env.sandbox, env.url);
    const usedToken = () =>
      call(
        env.url,
        f.dp,
        ProgramPath.AUTHORIZE,
        { otp: '000000', invoice_url: 'https://dp.example/i/2', invoice_code: 'INV-X2' },
        { authorization: `Payment ${bought.paymentToken}` },
      );
    const voidMissing = () =>
      call(env.url, f.dp, ProgramPath.VOID, {
        invoice_code: bought.invoiceCode,
        transaction_code: 'NOPE',
      });
    const statuses = async () => [
      (await badSignature()).status,
      (await usedToken()).status,
      (await unknownSchedule()).status,
      (await voidMissing()).status,
      (await call(env.url, f.dp, '/api/v1/integration/nowhere', {})).status,
    ];
    expect(await statuses()).toEqual([401, 400, 400, 400, 404]);
    use({ errorStatus: 'always-400' });
    expect(await statuses()).toEqual([400, 400, 400, 400, 400]);
    use({ errorStatus: 'http' });
    expect(await statuses()).toEqual([401, 409, 404, 400, 404]);
  });

  it('unknownInvoice: an error envelope, HTTP 404, or 200 with data null', async () => {
    expect(await status('INV-NOBODY')).toMatchObject({
      status: 400,
      body: { code: E.INVOICE_NOT_FOUND, success: false },
    });
    use({ unknownInvoice: 'http-404' });
    expect(await status('INV-NOBODY')).toMatchObject({
      status: 404,
      body: { code: E.INVOICE_NOT_FOUND, success: false },
    });
    use({ unknownInvoice: 'null-data' });
    expect(await status('INV-NOBODY')).toMatchObject({
      status: 200,
      body: { success: true, message: 'Data tidak ditemukan', data: null },
    });
  });

  it('voidedStatus: VOID, VOIDED, CANCELLED or CANCELED on status after a void', async () => {
    const bought = await purchase(env.sandbox, env.url);
    const voided = await call(env.url, pick(env.fixtures).dp, ProgramPath.VOID, {
      invoice_code: bought.invoiceCode,
      transaction_code: bought.transactionCode,
    });
    expect(voided.status).toBe(200);
    for (const variant of PROFILE_SWITCHES.voidedStatus) {
      use({ voidedStatus: variant });
      expect((await status(bought.invoiceCode)).body.data.status).toBe(variant);
    }
    // The state machine keeps one spelling.
    expect(env.control.transactions.byInvoice(bought.invoiceCode)?.status).toBe('VOID');
  });

  it('amounts and invoiceCode: numbers or numeric strings, invoice codes as integers', async () => {
    use({ amounts: 'string', invoiceCode: 'integer' });
    const price = pick(env.fixtures).course.price;
    expect((await sendOtp()).body.data.amount).toBe(String(price));
    const numeric = await authorizeWith('12345');
    expect(numeric.body.data).toMatchObject({ invoice_code: 12345, amount: String(price) });
    expect((await status('12345')).body.data).toMatchObject({
      invoice_code: '12345',
      amount: String(price),
    });
    use('default');
    const named = await authorizeWith('INV-STR-1');
    expect(named.body.data).toMatchObject({ invoice_code: 'INV-STR-1', amount: price });
  });

  it('authorizationSignature: outside, inside, or either', async () => {
    const outside = { signAuthorization: false };
    const inside = { signAuthorization: true };
    expect((await authorizeWith('INV-A1', outside)).status).toBe(200);
    expect((await authorizeWith('INV-A2', inside)).status).toBe(200);
    use({ authorizationSignature: 'outside' });
    expect((await authorizeWith('INV-A3', outside)).status).toBe(200);
    expect(codeOf(await authorizeWith('INV-A4', inside))).toBe(E.INVALID_SIGNATURE);
    use({ authorizationSignature: 'inside' });
    expect(codeOf(await authorizeWith('INV-A5', outside))).toBe(E.INVALID_SIGNATURE);
    expect((await authorizeWith('INV-A6', inside)).status).toBe(200);
  });

  it('extraFields: undocumented fields in envelopes and data', async () => {
    use({ extraFields: 'present' });
    const otp = await sendOtp();
    expect(otp.body).toMatchObject({ success: true, request_id: expect.any(String) });
    expect(otp.body.data).toMatchObject({ payment_token: expect.any(String), meta: {} });
    expect(otp.body.data.updated_at).toEqual(expect.any(String));
    expect((await unknownSchedule()).body).toMatchObject({
      code: E.SCHEDULE_NOT_FOUND,
      success: false,
      errors: null,
      request_id: expect.any(String),
    });
  });

  it('paymentTokenField and tokenExpiry: token or payment_token, expired_at or not', async () => {
    const plain = (await sendOtp()).body.data;
    expect(Object.keys(plain)).toEqual(expect.arrayContaining(['payment_token', 'expired_at']));
    use({ paymentTokenField: 'token', tokenExpiry: 'absent' });
    const terse = (await sendOtp()).body.data;
    expect(terse.token).toMatch(/^ptk_/);
    expect(terse).not.toHaveProperty('payment_token');
    expect(terse).not.toHaveProperty('expired_at');
    // The token works for authorize.
    expect((await authorizeWith('INV-TOKEN-1')).status).toBe(200);
  });

  async function rejectedAttendance() {
    const f = pick(env.fixtures);
    const code = f.testCode('TC1-001-200').redeemCode;
    const generated = await call(env.url, f.lp, ProgramPath.URL_GENERATE, {
      redeem_code: code,
      redirect_uri: f.lp.redirectUris[0],
      email: 'peserta@lp.example',
      sequence: 1,
    });
    expect(generated.status).toBe(200);
    const decision = env.control.verifications.reject(generated.body.data.state);
    const state = await call(env.url, f.lp, ProgramPath.REDEEM_STATUS, {
      redeem_code: code,
      sequence: 1,
    });
    return { decision, state: state.body.data };
  }

  it('attendanceStatus and attendanceRedirectState: 2 or 0 for a rejection, state or not', async () => {
    const plain = await rejectedAttendance();
    expect(plain.state.attendance_status).toBe(2);
    expect(new URL(plain.decision.redirectUrl).searchParams.get('state')).toBe(
      plain.decision.verification.state,
    );
    env.control.reset();
    use({ attendanceStatus: '0-1', attendanceRedirectState: 'absent' });
    const terse = await rejectedAttendance();
    expect(terse.state.attendance_status).toBe(0);
    const back = new URL(terse.decision.redirectUrl);
    expect(back.searchParams.has('state')).toBe(false);
    expect(back.searchParams.get('result')).toBe('rejected');
  });

  it('redeemStatus: 1 once redeemed, or 1 for every live code', async () => {
    const f = pick(env.fixtures);
    const { redeemCode } = await purchase(env.sandbox, env.url);
    const redeem = () =>
      call(env.url, f.lp, ProgramPath.REDEEM_STATUS, { redeem_code: redeemCode, sequence: 1 });
    expect((await redeem()).body.data).toMatchObject({ status: 0, attendance_status: 0 });
    use({ redeemStatus: 'active' });
    expect((await redeem()).body.data).toMatchObject({ status: 1, attendance_status: 0 });
  });

  it('resetMessage: each variant on a successful reset', async () => {
    const f = pick(env.fixtures);
    for (const message of PROFILE_SWITCHES.resetMessage) {
      use({ resetMessage: message });
      const reset = await call(env.url, f.lp, ProgramPath.REDEEM_RESET, {
        redeem_code: f.testCode('TC1-001-200').redeemCode,
      });
      expect(reset.body).toMatchObject({ success: true, message });
    }
  });

  it('submissionStatus: with-4 reports a reviewed submission awaiting its verdict as 4', async () => {
    const fake = (switches: Partial<typeof SANDBOX_PROFILES.default>) =>
      ({
        profile: { ...SANDBOX_PROFILES.default, ...switches },
        isoNow: () => '2026-01-01T00:00:00.000Z',
        id: (prefix: string) => `${prefix}x`,
      }) as unknown as Engine;
    const data = (assignment: number, feedback: number) => ({
      assignment: { redeem_code: 'R', scope: 'tpm', sequence: 1, status: assignment },
      feedback: { redeem_code: 'R', scope: 'tpm', sequence: 1, status: feedback },
    });
    const shaped = async (switches: object, assignment: number, feedback: number) =>
      (
        await (
          await shapeSuccess(
            fake(switches),
            ProgramPath.TPM_STATUS,
            successResponse('OK', data(assignment, feedback)),
          )
        ).json()
      ).data.assignment.status;
    expect(await shaped({}, 1, 1)).toBe(1);
    expect(await shaped({ submissionStatus: 'with-4' }, 1, 1)).toBe(4);
    expect(await shaped({ submissionStatus: 'with-4' }, 1, 0)).toBe(1);
    expect(await shaped({ submissionStatus: 'with-4' }, 2, 2)).toBe(2);
  });

  async function ssoTokens() {
    const f = pick(env.fixtures);
    const { code } = env.control.sso.consent({
      clientId: f.lp.clientCode,
      prakerjaId: f.eligible.prakerjaId,
      redirectUri: 'http://127.0.0.1:7/sso/callback',
    });
    const exchanged = await ssoPost(ProgramPath.SSO_TOKEN, { code });
    expect(exchanged.status).toBe(200);
    return exchanged.body.data.refresh_token as string;
  }

  async function ssoPost(path: string, body: unknown) {
    const response = await fetch(`${env.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'X-Client-Id': pick(env.fixtures).lp.clientCode,
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  it('refreshPath: both paths, only /oauth/token/refresh, or only /oauth/token', async () => {
    expect((await ssoPost(ProgramPath.SSO_REFRESH, { token: await ssoTokens() })).status).toBe(200);
    expect((await ssoPost(ProgramPath.SSO_TOKEN, { token: await ssoTokens() })).status).toBe(200);
    use({ refreshPath: 'token-refresh' });
    expect((await ssoPost(ProgramPath.SSO_REFRESH, { token: await ssoTokens() })).status).toBe(200);
    expect(codeOf(await ssoPost(ProgramPath.SSO_TOKEN, { token: await ssoTokens() }))).toBe(
      E.OAUTH_AUTH_CODE_NOT_FOUND,
    );
    use({ refreshPath: 'token' });
    expect(codeOf(await ssoPost(ProgramPath.SSO_REFRESH, { token: await ssoTokens() }))).toBe(
      E.NOT_FOUND,
    );
    expect((await ssoPost(ProgramPath.SSO_TOKEN, { token: await ssoTokens() })).status).toBe(200);
  });

  it('bodyCanonicalisation and signatureHex: re-compacted bodies and upper-case hex', async () => {
    const f = pick(env.fixtures);
    const body = { course_code: f.course.courseCode, schedule_code: f.soon.scheduleCode };
    const spaced = () =>
      call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, body, {
        rawBody: JSON.stringify(body, null, 1),
        signedBody: JSON.stringify(body),
      });
    const upper = async () => {
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = (
        await createSignature({
          clientCode: f.dp.clientCode,
          signKey: f.dp.signKey,
          timestamp,
          method: 'POST',
          path: ProgramPath.QUOTA_SCHEDULE,
          body: JSON.stringify(body),
        })
      ).toUpperCase();
      return call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, body, {
        timestamp,
        headers: { signature },
      });
    };
    expect((await spaced()).status).toBe(200);
    expect((await upper()).status).toBe(200);
    use({ bodyCanonicalisation: 'exact', signatureHex: 'lower-only' });
    expect(codeOf(await spaced())).toBe(E.INVALID_SIGNATURE);
    expect(codeOf(await upper())).toBe(E.INVALID_SIGNATURE);
  });

  it('ssoAuthorizeSigning: the path, the path and query, or either', async () => {
    const f = pick(env.fixtures);
    const query = `?${new URLSearchParams({
      state: 'st-1',
      scope: 'name email',
      client_id: f.lp.clientCode,
      redirect_uri: 'http://127.0.0.1:7/sso/callback',
      login_uri: 'http://127.0.0.1:7/login',
    })}`;
    const login = async (withQuery: boolean) => {
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = await createSignature({
        clientCode: f.lp.clientCode,
        signKey: f.lp.signKey,
        timestamp,
        method: 'GET',
        // raw_signature = client_code + timestamp + GET + path + query: the query in `body`'s place.
        path: ProgramPath.SSO_AUTHORIZE,
        body: withQuery ? query : '',
      });
      const response = await fetch(`${env.url}${ProgramPath.SSO_AUTHORIZE}${query}`, {
        headers: {
          'X-Client-Id': f.lp.clientCode,
          'X-Signature': signature,
          'X-Timestamp': String(timestamp),
        },
      });
      return response.status;
    };
    expect([await login(false), await login(true)]).toEqual([200, 401]);
    use({ ssoAuthorizeSigning: 'path-and-query' });
    expect([await login(false), await login(true)]).toEqual([401, 200]);
    use({ ssoAuthorizeSigning: 'either' });
    expect([await login(false), await login(true)]).toEqual([200, 200]);
  });

  it('timestampTolerance: 300 s or 30 s, unless createSandbox sets one', async () => {
    const f = pick(env.fixtures);
    const old = () =>
      call(
        env.url,
        f.dp,
        ProgramPath.QUOTA_SCHEDULE,
        { course_code: f.course.courseCode, schedule_code: f.soon.scheduleCode },
        { timestamp: Math.floor(Date.now() / 1000) - 100 },
      );
    expect((await old()).status).toBe(200);
    use({ timestampTolerance: 'narrow' });
    expect(codeOf(await old())).toBe(E.TIMESTAMP_OUT_OF_WINDOW);
    const fixed = createSandbox({ timestampToleranceSeconds: 600, profile: 'terse' });
    const server = await fixed.listen({ port: 0 });
    try {
      const dp = fixed.fixtures.platforms[0]!;
      const course = fixed.fixtures.courses[0]!;
      const result = await call(
        server.url,
        dp,
        ProgramPath.QUOTA_SCHEDULE,
        {
          course_code: course.courseCode,
          schedule_code: fixed.fixtures.schedules[0]!.scheduleCode,
        },
        { timestamp: Math.floor(Date.now() / 1000) - 500 },
      );
      expect(result.status).toBe(200);
    } finally {
      await fixed.close();
    }
  });

  it('legacyCommit: the 2022 commit endpoint exists, or answers not found', async () => {
    const f = pick(env.fixtures);
    const commit = () =>
      call(env.url, f.lp, ProgramPath.REDEEM_COMMIT, { redeem_code: 'PRAT-NOPE00' });
    expect(codeOf(await commit())).toBe(E.REDEEM_CODE_NOT_FOUND);
    use({ legacyCommit: 'gone' });
    expect(await commit()).toMatchObject({ status: 404, body: { code: E.NOT_FOUND } });
  });
});

describe('late-commit fault', () => {
  it('holds authorize past the client giving up, answers not found meanwhile, then commits', async () => {
    const f = pick(env.fixtures);
    const otp = await sendOtp();
    env.control.faults.add({ kind: 'late-commit', path: ProgramPath.AUTHORIZE, latencyMs: 400 });
    const body = JSON.stringify({
      otp: env.control.sms.latestOtp(f.eligible.prakerjaId),
      invoice_url: 'https://dp.example/invoice/INV-LATE-C',
      invoice_code: 'INV-LATE-C',
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const authorization = `Payment ${otp.body.data.payment_token}`;
    const signature = await createSignature({
      clientCode: f.dp.clientCode,
      signKey: f.dp.signKey,
      timestamp,
      method: 'POST',
      path: ProgramPath.AUTHORIZE,
      body,
    });
    const started = Date.now();
    const gaveUp = await fetch(`${env.url}${ProgramPath.AUTHORIZE}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        client_code: f.dp.clientCode,
        signature,
        timestamp: String(timestamp),
        authorization,
      },
      body,
      signal: AbortSignal.timeout(100),
    }).catch((error: unknown) => error);
    expect(gaveUp).toBeInstanceOf(Error);
    expect(codeOf(await status('INV-LATE-C'))).toBe(E.INVOICE_NOT_FOUND);
    expect(env.control.faults.list()[0]).toMatchObject({ kind: 'late-commit', hits: 1 });
    let committed = await status('INV-LATE-C');
    for (let round = 0; round < 40 && committed.status !== 200; round++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      committed = await status('INV-LATE-C');
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    expect(committed.body.data).toMatchObject({ invoice_code: 'INV-LATE-C', status: 'SUCCESS' });
  });

  it('drops the connection even for a patient client: the answer never arrives', async () => {
    env.control.faults.add({ kind: 'late-commit', path: ProgramPath.SEND_OTP, latencyMs: 50 });
    const failed = await sendOtp().catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    expect(env.control.sms.list()).toHaveLength(1);
  });
});
