/** Production host of the program's integration API. */
export const PRODUCTION_BASE_URL = 'https://api.prakerja.go.id';

/** Production host of the program's SSO API (`api-proxy`). */
export const PRODUCTION_SSO_BASE_URL = 'https://api-proxy.prakerja.go.id';

/** The program's SSO consent page, which LPs link the browser to (program-api.md §4.12). */
export const PRODUCTION_CONSENT_URL = 'https://oauth.prakerja.go.id/consent-sso';

/** Integration API paths, exactly as documented (program-api.md §4). */
export const ProgramPath = {
  QUOTA_SCHEDULE: '/api/v1/integration/payment/quota-schedule',
  SEND_OTP: '/api/v1/integration/payment/send-otp',
  AUTHORIZE: '/api/v1/integration/payment/authorize',
  PAYMENT_STATUS: '/api/v1/integration/payment/status',
  VOID: '/api/v1/integration/payment/void',
  URL_GENERATE: '/api/v1/integration/oauth/url-generate',
  REDEEM_STATUS: '/api/v1/integration/payment/redeem-code/status',
  REDEEM_RESET: '/api/v1/integration/payment/redeem-code/reset',
  REDEEM_COMMIT: '/api/v1/integration/payment/redeem-code/commit',
  TPM_SUBMISSION: '/api/v1/integration/tpm/submission',
  TPM_FEEDBACK: '/api/v1/integration/tpm/feedback/submission',
  TPM_STATUS: '/api/v1/integration/tpm/submission/status',
  SSO_AUTHORIZE: '/api/v1/oauth/authorize',
  SSO_TOKEN: '/api/v1/oauth/token',
  SSO_REFRESH: '/api/v1/oauth/token/refresh',
  SSO_PROFILE: '/api/v1/resource/user_profile',
} as const;

/** One of the documented program paths. */
export type ProgramPath = (typeof ProgramPath)[keyof typeof ProgramPath];

/** Header names of the integration scheme. Note the underscore in `client_code`. */
export const ProgramHeader = {
  CLIENT_CODE: 'client_code',
  SIGNATURE: 'signature',
  TIMESTAMP: 'timestamp',
  AUTHORIZATION: 'Authorization',
  SSO_CLIENT_ID: 'X-Client-Id',
  SSO_SIGNATURE: 'X-Signature',
  SSO_TIMESTAMP: 'X-Timestamp',
} as const;
