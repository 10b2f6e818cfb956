import { ExitCode } from '../exit-code.js';

/** Kinds of failure, each with its exit code. */
export type CliErrorKind = 'usage' | 'config' | 'unreachable' | 'check' | 'internal';

const CODES: Record<CliErrorKind, ExitCode> = {
  usage: ExitCode.USAGE,
  config: ExitCode.CONFIG,
  unreachable: ExitCode.UNREACHABLE,
  check: ExitCode.CHECK_FAILED,
  internal: ExitCode.INTERNAL,
};

/**
 * An expected failure: printed as one line (or a JSON error) and turned into an exit code.
 * Messages never contain the sign key or a webhook secret.
 */
export class CliError extends Error {
  override name = 'CliError';
  readonly kind: CliErrorKind;
  readonly exitCode: ExitCode;

  constructor(kind: CliErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
    this.exitCode = CODES[kind];
  }
}

/** Shorthand for a usage error. */
export function usageError(message: string): CliError {
  return new CliError('usage', message);
}
