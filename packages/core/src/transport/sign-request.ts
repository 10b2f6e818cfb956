import { createSignature } from '#create-signature';
import { ProgramHeader } from '../constants.js';

/** What {@link signRequest} needs: the request, its exact body text and who signs, when. */
export interface SignRequestParams {
  /** The headers so far (User-Agent and the caller's own); completed in place and returned. */
  headers: Record<string, string>;
  /** The call: which API, how it authenticates, method, path, body and `Authorization`. */
  request: {
    api?: 'integration' | 'sso' | undefined;
    auth?: 'signature' | 'client-id' | undefined;
    method: string;
    path: string;
    body?: unknown;
    authorization?: string | undefined;
  };
  /** The exact text that is signed: the body, or the query for a signed GET. */
  bodyText: string;
  clientCode: string;
  signKey: string;
  /** Unix seconds, from the (skew-corrected) clock; fresh for every attempt. */
  timestamp: number;
  /** Sign the `Authorization` value between path and body (program-api.md §3, UNCERTAIN). */
  signAuthorization?: boolean | undefined;
}

/**
 * Builds and signs one attempt's headers: content type, `Accept`, `Authorization`, and the
 * program's signature headers (`client_code`/`signature`/`timestamp`, or the SSO `X-…` ones);
 * a `client-id` call gets the client id only. Pure but for the HMAC.
 */
export async function signRequest(params: SignRequestParams): Promise<Record<string, string>> {
  const { headers, request, bodyText, clientCode, timestamp } = params;
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  headers['Accept'] = 'application/json';
  if (request.authorization !== undefined) {
    headers[ProgramHeader.AUTHORIZATION] = request.authorization;
  }
  const sso = request.api === 'sso';
  if (sso) headers[ProgramHeader.SSO_CLIENT_ID] = clientCode;
  if (request.auth === 'client-id') return headers;
  const signature = await createSignature({
    clientCode,
    signKey: params.signKey,
    timestamp,
    method: request.method,
    path: request.path,
    body: bodyText,
    authorization: request.authorization,
    signAuthorization: params.signAuthorization,
  });
  if (sso) {
    headers[ProgramHeader.SSO_SIGNATURE] = signature;
    headers[ProgramHeader.SSO_TIMESTAMP] = String(timestamp);
  } else {
    headers[ProgramHeader.CLIENT_CODE] = clientCode;
    headers[ProgramHeader.SIGNATURE] = signature;
    headers[ProgramHeader.TIMESTAMP] = String(timestamp);
  }
  return headers;
}
