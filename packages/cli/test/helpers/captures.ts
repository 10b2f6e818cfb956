import { createHmac } from 'node:crypto';

/** The doc's worked example (program-api.md §3), signed with the program's test key. */
export const WORKED = {
  clientCode: 'client_code',
  timestamp: 1698289216,
  path: '/api/v1/integration/payment/redeem-code/status',
  body: '{"redeem_code":"GHOPNYXUVMT0","sequence":1}',
  key: 'my_sign_key',
  host: 'api.prakerja.go.id',
} as const;

/** HMAC-SHA1 hex computed here, independently of the code under test. */
export function hmac(message: string, key: string = WORKED.key): string {
  return createHmac('sha1', key).update(message).digest('hex');
}

/** What a (possibly broken) client sent. */
export interface Sent {
  target: string;
  body: string;
  signature: string;
  timestamp?: number;
}

/** The request as a curl command (absolute URL). */
export function asCurl(sent: Sent): string {
  const url = sent.target.startsWith('/') ? `https://${WORKED.host}${sent.target}` : sent.target;
  return [
    `curl -X POST '${url}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -H 'client_code: ${WORKED.clientCode}' \\`,
    `  -H 'timestamp: ${sent.timestamp ?? WORKED.timestamp}' \\`,
    `  -H 'signature: ${sent.signature}' \\`,
    `  --data-raw '${sent.body}'`,
    '',
  ].join('\n');
}

/** The request as raw HTTP/1.1 text (origin-form target, Host header). */
export function asHttp(sent: Sent): string {
  return [
    `POST ${sent.target} HTTP/1.1`,
    `Host: ${WORKED.host}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(sent.body)}`,
    `client_code: ${WORKED.clientCode}`,
    `timestamp: ${sent.timestamp ?? WORKED.timestamp}`,
    `signature: ${sent.signature}`,
    '',
    sent.body,
  ].join('\r\n');
}

const raw = (path: string, body: string = WORKED.body, timestamp: number = WORKED.timestamp) =>
  `${WORKED.clientCode}${timestamp}POST${path}${body}`;

/** One broken client per fault the doctor must name, plus a correct one. */
export const FAULT_CASES: Array<{ fault: string; sent: Sent; now?: number }> = [
  {
    fault: 'timestamp-skew',
    sent: { target: WORKED.path, body: WORKED.body, signature: hmac(raw(WORKED.path)) },
    now: WORKED.timestamp + 3600,
  },
  {
    fault: 'path-with-host',
    sent: {
      target: WORKED.path,
      body: WORKED.body,
      signature: hmac(raw(`https://${WORKED.host}${WORKED.path}`)),
    },
  },
  {
    fault: 'path-with-query',
    sent: {
      target: `${WORKED.path}?lang=id`,
      body: WORKED.body,
      signature: hmac(raw(`${WORKED.path}?lang=id`)),
    },
  },
  {
    fault: 'body-reserialised',
    sent: {
      target: WORKED.path,
      body: '{"redeem_code": "GHOPNYXUVMT0", "sequence": 1}',
      signature: hmac(raw(WORKED.path)),
    },
  },
  {
    fault: 'body-reordered',
    sent: {
      target: WORKED.path,
      body: '{"sequence":1,"redeem_code":"GHOPNYXUVMT0"}',
      signature: hmac(raw(WORKED.path)),
    },
  },
  {
    fault: 'uppercase-hex',
    sent: {
      target: WORKED.path,
      body: WORKED.body,
      signature: hmac(raw(WORKED.path)).toUpperCase(),
    },
  },
  {
    fault: 'wrong-key',
    sent: {
      target: WORKED.path,
      body: WORKED.body,
      signature: hmac(raw(WORKED.path), 'another_sign_key'),
    },
  },
];

/** The correct request. */
export const VALID: Sent = {
  target: WORKED.path,
  body: WORKED.body,
  signature: hmac(raw(WORKED.path)),
};
