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
