// The errors users catch, and name-based guards that work across two installed copies of core.
export type { ValidationIssue } from '@prakerja-kit/core';
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
  Infer,
  Issue,
  SafeParseResult,
  Schema,
  StandardSchemaV1,
} from '@prakerja-kit/core/events';
export {
  isPaymentAuthorizedEvent,
  isPaymentEvent,
  isPaymentVoidedEvent,
  parse,
  SchemaError,
  safeParse,
} from '@prakerja-kit/core/events';
export type { PlatformClient, PlatformClientOptions, ReconcileOptions } from './client.js';
export { createPlatformClient } from './client.js';
export type {
  Catalogue,
  CatalogueOptions,
  CatalogueSchedule,
  NotPurchasableReason,
  Purchasability,
  Seats,
  WithSeats,
} from './create-catalogue.js';
export { createCatalogue } from './create-catalogue.js';
export type {
  FollowedOutcome,
  PaymentWatcher,
  PaymentWatcherOptions,
  WatchedPayment,
} from './create-payment-watcher.js';
export { createPaymentWatcher } from './create-payment-watcher.js';
export type { PurchaseErrorDescription, PurchaseErrorReason } from './describe-purchase-error.js';
export { describePurchaseError } from './describe-purchase-error.js';
export type {
  PaymentNotFoundForm,
  PaymentStatusAnswer,
} from './payment-not-found-error.js';
export {
  isPaymentNotFoundAnswer,
  isPaymentNotFoundError,
  PaymentNotFoundError,
} from './payment-not-found-error.js';
export type {
  PaymentFollower,
  PaymentsAuthorizeResult,
  PaymentsVoidResult,
  PendingPayment,
} from './resources/payment-results.js';
export type { PaymentCallOptions, PaymentsResource } from './resources/payments.js';
export type { QuotasResource } from './resources/quotas.js';
export type { Course, Schedule } from './schemas/catalogue.js';
export { courseSchema, scheduleSchema } from './schemas/catalogue.js';
export type {
  OtpChallenge,
  Payment,
  PaymentState,
  PaymentsAuthorizeParams,
  PaymentsRetrieveParams,
  PaymentsSendOtpParams,
  PaymentsVoidParams,
} from './schemas/payment.js';
export type {
  PaymentAuthorizedEvent,
  PaymentEvent,
  PaymentVoidedEvent,
} from './schemas/payment-events.js';
export {
  paymentAuthorizedEventSchema,
  paymentEventSchema,
  paymentVoidedEventSchema,
} from './schemas/payment-events.js';
export type { Quota, QuotasRetrieveParams } from './schemas/quota.js';
