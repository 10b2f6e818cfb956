import {
  ProgramPath,
  parseParams,
  type RequestOptions,
  RequestValidationError,
} from '@prakerja-kit/core';
import type { ProviderContext } from '../internal/context.js';
import { returnQuery } from '../internal/return-url.js';
import { emailTag, signState, verifyState } from '../internal/state-token.js';
import {
  type AttendanceCreateVerificationUrlParams,
  type AttendanceResetParams,
  type AttendanceRetrieveParams,
  type AttendanceStatus,
  attendanceCreateVerificationUrlParamsSchema,
  attendanceResetParamsSchema,
  attendanceRetrieveParamsSchema,
  attendanceStatusSchema,
  toAttendanceStatus,
  toVerificationUrlData,
  verificationUrlSchema,
} from '../schemas/attendance.js';

/** What `attendance.createVerificationUrl` returns. */
export interface VerificationUrl {
  /** The program-hosted verification page (face check): redirect the participant's browser here. */
  url: string;
  /**
   * The LP's signed state: keep it for the return (an `HttpOnly` cookie is the usual place) and
   * pass it to `attendance.confirm`. It is signed, not encrypted: it carries the redeem code and
   * sequence in clear and the email only as a keyed tag.
   */
  state: string;
  /** The `state` the program returned from url-generate, if any (program-api.md §4.6, UNCERTAIN). */
  programState: string | undefined;
  /** Course type and learning method, when the program sent them. */
  course: { type: number | undefined; learningMethod: string | undefined } | undefined;
  /** When `state` stops being accepted, Unix seconds. */
  expiresAt: number;
}

/** Params of `attendance.confirm`. */
export interface AttendanceConfirmParams {
  /** The state from `createVerificationUrl`, e.g. read back from the cookie. */
  state: string;
  /**
   * The URL the browser came back on (or its query). When it carries a `state` and the program
   * gave one at url-generate, the two must match.
   */
  returnUrl?: string | URL | URLSearchParams | undefined;
  /** The email of the participant in session: a state started for another email is refused. */
  email?: string | undefined;
  /** The redeem code the LP expects: a state for another code is refused. */
  redeemCode?: string | undefined;
}

/** Why attendance was not confirmed. */
export type AttendanceRejectionReason =
  /** The state is malformed, forged, signed with an unknown secret, or for another purpose. */
  | 'invalid-state'
  /** The state is older than `stateTtlSeconds`. */
  | 'expired-state'
  /** The `state` on the return URL is not the one the program issued for this verification. */
  | 'state-mismatch'
  /** The state was issued for another email or redeem code than the caller expected. */
  | 'participant-mismatch'
  /** The signed status call says the sequence is not verified (rejected, cancelled, or not done). */
  | 'not-verified';

/** The outcome of `attendance.confirm`. */
export type AttendanceConfirmation =
  | { verified: true; redeemCode: string; sequence: number; status: AttendanceStatus }
  | {
      verified: false;
      reason: AttendanceRejectionReason;
      /** Known once the state checked out. */
      redeemCode?: string | undefined;
      sequence?: number | undefined;
      /** Present when the status call was made. */
      status?: AttendanceStatus | undefined;
    };

/** Attendance verification (Prakerja's face check per sequence), redeem-code status and reset. */
export interface AttendanceResource {
  /**
   * Gets a program-hosted verification URL for one participant and sequence
   * (`POST /api/v1/integration/oauth/url-generate`), with a signed `state` for the return.
   *
   * `redirectUri` defaults to the client's `redirectUri`; it must be the one registered with
   * Prakerja. One LP email may not be used twice for the same course.
   *
   * @example
   * const { url, state } = await client.attendance.createVerificationUrl({
   *   redeemCode: 'PRAT-UJ0EEQ', sequence: 1, email: 'budi@example.com',
   * });
   * // set-cookie: att_state=<state>; HttpOnly; Secure; SameSite=Lax — then redirect to url
   */
  createVerificationUrl(
    params: AttendanceCreateVerificationUrlParams,
    options?: RequestOptions,
  ): Promise<VerificationUrl>;
  /**
   * Confirms attendance when the browser comes back: checks the state (signature, expiry,
   * binding), then asks the program with the signed status call. Never trusts the redirect alone.
   *
   * Returns `verified: false` with a reason for a bad state or an unverified sequence; throws
   * only when the status call itself fails (network, program error). Safe to call again with the
   * same state until it expires: it only ever reports what the program's status says.
   *
   * @example
   * const result = await client.attendance.confirm({ state: cookie, returnUrl: request.url, email });
   * if (result.verified) unlockSession(result.sequence);
   */
  confirm(
    params: AttendanceConfirmParams,
    options?: RequestOptions,
  ): Promise<AttendanceConfirmation>;
  /**
   * Attendance status of a redeem code for one sequence
   * (`POST /api/v1/integration/payment/redeem-code/status`). `verified` is true when
   * `attendance_status` is `1`.
   *
   * @example
   * const status = await client.attendance.retrieve({ redeemCode: 'PRAT-UJ0EEQ', sequence: 999 });
   */
  retrieve(params: AttendanceRetrieveParams, options?: RequestOptions): Promise<AttendanceStatus>;
  /**
   * Resets the verification steps of a test redeem code
   * (`POST /api/v1/integration/payment/redeem-code/reset`). Testing only: a code without the
   * `PRAT-` prefix is refused with `RequestValidationError` before anything is sent, and the
   * program resets only positive test cases.
   *
   * @example
   * await client.attendance.reset({ redeemCode: 'PRAT-UJ0EEQ' });
   */
  reset(params: AttendanceResetParams, options?: RequestOptions): Promise<AttendanceStatus>;
}

