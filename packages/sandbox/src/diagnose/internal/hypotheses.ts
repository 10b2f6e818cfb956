import type { Hypothesis, SearchInput } from './hypothesis.js';
import {
  algorithmVariants,
  authorizationVariants,
  bodyVariants,
  keyVariants,
  methodVariants,
  pathVariants,
  timestampVariants,
  type Variant,
} from './hypothesis-variants.js';
import { type DigestAlgorithm, modelledDigest } from './modelled-digests.js';

export type { Hypothesis, SearchInput } from './hypothesis.js';

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
        message: `"${value.slice(0, 8)}…" has upper-case letters: the sandbox's default and lenient profiles accept upper-case hex (strict-http and terse refuse it), but the program documents lower-case hex and may refuse it`,
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
