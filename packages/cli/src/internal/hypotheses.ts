import { COMPACT, type JsonStyle, permutations, serializeJson } from './json-styles.js';
import { type DigestAlgorithm, modelledDigest } from './modelled-digests.js';

/** One way a client may have deviated from the canonical request. */
export interface Hypothesis {
  /** A fault code, or `authorization-signed` (accepted, only noted). */
  code: string;
  message: string;
  cause?: string;
}

interface Variant<T> {
  value: T;
  hypothesis?: Hypothesis;
}

/** What the search needs from the capture. */
export interface SearchInput {
  clientCode: string;
  timestamp: string;
  method: string;
  capturedMethod: string;
  path: string;
  query: string | null;
  origin: string | null;
  host: string | null;
  body: string;
  authorization: string | null;
  signKey: string;
  signature: string;
}

/** The outcome of {@link searchHypotheses}. */
export interface SearchResult {
  /** The cheapest combination of hypotheses that reproduces the captured signature. */
  match: { rawSignature: string; hypotheses: Hypothesis[] } | null;
  /** Faults seen in the signature's form when nothing matched. */
  observed: Hypothesis[];
  /** False when the captured signature is not a digest in any known encoding. */
  wellFormed: boolean;
  candidates: number;
}

const MAX_DEPTH = 2;
const MAX_PERMUTED_KEYS = 6;

/**
 * Recomputes candidate signatures under every single hypothesis, then every pair, and returns
 * the first combination that reproduces the captured signature (fewest deviations wins).
 */
export function searchHypotheses(input: SearchInput): SearchResult {
  const decoded = decodeSignature(input.signature);
  if (decoded === null) {
    return {
      match: null,
      observed: [
        {
          code: 'signature-encoding',
          message: `"${input.signature.slice(0, 12)}…" (${input.signature.length} characters) is not a hex or base64 digest`,
        },
      ],
      wellFormed: false,
      candidates: 0,
    };
  }
  const algorithms: Variant<DigestAlgorithm>[] =
    decoded.digest.length === 32
      ? [
          {
            value: 'hmac-sha256',
            hypothesis: {
              code: 'wrong-algorithm',
              message: 'the signature is 32 bytes: HMAC-SHA256',
            },
          },
        ]
      : algorithmVariants();
  const dimensions: Variant<string>[][] = [
    timestampVariants(input.timestamp),
    pathVariants(input),
    bodyVariants(input.body),
    methodVariants(input.method, input.capturedMethod),
    keyVariants(input.signKey),
    authorizationVariants(input.authorization),
  ];
  const all = [...dimensions, algorithms] as Variant<string>[][];
  let candidates = 0;
  const test = (choice: Variant<string>[]) => {
    const [timestamp, path, body, method, key, authorization, algorithm] = choice.map(
      (variant) => variant.value,
    ) as [string, string, string, string, string, string, DigestAlgorithm];
    const raw = input.clientCode + timestamp + method + path + authorization + body;
    candidates++;
    return modelledDigest(algorithm, key, raw).equals(decoded.digest) ? raw : null;
  };
  const base = all.map((variants) => variants[0]!);
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    for (const dims of combinations(all.length, depth)) {
      const found = explore(all, base, dims, test);
      if (found) {
        const hypotheses = [
          ...found.choice.flatMap((variant) => (variant.hypothesis ? [variant.hypothesis] : [])),
          ...decoded.encoding,
        ];
        return {
          match: { rawSignature: found.raw, hypotheses },
          observed: [],
          wellFormed: true,
          candidates,
        };
      }
    }
  }
  return { match: null, observed: decoded.encoding, wellFormed: true, candidates };
}

function explore(
  all: Variant<string>[][],
  base: Variant<string>[],
  dims: number[],
  test: (choice: Variant<string>[]) => string | null,
): { choice: Variant<string>[]; raw: string } | null {
  const walk = (
    position: number,
    choice: Variant<string>[],
  ): { choice: Variant<string>[]; raw: string } | null => {
    if (position === dims.length) {
      const raw = test(choice);
      return raw === null ? null : { choice, raw };
    }
    const dim = dims[position]!;
    const variants = all[dim]!;
    for (let index = 1; index < variants.length; index++) {
      const next = [...choice];
      next[dim] = variants[index]!;
      const found = walk(position + 1, next);
      if (found) return found;
    }
    return null;
  };
  return walk(0, base);
}

/** Index sets of size k out of n, in order. */
function combinations(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  const result: number[][] = [];
  const build = (start: number, picked: number[]) => {
    if (picked.length === k) {
      result.push(picked);
      return;
    }
    for (let index = start; index < n; index++) build(index + 1, [...picked, index]);
  };
  build(0, []);
  return result;
}

function unique(variants: Variant<string>[]): Variant<string>[] {
  const seen = new Set<string>();
  return variants.filter((variant) => {
    if (seen.has(variant.value)) return false;
    seen.add(variant.value);
    return true;
  });
}

function decodeSignature(signature: string): { digest: Buffer; encoding: Hypothesis[] } | null {
  let value = signature;
  const encoding: Hypothesis[] = [];
  const prefix = /^(sha1|sha256|v1)[=,]/i.exec(value);
  if (prefix) {
    value = value.slice(prefix[0].length);
    encoding.push({
      code: 'signature-encoding',
      message: `the signature has a "${prefix[0]}" prefix`,
    });
  }
  if (/^[0-9a-fA-F]{40}$|^[0-9a-fA-F]{64}$/.test(value)) {
    if (/[A-F]/.test(value)) {
      encoding.push({
        code: 'uppercase-hex',
        message: `"${value.slice(0, 8)}…" has upper-case letters; the program expects lower-case hex`,
      });
    }
    return { digest: Buffer.from(value, 'hex'), encoding };
  }
  if (/^[A-Za-z0-9+/_-]{27,44}={0,2}$/.test(value)) {
    const digest = Buffer.from(value.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
    if (digest.length === 20 || digest.length === 32) {
      encoding.push({
        code: 'signature-encoding',
        message: 'the digest is base64-encoded, not hex',
      });
      return { digest, encoding };
    }
  }
  return null;
}

function algorithmVariants(): Variant<DigestAlgorithm>[] {
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

function timestampVariants(timestamp: string): Variant<string>[] {
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

function pathVariants(input: SearchInput): Variant<string>[] {
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

function bodyVariants(body: string): Variant<string>[] {
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

function methodVariants(method: string, captured: string): Variant<string>[] {
  const variants: Variant<string>[] = [{ value: method }];
  const lower = method.toLowerCase();
  for (const value of new Set([captured, lower])) {
    variants.push({ value, hypothesis: { code: 'method-case', message: `signed "${value}"` } });
  }
  return unique(variants);
}

function keyVariants(key: string): Variant<string>[] {
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

function authorizationVariants(authorization: string | null): Variant<string>[] {
  if (authorization === null) return [{ value: '' }];
  return [
    { value: '' },
    {
      value: authorization,
      hypothesis: {
        code: 'authorization-signed',
        message:
          'the Authorization value was signed between path and body (the official Go helper does this; the portal leaves it out, program-api.md §3, UNCERTAIN; the sandbox accepts both)',
      },
    },
  ];
}
