import { fromBase64Url, toBase64Url } from './base64url.js';
import { hmacSha256, verifyHmacSha256 } from './hmac.js';

/** What a state token asserts. Short keys keep the token small enough for a URL or cookie. */
export interface StateClaims {
  /** Purpose: `att` attendance verification, `sso` SSO login. A token never serves the other. */
  k: 'att' | 'sso';
  /** Expiry, Unix seconds. */
  x: number;
  /** Issued at, Unix seconds. */
  i: number;
  /** Random nonce (base64url), so two states for the same participant differ. */
  n: string;
  /** Redeem code (attendance). */
  r?: string;
  /** Sequence (attendance). */
  s?: number;
  /** Keyed tag of the normalised email (attendance): binds the email without revealing it. */
  e?: string;
  /** The `state` the program returned from url-generate, when it returned one. */
  p?: string;
}

/** Why a state token was refused. */
export type StateFailure = 'invalid_state' | 'expired_state';

/** Result of checking a state token. */
export type StateCheck =
  | { ok: true; claims: StateClaims; secret: string }
  | { ok: false; reason: StateFailure };

const PREFIX = 'v1.';
const MAX_LENGTH = 2048;
const decoder = new TextDecoder();

/** Keyed tag of an email, so the token binds it without carrying it in clear. */
export async function emailTag(secret: string, email: string): Promise<string> {
  const mac = await hmacSha256(secret, `email:${email.trim().toLowerCase()}`);
  return toBase64Url(mac.subarray(0, 16));
}

/** Signs claims with the first secret. */
export async function signState(
  secrets: readonly string[],
  claims: Omit<StateClaims, 'i' | 'n' | 'x'>,
  ttlSeconds: number,
  nowMs: number,
): Promise<string> {
  const secret = secrets[0] as string;
  const issuedAt = Math.floor(nowMs / 1000);
  const nonce = toBase64Url(crypto.getRandomValues(new Uint8Array(12)));
  const full: StateClaims = { ...claims, i: issuedAt, x: issuedAt + ttlSeconds, n: nonce };
  const payload = toBase64Url(new TextEncoder().encode(JSON.stringify(full)));
  const mac = await hmacSha256(secret, PREFIX + payload);
  return `${PREFIX}${payload}.${toBase64Url(mac)}`;
}

/**
 * Checks a token's MAC against every secret (rotation), then its purpose and expiry.
 * Signature before expiry: an attacker learns nothing from a forged token's claims.
 */
export async function verifyState(
  secrets: readonly string[],
  token: unknown,
  kind: StateClaims['k'],
  nowMs: number,
): Promise<StateCheck> {
  const invalid = { ok: false, reason: 'invalid_state' } as const;
  if (typeof token !== 'string' || token.length > MAX_LENGTH || !token.startsWith(PREFIX)) {
    return invalid;
  }
  const parts = token.slice(PREFIX.length).split('.');
  if (parts.length !== 2) return invalid;
  const [payload, mac] = parts as [string, string];
  const macBytes = fromBase64Url(mac);
  const payloadBytes = fromBase64Url(payload);
  if (!macBytes || !payloadBytes || macBytes.length !== 32) return invalid;
  let matched: string | undefined;
  for (const secret of secrets) {
    if (await verifyHmacSha256(secret, PREFIX + payload, macBytes)) {
      matched = secret;
      break;
    }
  }
  if (matched === undefined) return invalid;
  let claims: StateClaims;
  try {
    claims = JSON.parse(decoder.decode(payloadBytes)) as StateClaims;
  } catch {
    return invalid;
  }
  if (claims === null || typeof claims !== 'object' || claims.k !== kind) return invalid;
  if (typeof claims.x !== 'number' || Math.floor(nowMs / 1000) >= claims.x) {
    return { ok: false, reason: 'expired_state' };
  }
  return { ok: true, claims, secret: matched };
}
