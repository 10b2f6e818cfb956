// The errors users catch, and name-based guards that work across two installed copies of core.
export type { RequestOptions, ValidationIssue } from '@prakerja-kit/core';
export {
  ConfigurationError,
  ConnectionError,
  describeProgramError,
  isConfigurationError,
  isConnectionError,
  isKnownProgramErrorCode,
  isPrakerjaError,
  isProgramApiError,
  isProgramRequestError,
  isRedirectError,
  isRequestAbortedError,
  isRequestValidationError,
  isResponseValidationError,
  isTimeoutError,
  PROGRAM_ERRORS,
  PrakerjaError,
  ProgramApiError,
  ProgramErrorCode,
  ProgramRequestError,
  RedirectError,
  RequestAbortedError,
  RequestValidationError,
  ResponseValidationError,
  TimeoutError,
} from '@prakerja-kit/core';
// Validating with the exported schemas (each is also a Standard Schema v1: `schema['~standard']`).
export type {
  AssignmentEvent,
  AttendanceEvent,
  CourseEvent,
  Infer,
  Issue,
  SafeParseResult,
  Schema,
  StandardSchemaV1,
} from '@prakerja-kit/core/events';
export {
  assignmentReviewedEventSchema,
  assignmentSubmittedEventSchema,
  attendanceVerifiedEventSchema,
  courseCompletedEventSchema,
  isAssignmentEvent,
  isAssignmentReviewedEvent,
  isAssignmentSubmittedEvent,
  isAttendanceEvent,
  isAttendanceVerifiedEvent,
  isCourseCompletedEvent,
  isCourseEvent,
  parse,
  SchemaError,
  safeParse,
} from '@prakerja-kit/core/events';
export type { ProviderClient, ProviderClientOptions, ProviderSsoOptions } from './client.js';
export { createProviderClient } from './client.js';
export type {
  StatusWatcher,
  StatusWatcherOptions,
  TrackedRedeemCode,
  WatchedRedeemCode,
} from './create-status-watcher.js';
export { createStatusWatcher } from './create-status-watcher.js';
export type { AssignmentsResource } from './resources/assignments.js';
export type {
  AttendanceConfirmParams,
  AttendanceConfirmResult,
  AttendanceRejectionReason,
  AttendanceResource,
  VerificationUrl,
} from './resources/attendance.js';
export type {
  AssignmentProgress,
  CompletionAnswer,
  CompletionResource,
  CompletionRetrieveParams,
  CourseProgress,
  SequenceProgress,
} from './resources/completion.js';
export type { RedeemCodesCommitParams, RedeemCodesResource } from './resources/redeem-codes.js';
export type {
  SsoCallbackFailureReason,
  SsoHandleCallbackParams,
  SsoHandleCallbackResult,
  SsoLoginUrl,
  SsoResource,
} from './resources/sso.js';
export type { SsoTokenManager, SsoTokenManagerOptions } from './resources/sso-token-manager.js';
export type {
  AssignmentsRetrieveParams,
  AssignmentsReviewParams,
  AssignmentsSubmitParams,
  SubmissionRecord,
  SubmissionState,
  SubmissionStateName,
} from './schemas/assignments.js';
export type {
  AttendanceCreateVerificationUrlParams,
  AttendanceResetParams,
  AttendanceRetrieveParams,
  AttendanceStatus,
  RedeemCodesCommitResult,
} from './schemas/attendance.js';
export type { AssignmentScope } from './schemas/common.js';
export type {
  AssignmentReviewedEvent,
  AssignmentSubmittedEvent,
  AttendanceVerifiedEvent,
  CourseCompletedEvent,
  ProviderEvent,
} from './schemas/events.js';
export type {
  SsoCreateConsentUrlParams,
  SsoCreateLoginUrlParams,
  SsoCreateTokenParams,
  SsoProfile,
  SsoRefreshTokenParams,
  SsoRetrieveProfileParams,
  SsoScope,
  SsoToken,
} from './schemas/sso.js';
