// The clock-skew re-send rule, pure (issue 22: the transport split into small parts).

/** An offset jump this large can break the program's (undocumented) timestamp window. */
export const SKEW_RESEND_SECONDS = 60;

/** What {@link shouldResendForSkew} weighs about one answered attempt. */
export interface SkewResendParams {
  /** The answer's HTTP status. */
  status: number;
  /** Whether this call was already re-sent for skew (it is re-sent at most once). */
  alreadyResent: boolean;
  /** The `clock.correctSkew` option. */
  correctSkew: boolean | undefined;
  /** Seconds added to the timestamp this attempt was signed with. */
  correctionAtSigning: number;
  /** Seconds the clock adds now (after this and any concurrent answer's `Date`). */
  correctionNow: number;
}

/**
 * Whether to re-send a refused call once with a corrected timestamp: a 4xx is a refusal, so
 * nothing was processed, and when the correction moved by {@link SKEW_RESEND_SECONDS} or more
 * since this attempt was signed (by this answer's `Date` or another call's in flight), the
 * timestamp alone may have doomed it. Not counted against `maxRetries`.
 */
export function shouldResendForSkew(params: SkewResendParams): boolean {
  const refused = params.status >= 400 && params.status < 500;
  return (
    refused &&
    !params.alreadyResent &&
    params.correctSkew === true &&
    Math.abs(params.correctionNow - params.correctionAtSigning) >= SKEW_RESEND_SECONDS
  );
}
