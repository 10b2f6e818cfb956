// The retry loop (issue 22) and the attempt it repeats. An attempt is the runtime's `fetch` (or
// the `fetch` option; on Node, node:http through keep-alive agents) with an AbortController of its
// own: the caller's signal, the attempt's deadline (a real timer, see sendAttempt) and a body past
// maxResponseBytes abort it. Nothing else sits between the loop and fetch: the exact signed bytes
// are sent as they are, `redirect: 'manual'`, and every rule the loop applies is a pure function:
// classifyThrown (an abort, a timeout or a connection error, and whether a state-changing call may
// have been processed), interpretResponse (statuses, the envelope, Retry-After),
// shouldResendForSkew (one re-send not counted against maxRetries) and retryDelay (backoff,
// Retry-After capped by maxRetryAfterSeconds; the wait, `sleep`, ends on the caller's abort with
// `maybeProcessed: false`). ky used to supply the timeout only; its own retry options could not
// express these rules without re-implementing them in four hooks (measured and read on
// 2026-12-01 against ky 1.14.3), and dropping it saved about 2.9 KB gzip per client (issue 18).
import { defaultFetch } from '#default-fetch';
import {
  type CredentialOptions,
  type ResolvedCredentials,
  resolveCredentials,
  resolveEnv,
} from '../config.js';
import { ProgramApiError, RequestAbortedError } from '../errors/request-errors.js';
import { RequestValidationError, type ValidationIssue } from '../errors/validation-errors.js';
import {
  adaptLogger,
  createLogger,
  type Logger,
  type LogLevel,
  redactingLogger,
} from '../logging/logger.js';
import { redact } from '../logging/redact.js';
import type { StandardSchemaV1 } from '../schema/types.js';
import { serializeBody } from '../signing/serialize-body.js';
import type {
  CallTelemetry,
  OperationSpan,
  Telemetry,
  TelemetryPlugin,
} from '../telemetry/types.js';
import { type RetryOptions, retryDelay, sleep } from './backoff.js';
import { AttemptTimeout, classifyThrown, type Failure } from './classify-failure.js';
import { type Clock, type ClockOptions, createClock } from './clock.js';
import { interpretResponse, isRedirect, type TooLarge } from './interpret-response.js';
import type { RequestOptions } from './request-options.js';
import { signRequest } from './sign-request.js';
import { shouldResendForSkew } from './skew-resend.js';
import { withUserAgent } from './user-agent.js';

/** What a hook sees of an outgoing attempt. Secret headers are already redacted. */
export interface RequestEvent {
  method: string;
  url: string;
  path: string;
  /** 1 for the first attempt. */
  attempt: number;
  headers: Readonly<Record<string, string>>;
}

/** What a hook sees of a response. */
export interface ResponseEvent extends RequestEvent {
  status: number;
  durationMs: number;
}

/** What a hook sees before a retry. */
export interface RetryEvent {
  method: string;
  path: string;
  /** The attempt that failed. */
  attempt: number;
  delayMs: number;
  reason: string;
}

/** Callbacks to observe traffic (metrics, tracing). A hook that throws is logged and ignored. */
export interface TransportHooks {
  /** Called before every attempt. */
  onRequest?: ((event: RequestEvent) => void) | undefined;
  /** Called when an attempt gets an HTTP response (any status). */
  onResponse?: ((event: ResponseEvent) => void) | undefined;
  /** Called before waiting to retry. */
  onRetry?: ((event: RetryEvent) => void) | undefined;
}

