/**
 * Bad input to the sandbox control plane (in process), answered with a 4xx over HTTP.
 *
 * `status` is the HTTP status the control plane answers with (400 bad input, 404 unknown id,
 * 409 conflicting state).
 */
export class SandboxControlError extends Error {
  override name = 'SandboxControlError';
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}
