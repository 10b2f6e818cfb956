import type { SandboxControl } from '../sandbox-control.js';
import { SandboxControlError } from '../sandbox-control-error.js';
import {
  PROFILE_SWITCHES,
  SANDBOX_PROFILE_NAMES,
  type SandboxProfileInput,
} from '../sandbox-profiles.js';
import { CONTROL_PREFIX } from './dispatch.js';
import { PROGRAM_API_OPENAPI_JSON } from './openapi-document.js';
import { jsonResponse } from './responses.js';

/** Path parameters of a control route. */
export type Params = Record<string, string>;
/** Runs a control route. */
export type Run = (input: { params: Params; query: URLSearchParams; body: unknown }) => unknown;

/** A route of the control plane; `run` returns JSON, or a `Response` sent as is. */
export interface ControlRouteSpec {
  method: string;
  /** Under `/__sandbox`, with `:name` parameters. */
  path: string;
  description: string;
  run: Run;
}

interface ControlRoute {
  method: string;
  pattern: RegExp;
  description: string;
  run: Run;
}

function parseJsonBody(body: string): unknown {
  if (body.trim() === '') return {};
  try {
    return JSON.parse(body);
  } catch {
    throw new SandboxControlError('body is not valid JSON');
  }
}

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new SandboxControlError('body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

function stringField(body: unknown, name: string): string {
  const value = objectBody(body)[name];
  if (typeof value !== 'string' || value.length === 0) {
    throw new SandboxControlError(`"${name}" must be a non-empty string`);
  }
  return value;
}

function optionalString(body: unknown, name: string): string | undefined {
  const value = objectBody(body)[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new SandboxControlError(`"${name}" must be a string`);
  return value;
}

/** `"strict-http"`, `{ "name": "strict-http" }` or `{ "base": "terse", "voidedStatus": "VOID" }`. */
function profileInput(body: unknown): SandboxProfileInput {
  if (typeof body === 'string') return body as SandboxProfileInput;
  const { name, ...rest } = objectBody(body);
  if (name === undefined) return rest as SandboxProfileInput;
  if (typeof name !== 'string') throw new SandboxControlError('"name" must be a string');
  if (Object.keys(rest).length > 0) {
    throw new SandboxControlError('give either "name" or { base?, ...switches }, not both');
  }
  return name as SandboxProfileInput;
}

const route = (method: string, path: string, description: string, run: Run): ControlRoute => ({
  method,
  pattern: new RegExp(`^${CONTROL_PREFIX}${path.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`),
  description: `${method} ${CONTROL_PREFIX}${path}: ${description}`,
  run,
});

function routes(control: SandboxControl): ControlRoute[] {
  const deliveryStatus = (query: URLSearchParams) => {
    const status = query.get('status');
    if (status !== null && status !== 'pending' && status !== 'succeeded' && status !== 'failed') {
      throw new SandboxControlError('status must be pending, succeeded or failed');
    }
    return status ?? undefined;
  };
  return [
    route(
      'GET',
      '/fixtures',
      'seeded credentials, participants, courses, schedules, redeem codes',
      () => control.fixtures(),
    ),
    route(
      'GET',
      '/openapi.json',
      "OpenAPI 3.1 description of the program API (generated from the clients' schemas)",
      () =>
        new Response(PROGRAM_API_OPENAPI_JSON, {
          headers: { 'content-type': 'application/json; charset=utf-8' },
        }),
    ),
    route('POST', '/reset', 'back to the seeded state', () => {
      control.reset();
      return { reset: true };
    }),
    route('GET', '/clock', 'sandbox time', () => ({ now: control.clock.now().toISOString() })),
    route(
      'POST',
      '/clock/advance',
      'time travel: { ms | seconds | minutes | hours | days }',
      ({ body }) => ({
        now: control.clock.advance(objectBody(body) as never).toISOString(),
      }),
    ),
    route('POST', '/clock', 'set sandbox time: { now: ISO-8601 }', ({ body }) => ({
      now: control.clock.set(stringField(body, 'now')).toISOString(),
    })),
    route('GET', '/sms', 'SMS inbox (?prakerjaId=)', ({ query }) =>
      control.sms.list(query.get('prakerjaId') ?? undefined),
    ),
    route('GET', '/sms/latest', 'latest OTP of a participant (?prakerjaId=)', ({ query }) => {
      const prakerjaId = query.get('prakerjaId');
      if (!prakerjaId) throw new SandboxControlError('query parameter prakerjaId is required');
      const sms = control.sms.list(prakerjaId).at(-1);
      if (!sms) throw new SandboxControlError(`no SMS sent to ${prakerjaId}`, 404);
      return sms;
    }),
    route('GET', '/faults', 'injected faults', () => control.faults.list()),
    route('POST', '/faults', 'inject a fault', ({ body }) =>
      control.faults.add(objectBody(body) as never),
    ),
    route('DELETE', '/faults', 'remove every fault', () => {
      control.faults.clear();
      return { cleared: true };
    }),
    route('DELETE', '/faults/:id', 'remove one fault', ({ params }) => {
      control.faults.remove(params['id']!);
      return { removed: params['id'] };
    }),
    route('GET', '/transactions', 'purchases', () => control.transactions.list()),
    route('GET', '/redeem-codes', 'redeem codes and attendance', () => control.redeemCodes.list()),
    route('GET', '/redeem-codes/:code', 'one redeem code', ({ params }) => {
      const record = control.redeemCodes.get(params['code']!);
      if (!record) throw new SandboxControlError(`no redeem code "${params['code']}"`, 404);
      return record;
    }),
    route('GET', '/verifications', 'verifications started by url-generate', () =>
      control.verifications.list(),
    ),
    route('POST', '/verifications/:state/approve', 'approve without a browser', ({ params }) =>
      control.verifications.approve(params['state']!),
    ),
    route('POST', '/verifications/:state/reject', 'reject without a browser', ({ params }) =>
      control.verifications.reject(params['state']!),
    ),
    route('GET', '/assignments', 'TPM/UK submissions and feedback (?redeemCode=)', ({ query }) =>
      control.assignments.list(query.get('redeemCode') ?? undefined),
    ),
    route(
      'POST',
      '/assignments/accept',
      "the program's verdict accepted (2) on the latest submission: { redeemCode, scope, sequence }",
      ({ body }) => control.assignments.accept(objectBody(body) as never),
    ),
    route(
      'POST',
      '/assignments/reject',
      "the program's verdict rejected (3) on the latest submission: { redeemCode, scope, sequence }",
      ({ body }) => control.assignments.reject(objectBody(body) as never),
    ),
    route(
      'POST',
      '/sso/consent',
      'SSO consent without a browser: { clientId, prakerjaId, redirectUri, scope?, state? }',
      ({ body }) => {
        const scope = optionalString(body, 'scope');
        const state = optionalString(body, 'state');
        return control.sso.consent({
          clientId: stringField(body, 'clientId'),
          prakerjaId: stringField(body, 'prakerjaId'),
          redirectUri: stringField(body, 'redirectUri'),
          ...(scope === undefined ? {} : { scope }),
          ...(state === undefined ? {} : { state }),
        });
      },
    ),
    route('POST', '/redirect-uris', 'register a redirect URI: { clientCode, uri }', ({ body }) => {
      control.addRedirectUri(stringField(body, 'clientCode'), stringField(body, 'uri'));
      return { registered: true };
    }),
    route('GET', '/webhooks', 'webhook endpoints', () => control.webhooks.list()),
    route('POST', '/webhooks', 'register: { url, secret?, events? }', ({ body }) =>
      control.webhooks.add(objectBody(body) as never),
    ),
    route('DELETE', '/webhooks/:id', 'remove an endpoint', ({ params }) => {
      control.webhooks.remove(params['id']!);
      return { removed: params['id'] };
    }),
    route('GET', '/events', 'events emitted (?type=)', ({ query }) =>
      control.events.list(query.get('type') ?? undefined),
    ),
    route(
      'POST',
      '/events',
      'create an event of the SDK event model and deliver it to the registered endpoints: { type, data?, id? }',
      ({ body }) => control.events.trigger(objectBody(body) as never),
    ),
    route('GET', '/deliveries', 'delivery log (?eventId=&endpointId=&status=)', ({ query }) => {
      const status = deliveryStatus(query);
      return control.deliveries.list({
        ...(query.get('eventId') ? { eventId: query.get('eventId')! } : {}),
        ...(query.get('endpointId') ? { endpointId: query.get('endpointId')! } : {}),
        ...(status ? { status } : {}),
      });
    }),
    route('GET', '/deliveries/:id', 'one delivery with its attempts', ({ params }) => {
      const delivery = control.deliveries.get(params['id']!);
      if (!delivery) throw new SandboxControlError(`no delivery with id "${params['id']}"`, 404);
      return delivery;
    }),
    route('POST', '/deliveries/:id/redeliver', 'deliver again (same event id)', ({ params }) =>
      control.deliveries.redeliver(params['id']!),
    ),
    route('GET', '/profile', 'the active profile, its switches and the named profiles', () => ({
      ...control.profile.get(),
      available: SANDBOX_PROFILE_NAMES,
      variants: PROFILE_SWITCHES,
    })),
    route(
      'PUT',
      '/profile',
      'switch profile: "name" | { name } | { base?, ...switches }',
      ({ body }) => control.profile.set(profileInput(body)),
    ),
    route('GET', '/state', 'the whole state as JSON', () => control.state.export()),
    route('PUT', '/state', 'replace the whole state', ({ body }) => {
      control.state.import(body);
      return { imported: true };
    }),
  ];
}

/**
 * The HTTP control plane under `/__sandbox/`, over the in-process one; `extra` adds routes (the
 * dashboard's).
 */
export function createControlHandler(
  control: SandboxControl,
  extra: readonly ControlRouteSpec[] = [],
) {
  const table = [
    ...routes(control),
    ...extra.map((spec) => route(spec.method, spec.path, spec.description, spec.run)),
  ];
  return async (method: string, url: URL, rawBody: string): Promise<Response> => {
    try {
      if (url.pathname === CONTROL_PREFIX || url.pathname === `${CONTROL_PREFIX}/`) {
        return jsonResponse({ routes: table.map((item) => item.description) });
      }
      const candidates = table.filter((item) => item.pattern.test(url.pathname));
      if (candidates.length === 0) {
        throw new SandboxControlError(
          `unknown control route ${url.pathname}; see GET ${CONTROL_PREFIX}`,
          404,
        );
      }
      const match = candidates.find((item) => item.method === method);
      if (!match) {
        const allowed = candidates.map((item) => item.method).join(', ');
        return jsonResponse({ error: `method ${method} not allowed; use ${allowed}` }, 405, {
          allow: allowed,
        });
      }
      const params = { ...match.pattern.exec(url.pathname)?.groups };
      for (const [key, value] of Object.entries(params)) params[key] = decodeURIComponent(value);
      const body = method === 'GET' || method === 'DELETE' ? {} : parseJsonBody(rawBody);
      const result = await match.run({ params, query: url.searchParams, body });
      if (result instanceof Response) return result;
      return jsonResponse(result ?? null);
    } catch (error) {
      if (error instanceof SandboxControlError) {
        return jsonResponse({ error: error.message }, error.status);
      }
      if (error instanceof URIError)
        return jsonResponse({ error: 'malformed percent-encoding' }, 400);
      throw error;
    }
  };
}