/** Options shared by every prakerja-kit client. */
export interface TransportOptions extends CredentialOptions {
  /**
   * Milliseconds before one attempt is abandoned.
   * @default 30000
   */
  timeout?: number | undefined;
  /**
   * Retries after a retryable failure (connection error, 408, 429, 5xx). State-changing calls
   * are retried only when the program certainly did not process them.
   * @default 2
   */
  maxRetries?: number | undefined;
  /** Backoff timing. */
  retry?: Omit<RetryOptions, 'maxRetries'> | undefined;
  /**
   * A `fetch` implementation, e.g. to add a proxy agent or to test. By default, Node sends with
   * node:http(s) through keep-alive agents (less CPU per call than Node's built-in fetch), and
   * other runtimes use `globalThis.fetch`.
   */
  fetch?: typeof globalThis.fetch | undefined;
  /** Where log lines go; every field is redacted first. */
  logger?: Logger | undefined;
  /**
   * Level for the default console logger (ignored when `logger` is given). Falls back to
   * `PRAKERJA_LOG_LEVEL`.
   * @default 'warn'
   */
  logLevel?: LogLevel | undefined;
  /** Observe requests, responses and retries. */
  hooks?: TransportHooks | undefined;
  /** Clock source and skew handling. */
  clock?: ClockOptions | undefined;
  /**
   * Put the `Authorization` header value into `raw_signature` (between path and body) on
   * `payment/authorize`. The readable program docs leave it out; the official Go helper puts it
   * in (program-api.md §3, UNCERTAIN).
   * @default false
   */
  signAuthorization?: boolean | undefined;
  /**
   * Headers added to every request. A name or value the runtime would refuse (CR, LF, NUL, a
   * character outside latin-1) fails each call with `RequestValidationError` before sending.
   */
  headers?: Readonly<Record<string, string>> | undefined;
  /**
   * The largest response body read, in bytes (after decompression). A larger answer is cut off
   * (its connection closed) and fails: a 2xx with `ResponseValidationError` (treat it as an
   * unreadable answer: a state-changing call may have been processed), an error status with a
   * `ProgramApiError` whose message is omitted. Overridable per call.
   * @default 1048576
   */
  maxResponseBytes?: number | undefined;
  /**
   * OpenTelemetry spans, metrics and `traceparent` propagation:
   * `openTelemetry(otel, options?)` from `@prakerja-kit/core/telemetry`. Off by default: without
   * it, nothing is traced or measured, and none of the instrumentation is bundled.
   */
  telemetry?: TelemetryPlugin | undefined;
}

/** One call to the program. */
export interface TransportRequest<T> {
  method: 'GET' | 'POST';
  /** The endpoint path, which is also the signed path. */
  path: string;
  /** Which host: the integration API or the SSO API. @default 'integration' */
  api?: 'integration' | 'sso' | undefined;
  /**
   * `signature`: the signed headers (`client_code`... on integration, `X-*` on SSO);
   * `client-id`: only `X-Client-Id` (SSO token, refresh, profile).
   * @default 'signature'
   */
  auth?: 'signature' | 'client-id' | undefined;
  /** Query parameters; not part of the signature unless `signQuery` is set. */
  query?: Readonly<Record<string, string>> | undefined;
  /**
   * Sign the query string (`?a=1&b=2`, exactly as sent) in the place of the body, i.e.
   * `client_code + timestamp + METHOD + path + ?query`. Only for bodiless calls whose signing
   * rule is undocumented (the SSO login URL, program-api.md §3, UNCERTAIN).
   * @default false
   */
  signQuery?: boolean | undefined;
  /** JSON body; serialised once, and those exact bytes are signed and sent. */
  body?: unknown;
  /** `Authorization` header value. */
  authorization?: string | undefined;
  /** Read-only calls are retried after any retryable failure; others only when safe. */
  readOnly: boolean;
  /**
   * Schema of `data` in the success envelope: one of the kit's schemas, or any synchronous
   * Standard Schema v1 (zod, valibot, ArkType…).
   */
  data: StandardSchemaV1<unknown, T>;
  /** Extra values to scrub from logs and errors (OTPs, tokens from the body). */
  secrets?: readonly string[] | undefined;
  /** Per-call overrides. */
  options?: RequestOptions | undefined;
  /**
   * The operation span this call belongs to (from `transport.telemetry.startSpan`); its HTTP
   * attempts become its children. Without it, the call gets its own `prakerja.request` span.
   */
  span?: OperationSpan | undefined;
}

