import { PrakerjaError } from '@prakerja-kit/core';
import { errorGuard } from '@prakerja-kit/core/internal';

/**
 * Bad input to the sandbox control plane (in process), answered with a 4xx over HTTP.
 *
 * `status` is the HTTP status the control plane answers with (400 bad input, 404 unknown id,
 * 409 conflicting state).
 */
export class SandboxControlError extends PrakerjaError {
  override name = 'SandboxControlError';
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** True for a {@link SandboxControlError}, from any copy of the sandbox. */
export const isSandboxControlError: (value: unknown) => value is SandboxControlError =
  errorGuard('SandboxControlError');
