import { PrakerjaError } from './prakerja-error.js';

/**
 * A missing or malformed credential or option, raised when the client is constructed.
 *
 * The message names the option and the environment variable that feed it; it never contains
 * the value of a secret.
 */
export class ConfigurationError extends PrakerjaError {
  override name = 'ConfigurationError';
  /** The option at fault, e.g. `signKey`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}
