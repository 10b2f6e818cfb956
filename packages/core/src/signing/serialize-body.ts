/**
 * Serialises a request body once, as compact JSON, so the signed bytes are the sent bytes.
 *
 * `undefined` (no body) becomes `''`. Key order is the insertion order of the object, which is
 * the order the program's examples sign in.
 */
export function serializeBody(body: unknown): string {
  if (body === undefined) return '';
  if (typeof body === 'string') return body;
  return JSON.stringify(body);
}
