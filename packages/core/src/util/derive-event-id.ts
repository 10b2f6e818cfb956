const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A deterministic event id for a watcher's event: `evt_` + 26 Crockford base32 characters of
 * SHA-256(`input`). The same observed state always yields the same id, so consumers can dedupe
 * across polls, restarts and instances. (Events the SDK creates afresh use random ULID ids.)
 *
 * @example
 * await deriveEventId('payment.authorized:INV-42'); // 'evt_…', the same on every call
 */
export async function deriveEventId(input: string): Promise<string> {
  const digest = new Uint8Array(
    await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(input)),
  );
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of digest) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < 26) {
      bits -= 5;
      out += CROCKFORD[(buffer >> bits) & 31];
    }
    if (out.length === 26) break;
  }
  return `evt_${out}`;
}