/** Builds the attendance resource. */
export function createAttendanceResource(context: ProviderContext): AttendanceResource {
  const { transport } = context;

  async function retrieve(params: AttendanceRetrieveParams, options?: RequestOptions) {
    const input = parseParams(attendanceRetrieveParamsSchema, params, ProgramPath.REDEEM_STATUS);
    const response = await transport.request({
      method: 'POST',
      path: ProgramPath.REDEEM_STATUS,
      body: { redeem_code: input.redeemCode, sequence: input.sequence ?? 1 },
      readOnly: true,
      data: attendanceStatusSchema,
      options,
    });
    return toAttendanceStatus(response.data);
  }

  return {
    async createVerificationUrl(params, options) {
      const endpoint = ProgramPath.URL_GENERATE;
      const input = parseParams(
        attendanceCreateVerificationUrlParamsSchema,
        { ...params, redirectUri: params.redirectUri ?? context.redirectUri },
        endpoint,
      );
      if (input.redirectUri === undefined) {
        throw new RequestValidationError(
          [
            {
              path: ['redirectUri'],
              message:
                'pass redirectUri here or to createProviderClient (the URI registered with Prakerja)',
            },
          ],
          endpoint,
        );
      }
      const sequence = input.sequence ?? 1;
      const { data } = await transport.request({
        method: 'POST',
        path: endpoint,
        body: {
          redeem_code: input.redeemCode,
          redirect_uri: input.redirectUri,
          email: input.email,
          sequence,
        },
        readOnly: false,
        data: verificationUrlSchema,
        options,
      });
      const generated = toVerificationUrlData(data);
      const secrets = await context.stateSecrets();
      const claims = {
        k: 'att' as const,
        r: input.redeemCode,
        s: sequence,
        e: await emailTag(secrets[0] as string, input.email),
        ...(generated.programState ? { p: generated.programState } : {}),
      };
      const now = context.now();
      const state = await signState(secrets, claims, context.stateTtlSeconds, now);
      return {
        url: generated.url,
        state,
        programState: generated.programState,
        course: generated.course,
        expiresAt: Math.floor(now / 1000) + context.stateTtlSeconds,
      };
    },

    async confirm(params, options) {
      const checked = await verifyState(
        await context.stateSecrets(),
        params.state,
        'att',
        context.now(),
      );
      if (!checked.ok) return { verified: false, reason: checked.reason };
      const { claims } = checked;
      const redeemCode = claims.r as string;
      const sequence = claims.s as number;
      const known = { redeemCode, sequence };
      const back =
        params.returnUrl === undefined
          ? undefined
          : (returnQuery(params.returnUrl).get('state') ?? undefined);
      if (back !== undefined && claims.p !== undefined && back !== claims.p) {
        return { verified: false, reason: 'state-mismatch', ...known };
      }
      const wrongEmail =
        params.email !== undefined && (await emailTag(checked.secret, params.email)) !== claims.e;
      const wrongCode = params.redeemCode !== undefined && params.redeemCode.trim() !== redeemCode;
      if (wrongEmail || wrongCode) {
        return { verified: false, reason: 'participant-mismatch', ...known };
      }
      const status = await retrieve({ redeemCode, sequence }, options);
      if (!status.verified || status.redeemCode !== redeemCode) {
        return { verified: false, reason: 'not-verified', ...known, status };
      }
      return { verified: true, ...known, status };
    },

    retrieve,

    async reset(params, options) {
      const input = parseParams(attendanceResetParamsSchema, params, ProgramPath.REDEEM_RESET);
      const response = await transport.request({
        method: 'POST',
        path: ProgramPath.REDEEM_RESET,
        body: { redeem_code: input.redeemCode },
        readOnly: false,
        data: attendanceStatusSchema,
        options,
      });
      return toAttendanceStatus(response.data);
    },
  };
}
