import type {
  VerifiedProgramRequest,
  VerifyProgramSignatureParams,
} from './verify-program-signature.js';
import { verifyProgramSignature } from './verify-program-signature.js';

/** {@link verifyProgramRequest}'s options: everything but what the request itself carries. */
export type VerifyProgramRequestOptions = Omit<
  VerifyProgramSignatureParams,
  'headers' | 'method' | 'path' | 'body'
>;

/**
 * Verifies a program-signed fetch `Request` (method, URL path, headers and raw body taken from
 * it) and returns who signed it. Reads the body: pass `request.clone()` to read it again.
 *
 * @example
 * const { clientCode } = await verifyProgramRequest(request.clone(), { signKey: lookup });
 */
export async function verifyProgramRequest(
  request: Request,
  options: VerifyProgramRequestOptions,
): Promise<VerifiedProgramRequest> {
  const body = await request.text();
  const { pathname } = new URL(request.url);
  return verifyProgramSignature({
    ...options,
    headers: request.headers,
    method: request.method,
    path: pathname,
    body,
  });
}
