import { createHmac } from 'node:crypto';

/**
 * The program's scheme without the SDK, for readers porting it to another stack:
 * lower-case hex HMAC-SHA1 over client_code + timestamp + METHOD + path + body, no separators.
 */
export function programHeaders(
  clientCode: string,
  signKey: string,
  path: string,
  body: unknown,
  nowMs = Date.now(),
): { headers: Record<string, string>; body: string } {
  const bodyText = JSON.stringify(body); // serialise ONCE: sign and send these exact bytes
  const timestamp = String(Math.floor(nowMs / 1000)); // seconds, not milliseconds
  const rawSignature = clientCode + timestamp + 'POST' + path + bodyText;
  const signature = createHmac('sha1', signKey).update(rawSignature, 'utf8').digest('hex');
  return {
    headers: {
      'Content-Type': 'application/json',
      client_code: clientCode, // note the underscore: see "Going to production"
      signature,
      timestamp,
    },
    body: bodyText,
  };
}
