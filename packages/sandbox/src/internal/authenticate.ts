import { ProgramErrorCode, ProgramHeader } from '@prakerja-kit/core';
import { verifyProgramSignature, WebhookVerificationError } from '@prakerja-kit/webhooks';
import type { SandboxClient } from '../sandbox-fixtures.js';
import type { Engine } from './engine.js';
import { fail } from './program-failure.js';

/** What authentication needs from a request. */
export interface SignedRequest {
  method: string;
  path: string;
  /** The query string with its `?` (`''` when none): signed by some SSO variants. */
  query?: string | undefined;
  headers: Headers;
  body: string;
}

/** Accepted `timestamp` distance: the explicit option, else the profile's (300 s or 30 s). */
export function toleranceSeconds(engine: Engine): number {
  return (
    engine.options.timestampToleranceSeconds ??
    (engine.profile.timestampTolerance === 'wide' ? 300 : 30)
  );
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
  bodies: string[] = [request.body],
): Promise<void> {
  const switches = engine.profile;
  const signature = headers.get(ProgramHeader.SIGNATURE) ?? '';
  // The docs' examples all emit lower-case hex (program-api.md §3); `lower-only` refuses others.
  if (switches.signatureHex === 'lower-only' && /[A-F]/.test(signature)) {
    fail(ProgramErrorCode.INVALID_SIGNATURE);
  }
  for (const signAuthorization of authorizationVariants)
    for (const body of bodies) {
      try {
        await verifyProgramSignature({
          headers,
          method: request.method,
          path: request.path,
          body,
          signKey: client.signKey,
          clientCode: client.clientCode,
          toleranceSeconds: toleranceSeconds(engine),
          now: () => engine.wall() + skewSeconds * 1000,
          signAuthorization,
          // The official Python example signs compact JSON but sends `json.dumps` output
          // (program-api.md §3): the `compact` variant accepts the compacted body too.
          acceptCompactedBody: switches.bodyCanonicalisation === 'compact',
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
 * Accepts the body as sent and, under `bodyCanonicalisation: 'compact'`, its compact form. On
 * `payment/authorize` the `authorizationSignature` switch decides whether `raw_signature`
 * includes the `Authorization` value (`inside`), excludes it (`outside`) or either.
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
  const mode = engine.profile.authorizationSignature;
  const variants = !request.headers.has(ProgramHeader.AUTHORIZATION)
    ? [false]
    : mode === 'inside'
      ? [true]
      : mode === 'outside'
        ? [false]
        : [false, true];
  await verify(engine, client, request, request.headers, skewSeconds, variants);
  return client;
}

/**
 * Verifies the SSO server-side headers (`X-Client-Id`, `X-Signature`, `X-Timestamp`) of
 * `GET /api/v1/oauth/authorize` with an empty body: the `ssoAuthorizeSigning` switch decides
 * whether the signed path is the path only (as core signs it), the path with its query, or
 * either (program-api.md §3 leaves this open).
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
  // raw_signature = client_code + timestamp + GET + path [+ query] + body (empty): signing the
  // query as the "body" gives exactly the path-and-query string.
  const query = request.query ?? '';
  const mode = engine.profile.ssoAuthorizeSigning;
  const bodies = mode === 'path' ? [''] : mode === 'path-and-query' ? [query] : ['', query];
  await verify(engine, client, { ...request, body: '' }, headers, skewSeconds, [false], bodies);
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
