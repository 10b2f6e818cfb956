import { createHash, createHmac } from 'node:crypto';

/**
 * Digests of *mistaken* signers, for the doctor's hypotheses and the negative vectors.
 *
 * The correct program signature always comes from `@prakerja-kit/core` (`createSignature`);
 * these model what broken clients do instead (a host in the path, swapped HMAC arguments, plain
 * SHA-1), which core's signer rightly refuses to produce.
 */
export type DigestAlgorithm =
  | 'hmac-sha1'
  | 'hmac-sha1-swapped'
  | 'sha1-message-then-key'
  | 'sha1-key-then-message'
  | 'sha1-message-only'
  | 'hmac-sha256';

/** The raw digest bytes of `message` under a (possibly mistaken) algorithm and key. */
export function modelledDigest(algorithm: DigestAlgorithm, key: string, message: string): Buffer {
  switch (algorithm) {
    case 'hmac-sha1':
      return createHmac('sha1', key).update(message, 'utf8').digest();
    case 'hmac-sha1-swapped':
      return createHmac('sha1', message).update(key, 'utf8').digest();
    case 'sha1-message-then-key':
      return createHash('sha1')
        .update(message + key, 'utf8')
        .digest();
    case 'sha1-key-then-message':
      return createHash('sha1')
        .update(key + message, 'utf8')
        .digest();
    case 'sha1-message-only':
      return createHash('sha1').update(message, 'utf8').digest();
    case 'hmac-sha256':
      return createHmac('sha256', key).update(message, 'utf8').digest();
  }
}
