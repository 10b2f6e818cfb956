// The Node entry, `@prakerja-kit/core/node`: synchronous variants that only `node:crypto` can
// offer. Their types do not depend on the export condition (issue 22).
export { createSignatureSync } from './signing/create-signature.node.js';
