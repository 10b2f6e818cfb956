import type { ProgramPath } from '@prakerja-kit/core';

// The DP paths as literals, checked against core's `ProgramPath` at the type level: importing the
// `ProgramPath` object would put every LP and SSO path into a DP client's bundle.

/** `payment/quota-schedule` (program-api.md §4.1). */
export const QUOTA_SCHEDULE_PATH =
  '/api/v1/integration/payment/quota-schedule' satisfies ProgramPath;
/** `payment/send-otp` (§4.2). */
export const SEND_OTP_PATH = '/api/v1/integration/payment/send-otp' satisfies ProgramPath;
/** `payment/authorize` (§4.3). */
export const AUTHORIZE_PATH = '/api/v1/integration/payment/authorize' satisfies ProgramPath;
/** `payment/status` (§4.4). */
export const PAYMENT_STATUS_PATH = '/api/v1/integration/payment/status' satisfies ProgramPath;
/** `payment/void` (§4.5). */
export const VOID_PATH = '/api/v1/integration/payment/void' satisfies ProgramPath;
