import { WebhookVerificationError } from './webhook-verification-error.js';

/**
 * A delivery's body was refused before verification: larger than the limit (`status` 413) or
 * not received within the read timeout (`status` 408). Its `check` is `payload`.
 *
 * @example
 * await verifyRequest(request, { secret, maxBodyBytes: 64 * 1024 }); // throws for a 1 MB body
 */
export class WebhookBodyError extends WebhookVerificationError {
  override name = 'WebhookBodyError';
  /** The HTTP status to answer: 413 (too large) or 408 (too slow). */
  override readonly status: 413 | 408;

  constructor(status: 413 | 408, reason: string) {
    super('payload', reason);
    this.status = status;
  }
}

/** The error for a body over `maxBytes`. */
export function bodyTooLarge(maxBytes: number): WebhookBodyError {
  return new WebhookBodyError(413, `the body is larger than the limit of ${maxBytes} bytes`);
}
