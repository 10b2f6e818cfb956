// `createSignature` has one type under every export condition (issue 22): this file is
// type-checked under `node` (tsconfig.json, vitest typecheck) and under `worker`
// (tsconfig.web-types.json, in `pnpm -F @prakerja-kit/core typecheck`).
import { describe, expectTypeOf, it } from 'vitest';
import { createSignature } from '../index.js';
import { createSignatureSync } from '../node.js';
import { createSignature as fromSignatureEntry } from '../signature.js';

describe('createSignature', () => {
  it('always returns a promise; the Node entry names the synchronous variant', () => {
    expectTypeOf(createSignature).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(fromSignatureEntry).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(createSignatureSync).returns.toEqualTypeOf<string>();
  });
});
