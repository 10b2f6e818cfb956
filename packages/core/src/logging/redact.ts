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
    'user_platform_id',
    'userplatformid',
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
    else if (MASKED_KEYS.has(lower) && (typeof inner === 'string' || typeof inner === 'number')) {
      out[key] = maskValue(String(inner));
    } else out[key] = redact(inner, secrets, depth + 1);
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

/** True when values under `key` are secrets (`otp`, `paymentToken`, `signKey`, `password`…). */
export function isSecretKey(key: string): boolean {
  const lower = key.toLowerCase();
  return SECRET_KEYS.has(lower) || /token|secret|password|passwd|otp$|signkey|sign_key/.test(lower);
}

/** True when values under `key` are personal identifiers that are masked (redeem code, email…). */
export function isMaskedKey(key: string): boolean {
  return MASKED_KEYS.has(key.toLowerCase());
}

/**
 * The values under masked keys (redeem codes, emails, Prakerja numbers…) in a request body, so
 * text a server echoes back can be masked with {@link maskText}.
 */
export function maskedValuesOf(value: unknown, depth = 0): string[] {
  if (value === null || typeof value !== 'object' || depth > 4) return [];
  const out: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    if ((typeof inner === 'string' || typeof inner === 'number') && isMaskedKey(key)) {
      out.push(String(inner));
    } else if (typeof inner === 'object') out.push(...maskedValuesOf(inner, depth + 1));
  }
  return out;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const TEST_REDEEM_CODE = /\bPRAT-[A-Za-z0-9]+/g;
const PRAKERJA_NUMBER = /(?<!\d)\d{16}(?!\d)/g;
const HEX_SIGNATURE = /(?<![0-9A-Fa-f])[0-9A-Fa-f]{40}(?![0-9A-Fa-f])/g;

/**
 * Masks free text a server sent back (an error `message`), the way logs are masked: secrets in
 * `secrets` and 40-hex signatures replaced by {@link REDACTED}; emails, `PRAT-` redeem codes,
 * 16-digit Prakerja numbers and every value in `masked` masked with {@link maskValue}.
 *
 * @example
 * maskText('Kode redeem PRAT-UJ0EEQ untuk budi@example.com'); // 'Kode redeem PRAT-****EQ untuk b***@example.com'
 */
export function maskText(
  text: string,
  secrets: readonly string[] = [],
  masked: readonly string[] = [],
): string {
  let out = scrub(text, secrets);
  for (const value of masked) {
    if (value.length >= 4 && out.includes(value)) out = out.split(value).join(maskValue(value));
  }
  return out
    .replace(HEX_SIGNATURE, REDACTED)
    .replace(EMAIL, (match) => maskValue(match))
    .replace(TEST_REDEEM_CODE, (match) => maskValue(match))
    .replace(PRAKERJA_NUMBER, (match) => maskValue(match));
}
