import type { ProgramErrorCode } from '@prakerja-kit/core';

/** Thrown inside the state machine to answer with a program error envelope. */
export class ProgramFailure extends Error {
  override name = 'ProgramFailure';
  constructor(
    readonly code: ProgramErrorCode,
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
  }
}

/** Throws a {@link ProgramFailure} with `code`. */
export function fail(code: ProgramErrorCode, headers?: Record<string, string>): never {
  throw new ProgramFailure(code, headers);
}

export { SandboxControlError as ControlFailure } from '../sandbox-control-error.js';
