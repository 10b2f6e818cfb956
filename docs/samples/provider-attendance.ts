import { createProviderClient, type ProviderClient } from '@prakerja-kit/provider';

// #region client
export function createLpClient(env: Record<string, string | undefined> = process.env) {
  return createProviderClient({
    // PRAKERJA_CLIENT_CODE, PRAKERJA_SIGN_KEY, PRAKERJA_BASE_URL (production when unset), and:
    // PRAKERJA_REDIRECT_URI, exactly as registered on Prakerja's form (or `redirectUri` here);
    // PRAKERJA_STATE_SECRET, 32+ characters with 128+ bits of entropy (`openssl rand -base64 32`),
    // signs the state (or `stateSecret` here).
    env,
  });
}
// #endregion

// #region start
/** Your "start session" route: returns where to send the browser and the cookie to set. */
export async function startVerification(
  client: ProviderClient,
  participant: { redeemCode: string; email: string },
  sequence: number, // 1 redeem, 2-10 attendance, 999 post-test
) {
  const started = await client.attendance.createVerificationUrl({
    redeemCode: participant.redeemCode,
    email: participant.email, // the participant's email at your LP
    sequence,
  });
  return {
    redirectTo: started.url, // the Prakerja-hosted face check
    // The SDK's signed state (it carries the program's state inside): the cookie for the return.
    setCookie: `prakerja_state=${started.state}; HttpOnly; Secure; SameSite=Lax; Path=/prakerja`,
    // The program's own state (`vst_…` in the sandbox), or undefined when the program sent none:
    // keep it with the session for support, and in tests hand it to the sandbox's
    // `verifications.approve(programState)` (the cookie's state is not the program's).
    programState: started.programState,
  };
}
// #endregion

// #region return
/** Your redirect_uri route: the browser is back; never trust the redirect alone. */
export async function handleReturn(
  client: ProviderClient,
  request: { url: string; cookieState: string; sessionEmail: string; sessionRedeemCode: string },
) {
  const result = await client.attendance.confirm({
    state: request.cookieState, // the signed state from the cookie
    returnUrl: request.url, // must carry the state the program issued at url-generate
    email: request.sessionEmail, // required: refuse a state started for someone else
    redeemCode: request.sessionRedeemCode, // required, for the same reason
  });
  if (result.outcome === 'verified') return { unlock: result.sequence }; // the signed status call said yes
  // invalid_state, expired_state, state_mismatch, state_missing, participant_mismatch,
  // status_mismatch, not_verified
  return { retry: result.reason };
}
// #endregion
