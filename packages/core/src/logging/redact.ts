/** Keys whose values are secrets: replaced whole. */
const SECRET_KEYS = new Set(
  [
    'signkey',
    'sign_key',
    'signature',
    'x-signature',
    'otp',
    'paymenttoken',
    'payment_token',
    'authorization',
    'accesstoken',
    'access_token',
    'refreshtoken',
    'refresh_token',
    'token',
    'code_verifier',
    'password',
    'secret',
    'webhooksecret',
  ].map((key) => key.toLowerCase()),
);

/** Keys whose values are personal or bearer-like identifiers: masked. */
const MASKED_KEYS = new Set(
  [
    'redeem_code',
    'redeemcode',
    'email',
    'prakerja_id',
    'prakerjaid',
    'no_prakerja',
    'noprakerja',
    'phone_number',
    'phonenumber',
  ].map((key) => key.toLowerCase()),
);

/** The placeholder that replaces a secret. */
export const REDACTED = '[REDACTED]';

/**
 * Masks an identifier, keeping just enough to tell values apart in logs.
 *
 * @example
 * maskValue('PRAT-UJ0EEQ'); // 'PRAT-****EQ'
 * maskValue('budi@example.com'); // 'b***@example.com'
 */
export function maskValue(value: string): string {
  const at = value.indexOf('@');
  if (at > 0) return `${value[0]}***${value.slice(at)}`;
  if (value.length <= 4) return '****';
  const keep = value.startsWith('PRAT-') ? 5 : 2;
  return `${value.slice(0, keep)}****${value.slice(-2)}`;
}

/**
 * Returns a copy of `value` that is safe to log: secrets replaced, identifiers masked, and any
 * string equal to or containing one of `secrets` scrubbed.
 */
export function redact(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (typeof value === 'string') return scrub(value, secrets);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, secrets, depth + 1));
  if (value instanceof Error) {
    return { name: value.name, message: scrub(value.message, secrets) };
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const lower = key.toLowerCase();
    if (SECRET_KEYS.has(lower)) out[key] = REDACTED;
    else if (MASKED_KEYS.has(lower) && typeof inner === 'string') out[key] = maskValue(inner);
    else out[key] = redact(inner, secrets, depth + 1);
  }
  return out;
}

/** Replaces every occurrence of each secret in `text`. Secrets shorter than 4 chars are ignored. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}
