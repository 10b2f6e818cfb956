import * as z from '@prakerja-kit/core/internal/schema';
import {
  attendanceSequenceSchema,
  optionalIntSchema as optionalInt,
  optionalStringSchema as optionalString,
  redeemCodeSchema,
  toInt,
  urlSchema,
} from './common.js';

/** Params of `attendance.retrieve` (`payment/redeem-code/status`, program-api.md §4.7). */
export const attendanceRetrieveParamsSchema = z.object({
  redeemCode: redeemCodeSchema,
  /** @default 1 */
  sequence: z.optional(attendanceSequenceSchema),
});

/** Params of `attendance.retrieve`. */
export type AttendanceRetrieveParams = z.input<typeof attendanceRetrieveParamsSchema>;

/** Params of `attendance.reset` (`payment/redeem-code/reset`, test codes only, §4.8). */
export const attendanceResetParamsSchema = z.object({
  redeemCode: redeemCodeSchema.check(
    z.refine(
      (value) => value.startsWith('PRAT-'),
      'expected a test redeem code starting with PRAT- (reset works only for test codes)',
    ),
  ),
});

/** Params of `attendance.reset`. */
export type AttendanceResetParams = z.input<typeof attendanceResetParamsSchema>;

/** Params of `attendance.createVerificationUrl` (`oauth/url-generate`, §4.6). */
export const attendanceCreateVerificationUrlParamsSchema = z.object({
  redeemCode: redeemCodeSchema,
  /** @default 1 */
  sequence: z.optional(attendanceSequenceSchema),
  email: z.string().check(
    z.trim(),
    z.refine(
      (value) => /^[^\s@]+@[^\s@]+$/.test(value),
      'expected an email address (name@domain); the value is not shown',
    ),
  ),
  redirectUri: z.optional(urlSchema),
});

/** Params of `attendance.createVerificationUrl`. */
export type AttendanceCreateVerificationUrlParams = z.input<
  typeof attendanceCreateVerificationUrlParamsSchema
>;

/**
 * `data` of `payment/redeem-code/status` and `payment/redeem-code/reset`, mapped to camelCase.
 *
 * Only the first fields are documented; the rest come from a public integration (program-api.md
 * §4.7). Every field but `redeem_code` is optional, and integers may arrive as strings.
 */
export const attendanceStatusSchema = z.looseObject({
  redeem_code: z.string(),
  course_code: optionalString,
  invoice_code: optionalString,
  schedule_code: optionalString,
  status: optionalInt,
  attendance_status: optionalInt,
  redeem_at: optionalString,
  dp_platform: optionalString,
  schedule_start_end: optionalString,
  course_type: optionalInt,
  course_type_label: optionalString,
  course_learning_method: optionalString,
  is_online_attendance: z.optional(z.nullable(z.boolean())),
  sequence: optionalInt,
});

/** Maps {@link attendanceStatusSchema} output to camelCase, normalising integers. */
export function toAttendanceStatus(data: z.output<typeof attendanceStatusSchema>) {
  return {
    redeemCode: data.redeem_code,
    courseCode: data.course_code ?? undefined,
    invoiceCode: data.invoice_code ?? undefined,
    scheduleCode: data.schedule_code ?? undefined,
    /** Redeem status; `1` for a redeemed code. The full enum is not documented. */
    status: toInt(data.status),
    /** `1` = verified for this sequence; anything else is not verified (§4.7). */
    attendanceStatus: toInt(data.attendance_status),
    /** True when `attendance_status` is `1`. */
    verified: toInt(data.attendance_status) === 1,
    redeemAt: data.redeem_at ?? undefined,
    dpPlatform: data.dp_platform ?? undefined,
    scheduleStartEnd: data.schedule_start_end ?? undefined,
    courseType: toInt(data.course_type),
    courseTypeLabel: data.course_type_label ?? undefined,
    courseLearningMethod: data.course_learning_method ?? undefined,
    isOnlineAttendance: data.is_online_attendance ?? undefined,
    sequence: toInt(data.sequence),
  };
}

/** Attendance status of one redeem code for one sequence. */
export type AttendanceStatus = ReturnType<typeof toAttendanceStatus>;

/**
 * `data` of `oauth/url-generate`. The documented page hides the schema; `url`, `state` and
 * `course` come from a public integration (program-api.md §4.6, UNCERTAIN).
 */
export const verificationUrlSchema = z.looseObject({
  url: urlSchema,
  state: optionalString,
  course: z.optional(
    z.nullable(z.looseObject({ type: optionalInt, learning_method: optionalString })),
  ),
});

/** Maps {@link verificationUrlSchema} output to camelCase. */
export function toVerificationUrlData(data: z.output<typeof verificationUrlSchema>) {
  return {
    url: data.url,
    programState: data.state ?? undefined,
    course: data.course
      ? {
          type: toInt(data.course.type),
          learningMethod: data.course.learning_method ?? undefined,
        }
      : undefined,
  };
}

/** What url-generate returned, mapped. */
export type VerificationUrlData = ReturnType<typeof toVerificationUrlData>;

/** `data` of the legacy `payment/redeem-code/commit` (program-api.md §4.17). */
export const redeemCommitSchema = z.optional(
  z.nullable(
    z.looseObject({
      redeem_code: optionalString,
      course_code: optionalString,
      status: optionalInt,
    }),
  ),
);

/** Maps {@link redeemCommitSchema} output to camelCase. */
export function toRedeemCommitResult(data: z.output<typeof redeemCommitSchema>) {
  return {
    redeemCode: data?.redeem_code ?? undefined,
    courseCode: data?.course_code ?? undefined,
    status: toInt(data?.status),
  };
}

/** What the legacy commit returned, mapped. */
export type RedeemCodesCommitResult = ReturnType<typeof toRedeemCommitResult>;
