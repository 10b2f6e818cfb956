import { ProgramErrorCode, ProgramHeader, ProgramPath } from '@prakerja-kit/core';
import {
  authenticateIntegration,
  authenticateSsoSigned,
  findClient,
  ssoClient,
  toleranceSeconds,
} from './authenticate.js';
import { wantsHtml } from './dashboard/assets.js';
import { type RefusedCapture, requestLog, verdictOfCode } from './dashboard/request-log.js';
import type { Engine } from './engine.js';
import { planFaults, skewSeconds } from './faults.js';
import { handlePage } from './pages.js';
import { profileErrorResponse, shapeSuccess } from './profile-responses.js';
import { fail, ProgramFailure } from './program-failure.js';
import { PROGRAM_ROUTES, type ProgramRoute } from './program-routes.js';
import { readBody } from './read-body.js';
import { jsonResponse } from './responses.js';

/** What the request log learns about one program request while it is handled. */
interface Trace {
  program: boolean;
  /** An injected fault produced the answer. */
  fault: boolean;
  /** The request body as read (the doctor diagnoses a refused signature with it). */
  body: string;
  authenticated: boolean;
  code: string | null;
}

/** Returned instead of a response when a fault drops the connection. */
export const DROP: unique symbol = Symbol.for('prakerja-kit.sandbox.drop');

/** A response, or {@link DROP}: the front closes the connection without answering. */
export type DispatchResult = Response | typeof DROP;

/** Handles `/__sandbox/*` requests (the control plane). */
export type ControlHandler = (method: string, url: URL, body: string) => Promise<Response>;

/** Prefix of the control plane. */
export const CONTROL_PREFIX = '/__sandbox';

/**
 * The one request handler behind both fronts (msw and the node server): control plane, pages,
 * then program endpoints with faults, authentication, roles and the state machine.
 */
export function createDispatcher(engine: Engine, control: ControlHandler) {
  return async function dispatch(request: Request): Promise<DispatchResult> {
    const url = new URL(request.url);
    const started = performance.now();
    const receivedAt = engine.wall();
    const trace: Trace = {
      program: false,
      fault: false,
      body: '',
      authenticated: false,
      code: null,
    };
    const result = await route(engine, control, request, url, trace).catch((error: unknown) => {
      trace.code = error instanceof ProgramFailure ? error.code : ProgramErrorCode.INTERNAL;
      return error instanceof ProgramFailure
        ? profileErrorResponse(engine, error.code, error.headers, url.pathname)
        : profileErrorResponse(engine, ProgramErrorCode.INTERNAL);
    });
    if (trace.program) {
      const capture = () => refusedCapture(engine, request, url, trace.body);
      requestLog(engine).add(
        {
          at: new Date(engine.wall()).toISOString(),
          method: request.method.toUpperCase(),
          path: url.pathname,
          client: request.headers.get('client_code') ?? request.headers.get('x-client-id') ?? null,
          status: result === DROP ? 0 : result.status,
          latencyMs: Math.round(performance.now() - started),
          signature: verdictOfCode(trace.code, trace.authenticated),
          code: trace.code,
        },
        capture,
      );
    }
    const observe = engine.options.onProgramResponse;
    if (observe && trace.program && result !== DROP) {
      observe({
        method: request.method.toUpperCase(),
        path: url.pathname,
        requestBody: trace.body,
        status: result.status,
        responseBody: await result.clone().text(),
        fault: trace.fault,
        receivedAt,
        answeredAt: engine.wall(),
        requestHeaders: Object.fromEntries(request.headers),
      });
    }
    if (result !== DROP) {
      const date = new Date(engine.wall() + skewSeconds(engine) * 1000).toUTCString();
      result.headers.set('date', date);
      result.headers.set('x-prakerja-sandbox', '1');
    }
    return result;
  };
}

