// Verify throughput beside other verifiers, and the verify entry's bundle size (issue 6).
// Run: pnpm bench (root), or tsx --conditions=@prakerja-kit/source packages/webhooks/bench/verify.bench.ts
import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import { type Measurement, printGoal, printTable } from '../../../scripts/bench-harness.js';
import { bundleSize, kb, packedProject, printColdImports } from '../../../scripts/bench-packed.js';
import { signSync, verifyEnvelopeSync, verifySync } from '../src/node.js';
import { createTestEvent } from '../src/testing.js';

const SECRET = `whsec_${Buffer.from('fake-secret-for-tests-only-32byte').toString('base64')}`;
// The floor gets the best raw code can do: a key object imported once.
const KEY = createSecretKey(Buffer.from(SECRET.slice(6), 'base64'));
const STRIPE_SECRET = 'whsec_fake_stripe_secret_for_tests_only';

/** A signed `incentive.disbursement_cancelled` event padded to `size` bytes. */
function delivery(size: number) {
  const event = createTestEvent('incentive.disbursement_cancelled');
  const empty = JSON.stringify({ ...event, data: { ...event.data, reason: '' } }).length;
  event.data.reason = 'x'.repeat(size - empty);
  const payload = JSON.stringify(event);
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = signSync({ id: event.id, timestamp, payload, secret: SECRET });
  const headers = {
    'webhook-id': event.id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signature,
  };
  const svixHeaders = {
    'svix-id': event.id,
    'svix-timestamp': String(timestamp),
    'svix-signature': signature,
  };
  return { payload, headers, svixHeaders, id: event.id, timestamp };
}

type Delivery = ReturnType<typeof delivery>;

function cases(stripe: Stripe) {
  const standard = new StandardWebhook(SECRET);
  const svix = new SvixWebhook(SECRET);
  return {
    'raw node:crypto HMAC + timingSafeEqual + JSON.parse': (d: Delivery) => {
      const expected = createHmac('sha256', KEY)
        .update(`${d.id}.${d.timestamp}.${d.payload}`)
        .digest();
      const received = Buffer.from(d.headers['webhook-signature'].slice(3), 'base64');
      if (received.length !== expected.length || !timingSafeEqual(received, expected))
        throw new Error('bad');
      return JSON.parse(d.payload);
    },
    // The synchronous Node variants, like the other libraries here; the promise forms cost
    // one more microtask per call.
    'prakerja-kit verifyEnvelopeSync (no zod)': (d: Delivery) =>
      verifyEnvelopeSync({ payload: d.payload, headers: d.headers, secret: SECRET }),
    'prakerja-kit verifySync (zod-validated event)': (d: Delivery) =>
      verifySync({ payload: d.payload, headers: d.headers, secret: SECRET }),
    standardwebhooks: (d: Delivery) => standard.verify(d.payload, d.headers),
    'svix (v1)': (d: Delivery) => svix.verify(d.payload, d.svixHeaders),
    'stripe webhooks.constructEvent (own scheme)': (d: Delivery & { stripeHeader: string }) =>
      stripe.webhooks.constructEvent(d.payload, d.stripeHeader, STRIPE_SECRET),
  };
}

/**
 * Best ns/op of each case over interleaved rounds (every case once per round) after a warm-up:
 * on a shared machine the fastest round is the one least disturbed by other work.
 */
function measure(fns: Array<() => unknown>): number[] {
  for (const fn of fns) {
    const deadline = performance.now() + 100;
    while (performance.now() < deadline) fn();
  }
  const samples: number[][] = fns.map(() => []);
  for (let round = 0; round < 15; round++) {
    for (const [index, fn] of fns.entries()) {
      const iterations = 500;
      const start = process.hrtime.bigint();
      for (let count = 0; count < iterations; count++) fn();
      samples[index]!.push(Number(process.hrtime.bigint() - start) / iterations);
    }
  }
  return samples.map((times) => Math.min(...times));
}

/** Prints verify ns/op for 1 KB and 16 KB events and the verify entry's min+gzip size. */
export default async function run(): Promise<void> {
  const stripe = new Stripe('sk_test_fake_key_for_benchmarks_only');
  const entries = Object.entries(cases(stripe));
  for (const [label, size] of [
    ['1 KB', 1024],
    ['16 KB', 16 * 1024],
  ] as const) {
    const d = delivery(size);
    const stripeHeader = stripe.webhooks.generateTestHeaderString({
      payload: d.payload,
      secret: STRIPE_SECRET,
    });
    const times = measure(
      entries.map(
        ([, fn]) =>
          () =>
            fn({ ...d, stripeHeader }),
      ),
    );
    const rows: Measurement[] = entries.map(([name], index) => ({
      name,
      nsPerOp: times[index]!,
      opsPerSec: 1e9 / times[index]!,
    }));
    printTable(`webhooks: verify a ${label} event (best of 15 interleaved rounds)`, rows);
    const [raw, ours, typed, standard] = rows.map((row) => row.nsPerOp) as [
      number,
      number,
      number,
      number,
    ];
    printGoal(
      `${label} verifyEnvelopeSync ≥ 2× standardwebhooks throughput`,
      standard / ours >= 2,
      `${(standard / ours).toFixed(1)}×`,
    );
    printGoal(
      `${label} verifyEnvelopeSync within 1.3× of the raw floor`,
      ours / raw <= 1.3,
      `${(ours / raw).toFixed(2)}×`,
    );
    console.log(
      `  info: ${label} verifySync (zod-validated) is ${(standard / typed).toFixed(1)}× standardwebhooks, ${(typed / raw).toFixed(2)}× the raw floor`,
    );
  }
  // What a partner installs: the packed tarball, installed in a scratch project, bundled through
  // the exports map (bench-packed.ts). The browser platform resolves the web (WebCrypto) build.
  const { tarballs } = await packedProject();
  const verifyEntry = await bundleSize(
    "import * as verify from '@prakerja-kit/webhooks/verify';\nglobalThis.entry = verify;",
  );
  const verifyEnvelopeOnly = await bundleSize(
    "import { verifyEnvelope } from '@prakerja-kit/webhooks/verify';\nglobalThis.entry = verifyEnvelope;",
  );
  console.log(
    `\nwebhooks: the /verify entry from the installed tarball (${kb(tarballs['webhooks']!)} packed; esbuild through the exports map, minified, browser)`,
  );
  console.log(
    `  every export of @prakerja-kit/webhooks/verify: ${kb(verifyEntry.min)} min, ${kb(verifyEntry.gzip)} min+gzip; verifyEnvelope alone ${kb(verifyEnvelopeOnly.gzip)} min+gzip`,
  );
  printGoal(
    '@prakerja-kit/webhooks/verify <= 2 KB min+gzip',
    verifyEntry.gzip <= 2048,
    kb(verifyEntry.gzip),
  );
  await printColdImports('webhooks', ['@prakerja-kit/webhooks/verify']);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
