import { timingSafeEqual } from 'node:crypto';
import { ProgramErrorCode, ProgramHeader } from '@prakerja-kit/core';
import { createSignature } from '@prakerja-kit/core/signature';
import type { SandboxClient } from '../sandbox-fixtures.js';
import type { Engine } from './engine.js';
import { fail } from './program-failure.js';

/** What authentication needs from a request. */
export interface SignedRequest {
  method: string;
  path: string;
  headers: Headers;
  body: string;
}

const TIMESTAMP = /^\d{1,12}$/;
const HEX_SIGNATURE = /^[0-9a-f]{40}$/;

/** Finds a seeded client by `client_code`. */
export function findClient(engine: Engine, clientCode: string): SandboxClient | undefined {
  const { platforms, providers } = engine.fixtures;
  return [...platforms, ...providers].find((client) => client.clientCode === clientCode);
}

/**
 * Verifies the integration headers (`client_code`, `signature`, `timestamp`) and returns the client.
 *
 * Accepts the body as sent and, when it is JSON with other whitespace, its compact form (the
 * official Python example signs compact JSON but sends `json.dumps` output, program-api.md §3).
 * On `payment/authorize` it accepts `raw_signature` with and without the `Authorization` value.
 */
export async function authenticateIntegration(
  engine: Engine,
  request: SignedRequest,
  skewSeconds: number,
): Promise<SandboxClient> {
  const clientCode = request.headers.get(ProgramHeader.CLIENT_CODE);
  const signature = request.headers.get(ProgramHeader.SIGNATURE);
  const timestamp = request.headers.get(ProgramHeader.TIMESTAMP);
  if (!clientCode || !signature || !timestamp) fail(ProgramErrorCode.MISSING_AUTH_HEADER);
  const client = findClient(engine, clientCode);
  if (!client) fail(ProgramErrorCode.UNKNOWN_CLIENT);
  checkTimestamp(engine, timestamp, skewSeconds);
  const authorization = request.headers.get(ProgramHeader.AUTHORIZATION) ?? undefined;
  const bodies = [...bodyVariants(request.body)];
  const ok = await matchesAny(signature, client, timestamp, request, bodies, authorization);
  if (!ok) fail(ProgramErrorCode.INVALID_SIGNATURE);
  return client;
}

/**
 * Verifies the SSO server-side headers (`X-Client-Id`, `X-Signature`, `X-Timestamp`) of
 * `GET /api/v1/oauth/authorize`: the path only (no query) with an empty body, as core signs it
 * (program-api.md §3 leaves this open).
 */
export async function authenticateSsoSigned(
  engine: Engine,
  request: SignedRequest,
  skewSeconds: number,
): Promise<SandboxClient> {
  const client = ssoClient(engine, request.headers);
  const signature = request.headers.get(ProgramHeader.SSO_SIGNATURE);
  const timestamp = request.headers.get(ProgramHeader.SSO_TIMESTAMP);
  if (!signature || !timestamp) fail(ProgramErrorCode.MISSING_AUTH_HEADER);
  checkTimestamp(engine, timestamp, skewSeconds);
  const ok = await matchesAny(signature, client, timestamp, request, [''], undefined);
  if (!ok) fail(ProgramErrorCode.INVALID_SIGNATURE);
  return client;
}

/** The LP named by `X-Client-Id` (SSO token, refresh, profile). */
export function ssoClient(engine: Engine, headers: Headers): SandboxClient {
  const clientId = headers.get(ProgramHeader.SSO_CLIENT_ID);
  if (!clientId) fail(ProgramErrorCode.OAUTH_CONTEXT_CLIENT_ID_NOT_FOUND);
  const client = findClient(engine, clientId);
  if (client?.role !== 'lp') fail(ProgramErrorCode.OAUTH_CLIENT_ID_NOT_FOUND);
  return client;
}

function checkTimestamp(engine: Engine, timestamp: string, skewSeconds: number): void {
  if (!TIMESTAMP.test(timestamp)) fail(ProgramErrorCode.TIMESTAMP_OUT_OF_WINDOW);
  const serverSeconds = Math.floor(engine.wall() / 1000) + skewSeconds;
  if (Math.abs(serverSeconds - Number(timestamp)) > engine.options.timestampToleranceSeconds) {
    fail(ProgramErrorCode.TIMESTAMP_OUT_OF_WINDOW);
  }
}

function* bodyVariants(body: string): Generator<string> {
  yield body;
  if (body === '') return;
  try {
    const compact = JSON.stringify(JSON.parse(body));
    if (compact !== body) yield compact;
  } catch {
    // Not JSON: only the bytes as sent can match.
  }
}

async function matchesAny(
  signature: string,
  client: SandboxClient,
  timestamp: string,
  request: { method: string; path: string },
  bodies: string[],
  authorization: string | undefined,
): Promise<boolean> {
  // Lower-case hex only, as every official example emits (program-api.md §3).
  if (!HEX_SIGNATURE.test(signature)) return false;
  const given = Buffer.from(signature, 'utf8');
  const authorizations = authorization === undefined ? [false] : [false, true];
  let matched = false;
  for (const body of bodies) {
    for (const signAuthorization of authorizations) {
      const expected = await createSignature({
        clientCode: client.clientCode,
        signKey: client.signKey,
        timestamp,
        method: request.method,
        path: request.path,
        body,
        authorization,
        signAuthorization,
      });
      // Evaluate every candidate so the time taken does not say which one matched.
      if (timingSafeEqual(given, Buffer.from(expected, 'utf8'))) matched = true;
    }
  }
  return matched;
}
