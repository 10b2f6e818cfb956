export { createSignature } from '#create-signature';
export type { CreateSignatureParams, SignatureParams } from './signing/build-raw-signature.js';
export { buildRawSignature } from './signing/build-raw-signature.js';
export { timingSafeEqual } from './signing/timing-safe-equal.js';
