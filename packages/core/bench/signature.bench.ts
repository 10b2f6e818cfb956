import { createHmac } from 'node:crypto';
import { measure, printGoal, printTable } from '../../../scripts/bench-harness.js';
import { bundleSize, kb, packedProject } from '../../../scripts/bench-packed.js';
import { createSignature } from '../src/signing/create-signature.node.js';
import { createSignature as createSignatureWeb } from '../src/signing/create-signature.web.js';

/**
 * Signing ns/op beside raw node:crypto HMAC-SHA1 over the same string built by hand, and the
 * bundle of an app importing only `createSignature` from the installed tarball's root.
 */
export default async function run(): Promise<void> {
  const params = {
    clientCode: 'dp-bench-fake',
    signKey: 'sk_bench_fake_0123456789abcdef',
    timestamp: 1_698_289_216,
    method: 'POST',
    path: '/api/v1/integration/payment/redeem-code/status',
    body: '{"redeem_code":"GHOPNYXUVMT0","sequence":1}',
  };
  const raw = await measure('raw node:crypto HMAC-SHA1 (floor)', () =>
    createHmac('sha1', params.signKey)
      .update(params.clientCode + params.timestamp + params.method + params.path + params.body)
      .digest('hex'),
  );
  const ours = await measure('@prakerja-kit/core createSignature', () => createSignature(params));
  const web = await measure('@prakerja-kit/core createSignature (WebCrypto build)', () =>
    createSignatureWeb(params),
  );
  printTable('core: program signature (HMAC-SHA1), one request', [raw, ours, web]);
  const ratio = ours.nsPerOp / raw.nsPerOp;
  printGoal('createSignature within 1.5x of the raw floor', ratio <= 1.5, `${ratio.toFixed(2)}x`);

  const { tarballs } = await packedProject();
  const fromRoot = await bundleSize(
    "import { createSignature } from '@prakerja-kit/core';\nglobalThis.entry = createSignature;",
  );
  const fromSubpath = await bundleSize(
    "import { createSignature } from '@prakerja-kit/core/signature';\nglobalThis.entry = createSignature;",
  );
  console.log(
    `\ncore: bundle importing only createSignature from the installed tarball (${kb(tarballs['core']!)} packed; esbuild through the exports map, minified, browser)`,
  );
  console.log(
    `  from '@prakerja-kit/core': ${kb(fromRoot.min)} min, ${kb(fromRoot.gzip)} min+gzip; from '@prakerja-kit/core/signature': ${kb(fromSubpath.gzip)} min+gzip`,
  );
  printGoal(
    "createSignature from '@prakerja-kit/core' <= 1.5 KB min+gzip",
    fromRoot.gzip <= 1.5 * 1024,
    kb(fromRoot.gzip),
  );
}
