// WebCrypto (global on Node 20+, edge runtimes and browsers) keeps the package one build.
const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function importKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    keys.set(secret, key);
  }
  return key;
}

/** HMAC-SHA256 of `message` keyed with `secret`. */
export async function hmacSha256(secret: string, message: string): Promise<Uint8Array> {
  const signature = await crypto.subtle.sign(
    'HMAC',
    await importKey(secret),
    encoder.encode(message),
  );
  return new Uint8Array(signature);
}

/** Constant-time check of an HMAC-SHA256 (WebCrypto `verify` compares in constant time). */
export async function verifyHmacSha256(
  secret: string,
  message: string,
  signature: Uint8Array,
): Promise<boolean> {
  return crypto.subtle.verify(
    'HMAC',
    await importKey(secret),
    signature as Uint8Array<ArrayBuffer>,
    encoder.encode(message),
  );
}
