import { ProgramPath, type RequestOptions, RequestValidationError } from '@prakerja-kit/core';
import { parseParams } from '@prakerja-kit/core/internal';
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
import { describeValue, isAttendanceSequence } from '../schemas/common.js';

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
   * The URL the browser came back on (or its query). When the program gave a `state` at
   * url-generate (`started.programState`, kept inside the signed state), the return must carry
   * that same `state`: a return URL without it, or no return URL, is refused with
   * `state_missing` (unless the client's `attendanceReturnState` is `'if-present'`).
   */
  returnUrl?: string | URL | URLSearchParams | undefined;
  /**
   * The email of the participant in session. Required: a state started for another email is
   * refused (`participant_mismatch`).
   */
  email: string;
  /**
   * The redeem code of the participant in session. Required: a state started for another code is
   * refused (`participant_mismatch`).
   */
  redeemCode: string;
  /** The sequence the LP expects to confirm, when it knows it: a state for another is refused. */
  sequence?: number | undefined;
}

/** Why attendance was not confirmed. */
export type AttendanceRejectionReason =
  /** The state is malformed, forged, signed with an unknown secret, or for another purpose. */
  | 'invalid_state'
  /** The state is older than `stateTtlSeconds`. */
  | 'expired_state'
  /** The `state` on the return URL is not the one the program issued for this verification. */
  | 'state_mismatch'
  /**
   * The program issued a `state` for this verification but the return URL does not carry it (or
   * no return URL was passed), so the return cannot be tied to the verification that was started.
   */
  | 'state_missing'
  /** The state was issued for another email, redeem code or sequence than the caller expected. */
  | 'participant_mismatch'
  /**
   * The program's status answer is for another redeem code or sequence than the state was
   * started for.
   */
  | 'status_mismatch'
  /** The signed status call says the sequence is not verified (rejected, cancelled, or not done). */
  | 'not_verified';

/**
 * The outcome of `attendance.confirm`: `verified`, or `rejected` with a `reason` (an ambiguous
 * answer is a union on `outcome`; a failed status call throws).
 */
export type AttendanceConfirmResult =
  | { outcome: 'verified'; redeemCode: string; sequence: number; status: AttendanceStatus }
  | {
      outcome: 'rejected';
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
   * Confirms attendance when the browser comes back: checks the state (signature, expiry), binds
   * it to the participant in session (`email` and `redeemCode` are required, `sequence` checked
   * when given) and to the program's `state` captured at start (the return URL must carry it),
   * then asks the program with the signed status call and checks that the answer is for the
   * state's redeem code and sequence. Never trusts the redirect alone.
   *
   * Returns `outcome: 'rejected'` with a snake_case `reason` for a bad state or an unverified sequence; throws
   * only when the status call itself fails (network, program error). Safe to call again with the
   * same state until it expires: it only ever reports what the program's status says.
   *
   * @example
   * const result = await client.attendance.confirm({
   *   state: cookie, returnUrl: request.url, email: session.email, redeemCode: session.redeemCode,
   * });
   * if (result.outcome === 'verified') unlockSession(result.sequence);
   */
  confirm(
    params: AttendanceConfirmParams,
    options?: RequestOptions,
  ): Promise<AttendanceConfirmResult>;
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
      const missing = (['email', 'redeemCode'] as const).filter(
        (field) => typeof params[field] !== 'string' || params[field].trim() === '',
      );
      if (missing.length > 0) {
        throw new RequestValidationError(
          missing.map((field) => ({
            path: [field],
            message: `expected the ${field === 'email' ? 'email' : 'redeem code'} of the participant in session (a non-empty string), received ${describeValue(params[field])}: confirm binds the state to the participant it was started for`,
          })),
          'attendance.confirm',
        );
      }
      if (
        params.sequence !== undefined &&
        !(Number.isSafeInteger(params.sequence) && isAttendanceSequence(params.sequence))
      ) {
        throw new RequestValidationError(
          [
            {
              path: ['sequence'],
              message: `expected an integer 1-10 or 999, received ${describeValue(params.sequence)}`,
            },
          ],
          'attendance.confirm',
        );
      }
      const checked = await verifyState(
        await context.stateSecrets(),
        params.state,
        'att',
        context.now(),
      );
      if (!checked.ok) return { outcome: 'rejected', reason: checked.reason };
      const { claims } = checked;
      if (
        typeof claims.r !== 'string' ||
        typeof claims.s !== 'number' ||
        typeof claims.e !== 'string'
      ) {
        return { outcome: 'rejected', reason: 'invalid_state' };
      }
      const redeemCode = claims.r;
      const sequence = claims.s;
      const known = { redeemCode, sequence };
      const wrongEmail = (await emailTag(checked.secret, params.email)) !== claims.e;
      const wrongCode = params.redeemCode.trim() !== redeemCode;
      const wrongSequence = params.sequence !== undefined && params.sequence !== sequence;
      if (wrongEmail || wrongCode || wrongSequence) {
        return { outcome: 'rejected', reason: 'participant_mismatch', ...known };
      }
      if (claims.p !== undefined) {
        const back =
          params.returnUrl === undefined
            ? undefined
            : returnQuery(params.returnUrl).get('state') || undefined;
        if (back === undefined) {
          if (context.attendanceReturnState === 'required') {
            return { outcome: 'rejected', reason: 'state_missing', ...known };
          }
        } else if (back !== claims.p) {
          return { outcome: 'rejected', reason: 'state_mismatch', ...known };
        }
      }
      const status = await retrieve({ redeemCode, sequence }, options);
      if (
        status.redeemCode.trim() !== redeemCode ||
        (status.sequence !== undefined && status.sequence !== sequence)
      ) {
        return { outcome: 'rejected', reason: 'status_mismatch', ...known, status };
      }
      if (!status.verified) {
        return { outcome: 'rejected', reason: 'not_verified', ...known, status };
      }
      return { outcome: 'verified', ...known, status };
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
