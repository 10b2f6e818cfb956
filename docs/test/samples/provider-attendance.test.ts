import { expect, it } from 'vitest';
import {
  createLpClient,
  handleReturn,
  startVerification,
} from '../../samples/provider-attendance.js';
import { LP_REDIRECT_URI, LP_STATE_SECRET, useSandboxServer } from '../support/sandbox.js';

const env = useSandboxServer();

function client() {
  const lp = env.provider();
  return createLpClient({
    PRAKERJA_CLIENT_CODE: lp.clientCode,
    PRAKERJA_SIGN_KEY: lp.signKey,
    PRAKERJA_BASE_URL: env.url(),
    PRAKERJA_LOG_LEVEL: 'silent',
    PRAKERJA_REDIRECT_URI: LP_REDIRECT_URI,
    PRAKERJA_STATE_SECRET: LP_STATE_SECRET,
  });
}

function testCode(testCase: string) {
  return env.sandbox.control.fixtures().redeemCodes.find((item) => item.testCase === testCase)!;
}

function cookieValue(setCookie: string) {
  return setCookie.slice('prakerja_state='.length, setCookie.indexOf(';'));
}

it('redeems (sequence 1) after an approved face check, confirmed by the signed status call', async () => {
  const lp = client();
  const participant = { redeemCode: testCode('TC1-001-200').redeemCode, email: 'tari@lp.example' };
  const started = await startVerification(lp, participant, 1);
  expect(started.redirectTo).toMatch(/^http/);
  expect(started.programState).toMatch(/^vst_/);
  // The participant passes the face check; the sandbox sends the browser back.
  const { redirectUrl } = env.sandbox.control.verifications.approve(started.programState!);
  const result = await handleReturn(lp, {
    url: redirectUrl,
    cookieState: cookieValue(started.setCookie),
    sessionEmail: participant.email,
    sessionRedeemCode: participant.redeemCode,
  });
  expect(result).toEqual({ unlock: 1 });
});

it('refuses a rejected face check and a state started for another participant', async () => {
  const lp = client();
  const participant = { redeemCode: testCode('TC2-001-200').redeemCode, email: 'tari@lp.example' };
  const started = await startVerification(lp, participant, 1);
  const { redirectUrl } = env.sandbox.control.verifications.reject(started.programState!);
  const cookieState = cookieValue(started.setCookie);
  const session = { sessionEmail: participant.email, sessionRedeemCode: participant.redeemCode };
  expect(await handleReturn(lp, { url: redirectUrl, cookieState, ...session })).toEqual({
    retry: 'not_verified',
  });
  expect(
    await handleReturn(lp, {
      url: redirectUrl,
      cookieState,
      ...session,
      sessionEmail: 'someone@lp.example',
    }),
  ).toEqual({ retry: 'participant_mismatch' });
  expect(
    await handleReturn(lp, { url: redirectUrl.split('?')[0]!, cookieState, ...session }),
  ).toEqual({ retry: 'state_missing' });
});

it("approving with the cookie's state instead of the program's is refused by the sandbox", async () => {
  const lp = client();
  const participant = { redeemCode: testCode('TC1-001-200').redeemCode, email: 'tari@lp.example' };
  const started = await startVerification(lp, participant, 1);
  expect(() => env.sandbox.control.verifications.approve(cookieValue(started.setCookie))).toThrow();
  expect(() => env.sandbox.control.verifications.approve(started.programState!)).not.toThrow();
});
