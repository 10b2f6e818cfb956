import { ProgramErrorCode, ProgramHeader } from '@prakerja-kit/core';
import { verifyProgramSignature, WebhookVerificationError } from '@prakerja-kit/webhooks';
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

/** Finds a seeded client by `client_code`. */
export function findClient(engine: Engine, clientCode: string): SandboxClient | undefined {
  const { platforms, providers } = engine.fixtures;
  return [...platforms, ...providers].find((client) => client.clientCode === clientCode);
}

/**
 * Checks the signature with `verifyProgramSignature` from `@prakerja-kit/webhooks`, the verifier
 * partners use (built on core's `createSignature`), and maps its failures to program codes.
 */
async function verify(
  engine: Engine,
  client: SandboxClient,
  request: SignedRequest,
  headers: Headers,
  skewSeconds: number,
  authorizationVariants: boolean[],
): Promise<void> {
  for (const signAuthorization of authorizationVariants) {
    try {
      await verifyProgramSignature({
        headers,
        method: request.method,
        path: request.path,
        body: request.body,
        signKey: client.signKey,
        clientCode: client.clientCode,
        toleranceSeconds: engine.options.timestampToleranceSeconds,
        now: () => engine.wall() + skewSeconds * 1000,
        signAuthorization,
        // The official Python example signs compact JSON but sends `json.dumps` output
        // (program-api.md §3): accept the compacted body too.
        acceptCompactedBody: true,
      });
      return;
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      if (error.check === 'timestamp') fail(ProgramErrorCode.TIMESTAMP_OUT_OF_WINDOW);
      if (error.check !== 'signature') fail(ProgramErrorCode.MISSING_AUTH_HEADER);
    }
  }
  fail(ProgramErrorCode.INVALID_SIGNATURE);
}

/**
 * Verifies the integration headers (`client_code`, `signature`, `timestamp`) and returns the client.
 *
 * Accepts the body as sent and, when it is JSON with other whitespace, its compact form. On
 * `payment/authorize` it accepts `raw_signature` with and without the `Authorization` value.
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
  const variants = request.headers.has(ProgramHeader.AUTHORIZATION) ? [false, true] : [false];
  await verify(engine, client, request, request.headers, skewSeconds, variants);
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
  const headers = new Headers({
    [ProgramHeader.CLIENT_CODE]: client.clientCode,
    [ProgramHeader.SIGNATURE]: signature,
    [ProgramHeader.TIMESTAMP]: timestamp,
  });
  await verify(engine, client, { ...request, body: '' }, headers, skewSeconds, [false]);
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
