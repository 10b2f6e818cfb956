import type { Hypothesis, SearchInput } from './hypothesis.js';
import { COMPACT, type JsonStyle, permutations, serializeJson } from './json-styles.js';
import type { DigestAlgorithm } from './modelled-digests.js';

/** One candidate value of a signed component; the first of each list is the canonical one. */
export interface Variant<T> {
  value: T;
  hypothesis?: Hypothesis;
}

const MAX_PERMUTED_KEYS = 6;

function unique(variants: Variant<string>[]): Variant<string>[] {
  const seen = new Set<string>();
  return variants.filter((variant) => {
    if (seen.has(variant.value)) return false;
    seen.add(variant.value);
    return true;
  });
}

/** The right construction, then the mistaken ones (swapped HMAC arguments, plain SHA-1). */
export function algorithmVariants(): Variant<DigestAlgorithm>[] {
  const wrong = (
    value: DigestAlgorithm,
    message: string,
    cause: string,
  ): Variant<DigestAlgorithm> => ({
    value,
    hypothesis: { code: 'wrong-algorithm', message, cause },
  });
  return [
    { value: 'hmac-sha1' },
    wrong(
      'hmac-sha1-swapped',
      'HMAC-SHA1 with key and message swapped',
      "the HMAC arguments are in the wrong order (e.g. hash_hmac('sha1', $key, $raw) or HmacSHA1(raw) keyed with the message)",
    ),
    wrong(
      'sha1-message-then-key',
      'plain SHA-1 of raw_signature followed by the key',
      'the portal\'s "SHA-1(raw_signature, sign_key)" was read as a plain hash of the two concatenated',
    ),
    wrong(
      'sha1-key-then-message',
      'plain SHA-1 of the key followed by raw_signature',
      'the portal\'s "SHA-1(raw_signature, sign_key)" was read as a plain hash of the two concatenated',
    ),
    wrong(
      'sha1-message-only',
      'plain SHA-1 of raw_signature, without the key',
      'the key was never used: sha1(raw) instead of an HMAC',
    ),
  ];
}

/** The header timestamp, then values a client may have signed instead (read twice, ms, a time-zone shift). */
export function timestampVariants(timestamp: string): Variant<string>[] {
  const variants: Variant<string>[] = [{ value: timestamp }];
  if (!/^\d{1,13}$/.test(timestamp)) return variants;
  const value = Number(timestamp);
  const mismatch = (signed: number | string, message: string, cause?: string): Variant<string> => ({
    value: String(signed),
    hypothesis: {
      code: 'timestamp-mismatch',
      message: `signed ${signed}, header ${timestamp}: ${message}`,
      ...(cause ? { cause } : {}),
    },
  });
  if (timestamp.length === 13) {
    variants.push(mismatch(Math.floor(value / 1000), 'seconds were signed, milliseconds sent'));
    return variants;
  }
  for (const delta of [-1, 1, -2, 2, -3, 3, -5, 5, -10, 10]) {
    variants.push(
      mismatch(
        value + delta,
        `${Math.abs(delta)} s ${delta < 0 ? 'earlier' : 'later'} than the header`,
      ),
    );
  }
  variants.push(
    mismatch(
      `${timestamp}000`,
      'milliseconds were signed, seconds sent',
      'Date.now() was signed and Date.now()/1000 sent',
    ),
  );
  for (const hours of [7, 8, 9]) {
    for (const sign of [-1, 1]) {
      variants.push(
        mismatch(
          value + sign * hours * 3600,
          `shifted by ${sign * hours} h`,
          `a local Indonesian time zone offset (UTC+${hours}) was applied to one of the two values`,
        ),
      );
    }
  }
  return unique(variants);
}

/** The request path, then the path with its query, with scheme and host, relative to a base URL. */
export function pathVariants(input: SearchInput): Variant<string>[] {
  const { path, query, origin, host } = input;
  const variants: Variant<string>[] = [{ value: path }];
  const withQuery = query === null ? path : `${path}?${query}`;
  if (query !== null) {
    variants.push({
      value: withQuery,
      hypothesis: { code: 'path-with-query', message: `signed "${withQuery}"` },
    });
  }
  const origins = new Set<string>();
  if (origin) origins.add(origin);
  if (host) {
    origins.add(`https://${host}`);
    origins.add(`http://${host}`);
    origins.add(host);
  }
  for (const each of origins) {
    for (const signed of new Set([each + path, each + withQuery])) {
      variants.push({
        value: signed,
        hypothesis: { code: 'path-with-host', message: `signed "${signed}"` },
      });
    }
  }
  const relative = (value: string, message: string): Variant<string> => ({
    value,
    hypothesis: { code: 'path-relative', message: `signed "${value}": ${message}` },
  });
  const segments = path.split('/').filter(Boolean);
  for (let index = 1; index < segments.length; index++) {
    variants.push(relative(`/${segments.slice(index).join('/')}`, 'relative to a base URL'));
  }
  if (path.startsWith('/')) variants.push(relative(path.slice(1), 'without the leading slash'));
  variants.push(
    path.endsWith('/')
      ? relative(path.slice(0, -1), 'without the trailing slash')
      : relative(`${path}/`, 'with a trailing slash'),
  );
  try {
    const decoded = decodeURI(path);
    if (decoded !== path) variants.push(relative(decoded, 'percent-decoded'));
  } catch {
    // Not valid percent-encoding: nothing to decode.
  }
  return unique(variants);
}

