import { sha256 } from './hmac.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A deterministic event id: `evt_` + 26 Crockford base32 characters of SHA-256(`key`).
 * The same observed state always yields the same id, so consumers can dedupe.
 */
export async function eventId(key: string): Promise<string> {
  const digest = await sha256(`prakerja-kit/provider/event:${key}`);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < 26) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === 26) break;
  }
  return `evt_${out}`;
}