async function route(
  engine: Engine,
  control: ControlHandler,
  request: Request,
  url: URL,
  trace: Trace,
): Promise<DispatchResult> {
  const method = request.method.toUpperCase();
  const path = url.pathname;
  const body = await readBody(request, engine.options.maxBodyBytes);
  if (body === null) return profileErrorResponse(engine, ProgramErrorCode.PAYLOAD_TOO_LARGE);
  trace.body = body;
  if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
    return control(method, url, body);
  }
  const page = handlePage(engine, { method, body }, url);
  if (page) return page;
  const programRoute = isGone(engine, path) ? undefined : PROGRAM_ROUTES[path];
  if (!programRoute || programRoute.method !== method) {
    if (method === 'GET' && path === '/') {
      // A browser gets the dashboard; API clients keep the JSON answer.
      if (wantsHtml(request.headers))
        return control('GET', new URL(`${CONTROL_PREFIX}/ui`, url), '');
      return jsonResponse({ sandbox: 'prakerja-kit', control: `${CONTROL_PREFIX}` });
    }
    if (path !== '/favicon.ico') {
      trace.program = true;
      trace.code = ProgramErrorCode.NOT_FOUND;
    }
    return profileErrorResponse(engine, ProgramErrorCode.NOT_FOUND);
  }
  trace.program = true;
  const plan = planFaults(engine, method, path);
  if (plan.latencyMs > 0) await sleep(plan.latencyMs);
  if (plan.response) {
    trace.fault = true;
    return plan.response;
  }
  if (plan.dropBefore) return DROP;
  if (plan.lateCommitMs > 0) {
    // Held until the client gave up; then committed, and the answer never arrives.
    await sleep(plan.lateCommitMs);
    await runProgramRoute(engine, programRoute, request, url, body, trace);
    engine.changed();
    return DROP;
  }
  const response = await runProgramRoute(engine, programRoute, request, url, body, trace);
  if (method !== 'GET' || response.ok) engine.changed();
  return plan.dropAfterCommit ? DROP : response;
}

/** What the doctor needs about a refused request; the key stays out of the log. */
function refusedCapture(engine: Engine, request: Request, url: URL, body: string): RefusedCapture {
  const clientCode =
    request.headers.get(ProgramHeader.CLIENT_CODE) ??
    request.headers.get(ProgramHeader.SSO_CLIENT_ID) ??
    null;
  return {
    method: request.method,
    target: url.pathname + url.search,
    headers: [['host', url.host], ...request.headers.entries()],
    body,
    clientCode,
    signKey: clientCode === null ? undefined : findClient(engine, clientCode)?.signKey,
    now: Math.floor((engine.wall() + skewSeconds(engine) * 1000) / 1000),
    toleranceSeconds: toleranceSeconds(engine),
    upperCaseAccepted: engine.profile.signatureHex === 'any-case',
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Endpoints the profile says do not exist: the legacy commit, one of the refresh paths. */
function isGone(engine: Engine, path: string): boolean {
  const switches = engine.profile;
  if (path === ProgramPath.REDEEM_COMMIT) return switches.legacyCommit === 'gone';
  if (path === ProgramPath.SSO_REFRESH) return switches.refreshPath === 'token';
  return false;
}

async function runProgramRoute(
  engine: Engine,
  programRoute: ProgramRoute,
  request: Request,
  url: URL,
  body: string,
  trace?: Trace,
): Promise<Response> {
  try {
    const signed = {
      method: request.method.toUpperCase(),
      path: url.pathname,
      query: url.search,
      headers: request.headers,
      body,
    };
    const skew = skewSeconds(engine);
    const client =
      programRoute.auth === 'integration'
        ? await authenticateIntegration(engine, signed, skew)
        : programRoute.auth === 'sso-signed'
          ? await authenticateSsoSigned(engine, signed, skew)
          : ssoClient(engine, request.headers);
    // SSO token/refresh/profile calls carry no signature: their verdict stays "not-checked".
    if (trace && programRoute.auth !== 'sso-client') trace.authenticated = true;
    if (client.role !== programRoute.role) fail(ProgramErrorCode.FORBIDDEN_FOR_CLIENT);
    const response = programRoute.run({
      engine,
      client,
      body: parseJson(body),
      headers: request.headers,
      url,
    });
    return await shapeSuccess(engine, url.pathname, response);
  } catch (error) {
    if (error instanceof ProgramFailure) {
      if (trace) trace.code = error.code;
      return profileErrorResponse(engine, error.code, error.headers, url.pathname);
    }
    throw error;
  }
}

function parseJson(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    fail(ProgramErrorCode.MALFORMED_BODY);
  }
}