const STYLES: Array<[string, Partial<JsonStyle>]> = [
  ['compact JSON', {}],
  [
    'JSON with spaces after "," and ":" (Python json.dumps)',
    { itemSeparator: ', ', keySeparator: ': ' },
  ],
  ['pretty-printed JSON (2 spaces)', { indent: 2 }],
  ['pretty-printed JSON (4 spaces)', { indent: 4 }],
  ['JSON with escaped slashes "\\/" (PHP json_encode)', { escapeSlash: true }],
  ['JSON with <, >, & escaped as \\u003c… (Go json.Marshal)', { escapeHtml: true }],
  ['JSON with non-ASCII escaped as \\uXXXX (Python ensure_ascii)', { asciiOnly: true }],
];

/** The sent body, then how it may have been serialised when signed (style, escaping, key order, newline). */
export function bodyVariants(body: string): Variant<string>[] {
  const variants: Variant<string>[] = [{ value: body }];
  const reserialised = (value: string, message: string): Variant<string> => ({
    value,
    hypothesis: { code: 'body-reserialised', message },
  });
  let parsed: unknown;
  let isJson = false;
  try {
    parsed = JSON.parse(body);
    isJson = true;
  } catch {
    // Not JSON: only byte-level variants below.
  }
  if (isJson) {
    for (const [name, style] of STYLES) {
      variants.push(
        reserialised(
          serializeJson(parsed, { ...COMPACT, ...style }),
          `signed as ${name}, sent as different bytes`,
        ),
      );
    }
    if (body.includes('\\/')) {
      variants.push(
        reserialised(body.replaceAll('\\/', '/'), 'signed with plain "/", sent with "\\/"'),
      );
    }
    variants.push(
      reserialised(
        JSON.stringify(body),
        'the signed body was JSON-encoded twice (a string of JSON)',
      ),
    );
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const keys = Object.keys(parsed);
      const reordered = (order: readonly string[], message: string): Variant<string> => ({
        value: serializeJson(parsed, COMPACT, order),
        hypothesis: {
          code: 'body-reordered',
          message: `${message}: signed {${order.join(', ')}}, sent {${keys.join(', ')}}`,
        },
      });
      const orders =
        keys.length <= MAX_PERMUTED_KEYS ? permutations(keys).slice(1) : [[...keys].reverse()];
      for (const order of orders) variants.push(reordered(order, 'keys in another order'));
      const sorted = serializeJson(parsed, { ...COMPACT, sortKeys: true });
      variants.push({
        value: sorted,
        hypothesis: {
          code: 'body-reordered',
          message: 'signed with keys sorted alphabetically (at every level)',
        },
      });
    }
  }
  if (body !== '') {
    variants.push(reserialised('', 'signed without a body, sent with one'));
    variants.push(reserialised(`${body}\n`, 'signed with a trailing newline'));
    if (body.trim() !== body)
      variants.push(reserialised(body.trim(), 'signed without the surrounding whitespace'));
  } else {
    variants.push(reserialised('{}', 'signed "{}", sent no body'));
  }
  // The canonical body must stay first; a style that reproduces it exactly is not a variant.
  return unique(variants);
}

/** The upper-case method, then the method as written. */
export function methodVariants(method: string, captured: string): Variant<string>[] {
  const variants: Variant<string>[] = [{ value: method }];
  const lower = method.toLowerCase();
  for (const value of new Set([captured, lower])) {
    variants.push({ value, hypothesis: { code: 'method-case', message: `signed "${value}"` } });
  }
  return unique(variants);
}

/** The receiver's key, then that key with the extra characters a file or variable may add. */
export function keyVariants(key: string): Variant<string>[] {
  const variant = (value: string, message: string): Variant<string> => ({
    value,
    hypothesis: {
      code: 'wrong-key',
      message: `the sender's key is this key ${message}`,
      cause: 'the key was read from a file or environment variable with extra characters',
    },
  });
  return unique([
    { value: key },
    variant(`${key}\n`, 'followed by a newline'),
    variant(`${key}\r\n`, 'followed by CRLF'),
    variant(`${key} `, 'followed by a space'),
    variant(`"${key}"`, 'wrapped in double quotes'),
    variant(`'${key}'`, 'wrapped in single quotes'),
    variant(key.trim(), 'without its surrounding whitespace'),
  ]);
}

/** No Authorization in raw_signature (the portal), then with it (the official Go helper). */
export function authorizationVariants(authorization: string | null): Variant<string>[] {
  if (authorization === null) return [{ value: '' }];
  return [
    { value: '' },
    {
      value: authorization,
      hypothesis: {
        code: 'authorization-signed',
        message:
          'the Authorization value was signed between path and body (the official Go helper does this; the portal leaves it out, and which the program expects is not documented; the sandbox is lenient and accepts both)',
      },
    },
  ];
}
