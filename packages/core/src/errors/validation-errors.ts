import { PrakerjaError } from './prakerja-error.js';

/** One problem found by a schema: where it is and what is wrong. */
export interface ValidationIssue {
  /** Path to the offending value, e.g. `['schedule_code']`. */
  path: ReadonlyArray<PropertyKey>;
  /** What is wrong, in English. */
  message: string;
}

function describe(issues: readonly ValidationIssue[]): string {
  return issues
    .map(
      (issue) =>
        `${issue.path.length ? `\`${issue.path.map(String).join('.')}\`` : '(root)'}: ${issue.message}`,
    )
    .join('; ');
}

/**
 * Bad input caught before anything was sent to the program: nothing left the machine, so the
 * call can be fixed and sent again safely.
 *
 * `field` names the first offending parameter in the SDK's camelCase, and the message says what
 * was expected and what was received, e.g. ``Invalid request to …: `sequence`: expected a number,
 * received the string "2"``. Secret values (OTP, tokens, keys) are never shown, identifiers are
 * masked. A header the runtime would refuse (CR, LF, NUL, a character outside latin-1, an invalid
 * name) is reported here too, as `headers.<name>`.
 */
export class RequestValidationError extends PrakerjaError {
  override name = 'RequestValidationError';
  /** The first offending parameter, e.g. `scheduleCode`. */
  readonly field: string;
  /** Every problem found. */
  readonly issues: readonly ValidationIssue[];
  /** The endpoint path the request was meant for. */
  readonly endpoint: string | undefined;

  constructor(issues: readonly ValidationIssue[], endpoint?: string) {
    super(`Invalid request${endpoint ? ` to ${endpoint}` : ''}: ${describe(issues)}`);
    this.issues = issues;
    this.field = String(issues[0]?.path.join('.') ?? '');
    this.endpoint = endpoint;
  }
}

/**
 * The program answered with a body of an unexpected shape (the API changed, or a proxy
 * answered instead of it).
 */
export class ResponseValidationError extends PrakerjaError {
  override name = 'ResponseValidationError';
  /** Every problem found. */
  readonly issues: readonly ValidationIssue[];
  /** The endpoint path that answered. */
  readonly endpoint: string;
  /** The HTTP status of the response. */
  readonly status: number;

  constructor(issues: readonly ValidationIssue[], endpoint: string, status: number) {
    super(`Unexpected response shape from ${endpoint} (HTTP ${status}): ${describe(issues)}`);
    this.issues = issues;
    this.endpoint = endpoint;
    this.status = status;
  }
}
