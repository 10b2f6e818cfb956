import {
  ConfigurationError,
  isKnownProgramErrorCode,
  isPrakerjaError,
  PROGRAM_ERRORS,
  ProgramApiError,
  ProgramErrorCode,
  ProgramRequestError,
  RequestValidationError,
  ResponseValidationError,
} from '@prakerja-kit/core';

/** What to do about a failed call, decided from the error alone. */
export type Decision =
  | { action: 'fix-input'; field: string }
  | { action: 'treat-as-done' }
  | { action: 'show-user'; code: string; meaning: string; message: string }
  | { action: 'reconcile' }
  | { action: 'retry-later' }
  | { action: 'fix-configuration'; field: string }
  | { action: 'report-bug'; detail: string };

export function decide(error: unknown): Decision {
  if (error instanceof ProgramApiError) {
    // Voiding twice answers ERRPLT40028: the transaction is voided, which is what you wanted.
    if (error.code === ProgramErrorCode.TRANSACTION_ALREADY_VOIDED)
      return { action: 'treat-as-done' };
    if (error.maybeProcessed) return { action: 'reconcile' }; // a 5xx on a state-changing call
    if (error.status === 429 || error.status >= 500) return { action: 'retry-later' };
    if (isKnownProgramErrorCode(error.code)) {
      const { meaning, message } = PROGRAM_ERRORS[error.code];
      return { action: 'show-user', code: error.code, meaning, message };
    }
    // A code the SDK does not know: keep the program's own (Indonesian) message.
    const code = error.code ?? `HTTP ${error.status}`;
    return { action: 'show-user', code, meaning: 'unknown', message: error.programMessage };
  }
  if (error instanceof RequestValidationError) return { action: 'fix-input', field: error.field };
  // Timeout or dropped connection: did the program act on it? Only a status lookup can say.
  if (error instanceof ProgramRequestError) {
    return error.maybeProcessed ? { action: 'reconcile' } : { action: 'retry-later' };
  }
  if (error instanceof ResponseValidationError) {
    return { action: 'report-bug', detail: `${error.endpoint} answered an unexpected shape` };
  }
  if (error instanceof ConfigurationError)
    return { action: 'fix-configuration', field: error.field };
  if (isPrakerjaError(error)) return { action: 'report-bug', detail: error.message };
  throw error; // not from prakerja-kit
}
