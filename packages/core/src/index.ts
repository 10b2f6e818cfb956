export { createSignature } from '#create-signature';
export type { CredentialOptions, ResolvedCredentials } from './config.js';
export { resolveCredentials, resolveEnv } from './config.js';
export {
  PRODUCTION_BASE_URL,
  PRODUCTION_CONSENT_URL,
  PRODUCTION_SSO_BASE_URL,
  ProgramHeader,
  ProgramPath,
} from './constants.js';
export { ConfigurationError } from './errors/configuration-error.js';
export type {
  DocumentedProgramErrorCode,
  ProgramErrorDescription,
} from './errors/documented-program-errors.js';
export {
  ERROR_CODES_GUIDE_URL,
  isDocumentedProgramErrorCode,
  programErrorDocUrl,
} from './errors/documented-program-errors.js';
export {
  isConfigurationError,
  isConnectionError,
  isProgramApiError,
  isProgramRequestError,
  isRedirectError,
  isRequestAbortedError,
  isRequestValidationError,
  isResponseValidationError,
  isTimeoutError,
} from './errors/guards.js';
export { isPrakerjaError, PrakerjaError } from './errors/prakerja-error.js';
export { ProgramErrorCode } from './errors/program-error-code.js';
export type { ProgramErrorInfo } from './errors/program-error-codes.js';
export {
  describeProgramError,
  isKnownProgramErrorCode,
  PROGRAM_ERRORS,
} from './errors/program-error-codes.js';
export type {
  ProgramApiErrorOptions,
  RedirectErrorOptions,
  RequestErrorOptions,
} from './errors/request-errors.js';
export {
  ConnectionError,
  ProgramApiError,
  ProgramRequestError,
  RedirectError,
  RequestAbortedError,
  TimeoutError,
} from './errors/request-errors.js';
export type { ValidationIssue } from './errors/validation-errors.js';
export { RequestValidationError, ResponseValidationError } from './errors/validation-errors.js';
export type {
  ConsoleLike,
  CreateLoggerOptions,
  LogFields,
  Logger,
  LogLevel,
  PinoLike,
  WinstonLike,
} from './logging/logger.js';
export { createLogger, fromConsole, fromPino, fromWinston } from './logging/logger.js';
export { maskText, maskValue, REDACTED, redact } from './logging/redact.js';
export type { SafeParseResult } from './schema/parse.js';
export { parse, SchemaError, safeParse } from './schema/parse.js';
export type {
  Infer,
  Input,
  Issue,
  Output,
  Schema,
  StandardSchemaV1,
} from './schema/types.js';
export type { ErrorEnvelope, SuccessEnvelope } from './schemas/envelope.js';
export type { CreateSignatureParams, SignatureParams } from './signing/build-raw-signature.js';
export { buildRawSignature } from './signing/build-raw-signature.js';
export { timingSafeEqual } from './signing/timing-safe-equal.js';
export type {
  OpenTelemetryApi,
  OtelAttributes,
  OtelContext,
  OtelCounter,
  OtelHistogram,
  OtelMeter,
  OtelSpan,
  OtelTracer,
} from './telemetry/otel-types.js';
export type {
  CallTelemetry,
  ClientTelemetry,
  OperationSpan,
  Telemetry,
  TelemetryInstruments,
  TelemetryPlugin,
} from './telemetry/types.js';
export type { RetryOptions } from './transport/backoff.js';
export type { Clock, ClockOptions } from './transport/clock.js';
export type {
  RequestEvent,
  ResponseEvent,
  RetryEvent,
  Transport,
  TransportHooks,
  TransportOptions,
  TransportRequest,
  TransportResponse,
} from './transport/create-transport.js';
export { createTransport } from './transport/create-transport.js';
export type { RequestOptions } from './transport/request-options.js';
