import { ProgramApiError, RedirectError } from '../errors/request-errors.js';
import { ResponseValidationError } from '../errors/validation-errors.js';
import { maskedValuesOf, maskText } from '../logging/redact.js';
import * as z from '../schema/index.js';
import type { StandardSchemaV1 } from '../schema/types.js';
import { describeIssues } from '../schemas/describe-issues.js';
import { errorEnvelopeSchema, successEnvelopeSchema } from '../schemas/envelope.js';
import { parseRetryAfter } from './backoff.js';
import { type Failure, retry } from './classify-failure.js';

// Interpreting one HTTP answer, pure (issue 22: the transport split into small parts). One
// convention: it never throws; every answer becomes a `success` or a classified `failure`
// (retry it, or throw its error), exactly like a thrown attempt in classify-failure.ts.

/** The body read past the limit: the answer is not used. */
export interface TooLarge {
  tooLarge: true;
  /** Bytes read (or declared by content-length) when the read stopped. */
  bytes: number;
}

/** What {@link interpretResponse} reads of the answer (a `Response` fits). */
export interface AnswerParts {
  status: number;
  statusText: string;
  /** `opaqueredirect` for what browsers return for a redirect under `redirect: 'manual'`. */
  type?: string | undefined;
  headers: { get(name: string): string | null };
}

/** What {@link interpretResponse} needs to know about the call and the attempt. */
export interface AnswerContext<T> {
  /** The program path, for errors. */
  path: string;
  /** A read-only call is safe to re-send after a server error. */
  readOnly: boolean;
  /** The call's JSON body: its identifiers are masked out of server text. */
  body?: unknown;
  /** Schema of `data` in the success envelope (the kit's, or any synchronous Standard Schema). */
  data: StandardSchemaV1<unknown, T>;
  /** 1-based attempt number. */
  attempt: number;
  /** Values masked out of server text (sign key, tokens, the call's secrets). */
  secrets: () => readonly string[];
  /** When the answer arrived (ms since the epoch), for an HTTP-date `Retry-After`. */
  receivedAt: number;
  /** The `maxResponseBytes` in force, for the message of a cut-off body. */
  maxResponseBytes: number;
}

/** A validated success envelope. */
export interface Answer<T> {
  /** The validated, normalised `data`. */
  data: T;
  /** The program's `message`, or `''`. */
  message: string;
  /** HTTP status. */
  status: number;
}

/** An interpreted answer: a validated success, or a failure classified as retry or throw. */
export type Interpretation<T> =
  | { outcome: 'success'; answer: Answer<T> }
  | { outcome: 'failure'; failure: Failure };

/** A 3xx, or what browsers return for a redirect under `redirect: 'manual'`. */
export function isRedirect(response: Pick<AnswerParts, 'status' | 'type'>): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
}

function thrown(error: Error): { outcome: 'failure'; failure: Failure } {
  return { outcome: 'failure', failure: { kind: 'throw', error } };
}

/**
 * Interprets one answer: a 2xx success envelope validated against the call's schema is a
 * `success`; an unreadable 2xx (not JSON, no envelope, invalid `data`, cut off at
 * `maxResponseBytes`) fails with `ResponseValidationError`, a redirect with `RedirectError`, an
 * error status or `success: false` with `ProgramApiError` (retried for 408, 429 and a read-only
 * call's 5xx; a state-changing call's 5xx is `maybeProcessed`). Never throws.
 */
