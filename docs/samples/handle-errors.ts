// Guards, not `instanceof`: they work when two copies of @prakerja-kit/core are installed.
import {
  describeProgramError,
  isConfigurationError,
  isKnownProgramErrorCode,
  isPrakerjaError,
  isProgramApiError,
  isProgramRequestError,
  isRedirectError,
  isRequestValidationError,
  isResponseValidationError,
  PROGRAM_ERRORS,
  ProgramErrorCode,
} from '@prakerja-kit/platform';

/** What to do about a failed call, decided from the error alone. */
export type Decision =
  | { action: 'fix-input'; field: string }
  | { action: 'treat-as-done' }
  | { action: 'show-user'; code: string; meaning: string; message: string; fix?: string }
  | { action: 'reconcile' }
  | { action: 'retry-later' }
  | { action: 'fix-configuration'; field: string }
  | { action: 'report-bug'; detail: string };

export function decide(error: unknown): Decision {
  if (isProgramApiError(error)) {
    // Voiding twice answers ERRPLT40028: the transaction is voided, which is what you wanted.
    if (error.code === ProgramErrorCode.TRANSACTION_ALREADY_VOIDED)
      return { action: 'treat-as-done' };
    if (error.maybeProcessed) return { action: 'reconcile' }; // a 5xx on a state-changing call
    if (error.status === 429 || error.status >= 500) return { action: 'retry-later' };
    if (isKnownProgramErrorCode(error.code)) {
      // `error.documented` is false for the SBX_ codes the SDK assumes: show them, never branch
      // a money or completion decision on them. The error itself carries the fix of the seven
      // documented codes only; the catalogue (imported here, so in your bundle) has the rest.
      const { meaning, message } = PROGRAM_ERRORS[error.code];
      const { fix } = describeProgramError(error.code, error.status);
      return { action: 'show-user', code: error.code, meaning, message, ...(fix ? { fix } : {}) };
    }
    // A code the SDK does not know: keep the program's own (Indonesian) message.
    const code = error.code ?? `HTTP ${error.status}`;
    const meaning = error.meaning ?? 'unknown';
    const fix = error.fix === undefined ? {} : { fix: error.fix };
    return { action: 'show-user', code, meaning, message: error.programMessage, ...fix };
  }
  if (isRequestValidationError(error)) return { action: 'fix-input', field: error.field };
  // The program host answered with a redirect: nothing was followed; the base URL is wrong.
  if (isRedirectError(error)) return { action: 'fix-configuration', field: 'baseUrl' };
  // Timeout or dropped connection: did the program act on it? Only a status lookup can say.
  if (isProgramRequestError(error)) {
    return error.maybeProcessed ? { action: 'reconcile' } : { action: 'retry-later' };
  }
  if (isResponseValidationError(error)) {
    return { action: 'report-bug', detail: `${error.endpoint} answered an unexpected shape` };
  }
  if (isConfigurationError(error)) return { action: 'fix-configuration', field: error.field };
  if (isPrakerjaError(error)) return { action: 'report-bug', detail: error.message };
  throw error; // not from prakerja-kit
}
