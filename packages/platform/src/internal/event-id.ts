const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A deterministic event id, `evt_` + 26 Crockford base32 characters of SHA-256(`type:key`): the
 * same invoice reaching the same state always yields the same id, so consumers can dedupe.
 */
export async function eventId(type: string, key: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`${type}:${key}`),
  );
  const bytes = new Uint8Array(digest);
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 26) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
    if (out.length === 26) break;
  }
  return `evt_${out}`;
}