export function interpretResponse<T>(
  response: AnswerParts,
  body: string | TooLarge,
  context: AnswerContext<T>,
): Interpretation<T> {
  const status = response.status;
  const ok = status >= 200 && status < 300;
  if (typeof body !== 'string') {
    const what = `the response body exceeded maxResponseBytes (${context.maxResponseBytes} bytes; stopped after ${body.bytes})`;
    // Past maxResponseBytes: a 2xx is an unreadable answer (ambiguous for a state-changing
    // call); an error status keeps its status, with the message omitted.
    if (ok) {
      return thrown(
        new ResponseValidationError(
          [
            {
              path: [],
              message: `${what}; raise maxResponseBytes if this answer is legitimately large${context.readOnly ? '' : '; the program may have processed the call: reconcile through the status endpoint'}`,
            },
          ],
          context.path,
          status,
        ),
      );
    }
    return programError(context, status, undefined, `(message omitted: ${what})`, undefined);
  }
  let json: unknown;
  let parsed = true;
  try {
    json = body === '' ? undefined : JSON.parse(body);
  } catch {
    parsed = false;
  }
  const declaredFailure =
    parsed &&
    typeof json === 'object' &&
    json !== null &&
    (json as { success?: unknown }).success === false;
  if (ok && !declaredFailure) return success(response, body, parsed, json, context);
  if (isRedirect(response)) {
    const location = response.headers.get('location');
    return thrown(
      new RedirectError({
        endpoint: context.path,
        attempts: context.attempt,
        status,
        location:
          location === null
            ? undefined
            : maskText(location, context.secrets(), maskedValuesOf(context.body)),
      }),
    );
  }
  const envelope = parsed ? z.safeParse(errorEnvelopeSchema, json) : undefined;
  const code = envelope?.success
    ? String(envelope.data.code ?? envelope.data.errorCode ?? '') || undefined
    : undefined;
  // Server text is masked like logs: the call's secrets, its identifiers, and anything that
  // looks like a redeem code, email, Prakerja number or signature.
  const programMessage = maskText(
    envelope?.success && envelope.data.message
      ? envelope.data.message
      : response.statusText || `HTTP ${status}`,
    context.secrets(),
    maskedValuesOf(context.body),
  );
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'), context.receivedAt);
  return programError(context, status, code, programMessage, retryAfter);
}

function success<T>(
  response: AnswerParts,
  body: string,
  parsed: boolean,
  json: unknown,
  context: AnswerContext<T>,
): Interpretation<T> {
  const { path } = context;
  const status = response.status;
  if (!parsed) {
    return thrown(
      new ResponseValidationError(
        [
          {
            path: [],
            message: `expected a JSON body, got ${body.length} bytes of ${response.headers.get('content-type') ?? 'unknown type'}`,
          },
        ],
        path,
        status,
      ),
    );
  }
  const envelope = z.safeParse(successEnvelopeSchema, json);
  if (!envelope.success) {
    return thrown(
      new ResponseValidationError(
        [{ path: ['success'], message: 'expected a {success, message, data} envelope' }],
        path,
        status,
      ),
    );
  }
  const data = validate(context, envelope.data.data);
  if (data.issues) {
    return thrown(
      new ResponseValidationError(describeIssues(data.issues, envelope.data.data), path, status),
    );
  }
  return {
    outcome: 'success',
    answer: { data: data.value, message: envelope.data.message ?? '', status },
  };
}

// The kit's schemas run directly; any other Standard Schema through `~standard` (a zod schema's
// issues are zod-shaped, so their messages read the same). Another library's messages may quote
// the value they refused (valibot, ArkType), so they are masked like logs.
function validate<T>(
  context: AnswerContext<T>,
  value: unknown,
): { value: T; issues?: undefined } | { issues: readonly z.Issue[] } {
  const schema = context.data;
  if ('~run' in schema) {
    const issues: z.Issue[] = [];
    const out = (schema as z.Schema<T, unknown>)['~run'](value, issues) as T;
    return issues.length === 0 ? { value: out } : { issues };
  }
  const result = schema['~standard'].validate(value);
  if (
    result instanceof Promise ||
    typeof (result as Partial<PromiseLike<unknown>>).then === 'function'
  ) {
    // An async schema: refused, and its promise's outcome ignored (never an unhandled rejection).
    Promise.resolve(result).catch(() => {});
    return { issues: [{ code: 'custom', path: [], message: 'expected a synchronous schema' }] };
  }
  return result.issues
    ? {
        issues: result.issues.map(
          (issue) =>
            ({
              code: 'custom',
              ...issue,
              message: maskText(issue.message, context.secrets(), maskedValuesOf(context.body)),
              path: (issue.path ?? []).map((key) => (typeof key === 'object' ? key.key : key)),
            }) as z.Issue,
        ),
      }
    : { value: result.value };
}

// An error status (or `success: false`): 408 and 429 mean the program refused the request
// before processing it, so it is safe to re-send; a 5xx is re-sent only for a read-only call.
function programError<T>(
  context: AnswerContext<T>,
  status: number,
  code: string | undefined,
  programMessage: string,
  retryAfter: number | undefined,
): Interpretation<T> {
  const refusedUnprocessed = status === 408 || status === 429;
  const serverError = status >= 500;
  const error = new ProgramApiError({
    endpoint: context.path,
    status,
    code,
    programMessage,
    retryAfter,
    maybeProcessed: serverError && !context.readOnly,
    attempts: context.attempt,
  });
  if (refusedUnprocessed || (serverError && context.readOnly)) {
    return { outcome: 'failure', failure: retry(`HTTP ${status}`, error, retryAfter) };
  }
  return thrown(error);
}