/** A successful answer. */
export interface TransportResponse<T> {
  /** The validated, normalised `data`. */
  data: T;
  /** The program's `message` (often Indonesian), or `''`. */
  message: string;
  /** HTTP status. */
  status: number;
  /** Attempts made, retries included. */
  attempts: number;
}

/** The signed HTTP layer shared by the platform and provider clients. */
export interface Transport {
  /** Sends one call, signing every attempt afresh, with retries and envelope parsing. */
  request<T>(request: TransportRequest<T>): Promise<TransportResponse<T>>;
  /** The resolved credentials' public parts and hosts. */
  readonly config: Readonly<Omit<ResolvedCredentials, 'signKey'>>;
  /** The transport's clock (offset from the program's clock). */
  readonly clock: Clock;
  /** The redacting logger. */
  readonly logger: Logger;
  /** The OpenTelemetry instrumentation; `undefined` without the `telemetry` option. */
  readonly telemetry: Telemetry | undefined;
}

/** The longest delay setTimeout honours. */
const MAX_TIMER_MS = 2_147_483_647;

/** 1 MiB: program answers are small JSON documents. */
const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

// What fetch (undici's Headers) or node:http refuse: a name that is not an RFC 9110 token, a
// value with a control character other than tab (CR, LF, NUL...) or outside latin-1.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BAD_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

function headerProblem(name: string, value: unknown): string | undefined {
  if (!HEADER_NAME.test(name)) {
    return "expected a header name made of letters, digits and !#$%&'*+-.^_`|~ only";
  }
  if (typeof value !== 'string') return `expected a string value, received ${typeof value}`;
  const bad = BAD_HEADER_VALUE.exec(value);
  if (!bad) return undefined;
  const char = bad[0];
  const what =
    char === '\r' || char === '\n'
      ? 'a line break (CR/LF)'
      : char === '\0'
        ? 'a NUL character'
        : char.charCodeAt(0) > 0xff
          ? `a character outside latin-1 (U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`
          : `a control character (0x${char.charCodeAt(0).toString(16).padStart(2, '0')})`;
  return `expected a value the HTTP runtime accepts, received a value with ${what} at index ${bad.index}; nothing was sent`;
}

function checkHeaders(headers: Readonly<Record<string, string>>, endpoint: string): void {
  const issues: ValidationIssue[] = [];
  for (const name of Object.keys(headers)) {
    const problem = headerProblem(name, headers[name]);
    if (problem) issues.push({ path: ['headers', name], message: problem });
  }
  if (issues.length) throw new RequestValidationError(issues, endpoint);
}

/**
 * Reads the body as text, at most `limit` bytes: the `content-length` is checked first, then
 * bytes are counted while streaming; past the limit, the body is cancelled (closing the socket)
 * and `abort` is called.
 */
async function readBounded(
  response: Response,
  limit: number,
  abort: () => void,
): Promise<string | TooLarge> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    abort();
    await response.body?.cancel().catch(() => undefined);
    return { tooLarge: true, bytes: declared };
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limit) {
      abort();
      await reader.cancel().catch(() => undefined);
      return { tooLarge: true, bytes };
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

// What stays the same for every attempt of a call.
interface Prepared {
  url: string;
  /** The serialised body, sent as is. */
  bodyText: string;
  /** The text signed in the body's place: the body, or the query for a signed GET. */
  signedText: string;
  secrets: () => readonly string[];
  timeout: number;
  maxResponseBytes: number;
  signal: AbortSignal | undefined;
}

// One attempt: an answer (read within the limits), or a classified thrown failure.
type Attempt =
  | { kind: 'answered'; response: Response; body: string | TooLarge; receivedAt: number }
  | { kind: 'thrown'; failure: Failure };

/**
 * Creates the signed transport: base URL, the four program headers, a fresh timestamp and
 * signature on every attempt, timeouts, retries and envelope parsing.
 *
 * Credentials come from options or `PRAKERJA_CLIENT_CODE` / `PRAKERJA_SIGN_KEY` /
 * `PRAKERJA_BASE_URL`; a missing or malformed one throws `ConfigurationError` here.
 *
 * @example
 * const transport = createTransport({ clientCode: 'dp-demo', signKey: 'sk_fake_demo_key' });
 */
export function createTransport(options: TransportOptions = {}): Transport {
  const credentials = resolveCredentials(options);
  const level = (options.logLevel ??
    resolveEnv(options.env)['PRAKERJA_LOG_LEVEL'] ??
    'warn') as LogLevel;
  const logger = options.logger
    ? redactingLogger(adaptLogger(options.logger), [credentials.signKey])
    : createLogger({ level, secrets: [credentials.signKey] });
  // Building redacted copies costs time on every call: only do it when someone will read them.
  const debugEnabled = options.logger !== undefined || level === 'debug';
  const hooks = options.hooks;
  const clock = createClock(options.clock ?? {}, logger);
  const fetchImpl = options.fetch ?? defaultFetch;
  const defaultTimeout = options.timeout ?? 30_000;
  const defaultMaxRetries = options.maxRetries ?? 2;
  const defaultMaxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const retryTiming = options.retry ?? {};
  const telemetry = options.telemetry?.client([credentials.signKey]);

  function callHook<E>(hook: ((event: E) => void) | undefined, event: E): void {
    if (!hook) return;
    try {
      hook(event);
    } catch (error) {
      logger.warn('a transport hook threw; ignored', { error });
    }
  }

  // A fresh timestamp and signature for every attempt, retries included (docs/guides/signing.md).
  function signedHeaders(request: TransportRequest<unknown>, bodyText: string) {
    return signRequest({
      headers: withUserAgent(options, request.options?.headers),
      request,
      bodyText,
      clientCode: credentials.clientCode,
      signKey: credentials.signKey,
      timestamp: clock.timestamp(),
      signAuthorization: options.signAuthorization,
    });
  }

  function request<T>(call: TransportRequest<T>): Promise<TransportResponse<T>> {
    return telemetry ? traced(call) : send(call, undefined);
  }

  async function traced<T>(call: TransportRequest<T>): Promise<TransportResponse<T>> {
    const base = call.api === 'sso' ? credentials.ssoBaseUrl : credentials.baseUrl;
    const calls = (telemetry as NonNullable<typeof telemetry>).transportCall(
      call.method,
      base,
      call.path,
      call.span,
    );
    try {
      const response = await send(call, calls);
      calls.end();
      return response;
    } catch (error) {
      calls.end(error);
      throw error;
    }
  }

  // The retry loop: sign and send an attempt, interpret what came back, then re-send for skew,
  // retry after a delay, or fail. Every rule it applies is a pure function of its own:
  // classifyThrown and interpretResponse (what a failure is), shouldResendForSkew, retryDelay.
  // Why this loop is ours and what it relies on: the note at the top of this module.
  async function send<T>(
    call: TransportRequest<T>,
    calls: CallTelemetry | undefined,
  ): Promise<TransportResponse<T>> {
    const prepared = prepare(call);
    const { signal } = prepared;
    const maxRetries = call.options?.maxRetries ?? defaultMaxRetries;
    let skewResent = false;
    let retries = 0;

    for (let attempt = 1; ; attempt++) {
      const correctionAtSigning = clock.correction();
      const sent = await sendAttempt(call, prepared, attempt, calls);
      const result =
        sent.kind === 'thrown'
          ? ({ outcome: 'failure', failure: sent.failure } as const)
          : interpretResponse(sent.response, sent.body, {
              path: call.path,
              readOnly: call.readOnly,
              body: call.body,
              data: call.data,
              attempt,
              secrets: prepared.secrets,
              receivedAt: sent.receivedAt,
              maxResponseBytes: prepared.maxResponseBytes,
            });
      if (result.outcome === 'success') return { ...result.answer, attempts: attempt };
      if (
        sent.kind === 'answered' &&
        shouldResendForSkew({
          status: sent.response.status,
          alreadyResent: skewResent,
          correctSkew: options.clock?.correctSkew,
          correctionAtSigning,
          correctionNow: clock.correction(),
        })
      ) {
        skewResent = true;
        logger.info('retrying with a corrected timestamp', {
          event: 'prakerja.retry',
          endpoint: call.path,
          path: call.path,
          offsetSeconds: clock.offsetSeconds,
        });
        continue;
      }
      const { failure } = result;
      const delayMs =
        failure.kind === 'retry'
          ? retryDelay(failure.retryAfter, retries, maxRetries, retryTiming)
          : undefined;
      if (failure.kind === 'throw' || delayMs === undefined) {
        if (debugEnabled) logFailure(call.path, attempt, failure.error);
        throw failure.error;
      }
      retries++;
      announceRetry(call, attempt, delayMs, failure, calls);
      try {
        await sleep(delayMs, signal);
      } catch (reason) {
        throw new RequestAbortedError(
          `request to ${call.path} was aborted while waiting to retry`,
          {
            endpoint: call.path,
            maybeProcessed: false,
            attempts: attempt,
            cause: reason,
          },
        );
      }
    }
  }

  // What stays the same for every attempt of a call.
  function prepare(call: TransportRequest<unknown>): Prepared {
    const bodyText = serializeBody(call.body);
    const base = call.api === 'sso' ? credentials.ssoBaseUrl : credentials.baseUrl;
    const search = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
    // Built only when something is redacted (a hook, a debug line, an error).
    let secretList: string[] | undefined;
    const secrets = (): readonly string[] => {
      if (!secretList) {
        secretList = [credentials.signKey, ...(call.secrets ?? [])];
        if (call.authorization) {
          secretList.push(call.authorization);
          // The credential alone (`Payment <token>`, `Bearer <token>`), as a server may echo it.
          const credential = call.authorization.slice(call.authorization.indexOf(' ') + 1);
          if (credential !== call.authorization) secretList.push(credential);
        }
      }
      return secretList;
    };
    return {
      url: `${base}${call.path}${search}`,
      bodyText,
      signedText: call.signQuery && call.body === undefined ? search : bodyText,
      secrets,
      timeout: call.options?.timeout ?? defaultTimeout,
      maxResponseBytes: call.options?.maxResponseBytes ?? defaultMaxResponseBytes,
      signal: call.options?.signal,
    };
  }

  // One attempt: signed afresh, sent, its body read within the limits; hooks, logs and
  // telemetry see it. A thrown attempt comes back classified.
  async function sendAttempt(
    call: TransportRequest<unknown>,
    prepared: Prepared,
    attempt: number,
    calls: CallTelemetry | undefined,
  ): Promise<Attempt> {
    const { url, bodyText, secrets, timeout, maxResponseBytes, signal } = prepared;
    const thrown = (error: unknown, ambiguous: boolean): Attempt => ({
      kind: 'thrown',
      failure: classifyThrown(error, {
        path: call.path,
        attempt,
        timeout,
        ambiguous,
        signal,
        signKey: credentials.signKey,
      }),
    });
    const headers = await signedHeaders(call, prepared.signedText);
    // Only the first attempt: the values that change between attempts are digits and hex.
    if (attempt === 1) checkHeaders(headers, call.path);
    // Aborted before anything left the machine (already, or while signing): nothing was sent, so
    // nothing can have been processed.
    if (signal?.aborted) return thrown(signal.reason, false);
    calls?.attemptStart(attempt, headers);
    const event: RequestEvent | undefined =
      hooks?.onRequest || hooks?.onResponse
        ? {
            method: call.method,
            url,
            path: call.path,
            attempt,
            headers: redact(headers, secrets()) as Record<string, string>,
          }
        : undefined;
    if (event) callHook(hooks?.onRequest, event);
    if (debugEnabled) {
      logger.debug('request', {
        event: 'prakerja.request',
        endpoint: call.path,
        method: call.method,
        path: call.path,
        attempt,
        body: call.body === undefined ? undefined : redact(call.body, secrets()),
      });
    }
    const sentAt = clock.nowMs();
    let response: Response;
    let body: string | TooLarge = '';
    // One controller per attempt: the caller's signal, the deadline and a body past the limit
    // all abort it, which closes the connection.
    const attemptController = new AbortController();
    const abortAttempt = () => attemptController.abort(signal?.reason);
    if (signal?.aborted) abortAttempt();
    else signal?.addEventListener('abort', abortAttempt, { once: true });
    // The deadline covers the headers and the body. A real timer, not the clock: the clock may be
    // injected (tests, skew) and jump. It rejects before it aborts, so the race sees a timeout
    // even when the fetch rejects at once on the abort (or ignores the signal altogether).
    let deadlineTimer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      deadlineTimer = setTimeout(
        () => {
          reject(new AttemptTimeout(`no answer within ${timeout} ms`));
          attemptController.abort();
        },
        // setTimeout fires at once past 2^31 - 1 ms (about 24.8 days): a longer timeout is capped.
        Math.min(timeout, MAX_TIMER_MS),
      );
    });
    deadline.catch(() => undefined);
    try {
      response = await Promise.race([
        // `redirect: 'manual'` whatever the fetch: a signed call (and a body with an OTP) must
        // never be re-sent to another origin. The body is the exact string that was signed.
        fetchImpl(url, {
          method: call.method,
          headers,
          redirect: 'manual',
          signal: attemptController.signal,
          ...(call.body === undefined ? {} : { body: bodyText }),
        }),
        deadline,
      ]);
      if (isRedirect(response)) {
        await response.body?.cancel().catch(() => undefined);
      } else {
        body = await Promise.race([
          readBounded(response, maxResponseBytes, () => attemptController.abort()),
          deadline,
        ]);
      }
    } catch (error) {
      return thrown(error, !call.readOnly);
    } finally {
      clearTimeout(deadlineTimer);
      signal?.removeEventListener('abort', abortAttempt);
    }
    const receivedAt = clock.nowMs();
    clock.observe(response.headers.get('date'), sentAt, receivedAt);
    calls?.attemptResponse(response.status);
    if (event) {
      callHook(hooks?.onResponse, {
        ...event,
        status: response.status,
        durationMs: receivedAt - sentAt,
      });
    }
    if (debugEnabled) {
      logger.debug('response', {
        event: 'prakerja.response',
        endpoint: call.path,
        path: call.path,
        attempt,
        status: response.status,
        durationMs: receivedAt - sentAt,
      });
    }
    return { kind: 'answered', response, body, receivedAt };
  }

  function announceRetry(
    call: TransportRequest<unknown>,
    attempt: number,
    delayMs: number,
    failure: Failure & { kind: 'retry' },
    calls: CallTelemetry | undefined,
  ): void {
    calls?.attemptEnd(failure.error);
    calls?.retry(failure.reason);
    callHook(hooks?.onRetry, {
      method: call.method,
      path: call.path,
      attempt,
      delayMs,
      reason: failure.reason,
    });
    logger.info('retrying', {
      event: 'prakerja.retry',
      endpoint: call.path,
      path: call.path,
      attempt,
      status: failure.error instanceof ProgramApiError ? failure.error.status : undefined,
      code: failure.error instanceof ProgramApiError ? failure.error.code : undefined,
      delayMs,
      reason: failure.reason,
    });
  }

  // The last attempt failed and the error goes to the caller.
  function logFailure(endpoint: string, attempt: number, error: Error): void {
    logger.debug('request failed', {
      event: 'prakerja.request.failed',
      endpoint,
      attempt,
      status: error instanceof ProgramApiError ? error.status : undefined,
      code: error instanceof ProgramApiError ? error.code : undefined,
      error: error.name,
    });
  }

  return {
    request,
    config: {
      clientCode: credentials.clientCode,
      baseUrl: credentials.baseUrl,
      ssoBaseUrl: credentials.ssoBaseUrl,
    },
    clock,
    logger,
    telemetry,
  };
}
