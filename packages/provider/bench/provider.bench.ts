/**
 * What an LP installs, measured from the packed tarballs (scripts/bench-packed.ts): the bundle of
 * an app that imports only `createProviderClient` (esbuild through the exports maps, minified,
 * browser, then gzip), beside the floor every client carries (core's
 * transport), and the cold import of the installed package beside stripe's in the same run.
 * Goals: at most 18 KB min+gzip; a cold import at most 0.7x stripe's.
 */
import { printGoal } from '../../../scripts/bench-harness.js';
import { bundleSize, kb, packedProject, printColdImports } from '../../../scripts/bench-packed.js';

const GOAL_BYTES = 18 * 1024;

export default async function run(): Promise<void> {
  const { tarballs } = await packedProject();
  const validator = await bundleSize(
    [
      "import * as z from '@prakerja-kit/core/internal/schema';",
      'globalThis.entry = [z.safeParse, z.object({ a: z.string().check(z.trim()), b: z.optional(z.nullable(z.number())), c: z.boolean(), d: z.unknown(), e: z.custom(() => true) })];',
    ].join('\n'),
  );
  const transport = await bundleSize(
    "import { createTransport } from '@prakerja-kit/core';\nimport { parseParams } from '@prakerja-kit/core/internal';\nglobalThis.entry = [createTransport, parseParams];",
  );
  const client = await bundleSize(
    "import { createProviderClient } from '@prakerja-kit/provider';\nglobalThis.entry = createProviderClient;",
  );
  console.log(
    `\nprovider: bundle importing only createProviderClient from the installed tarball (${kb(tarballs['provider']!)} packed; esbuild through the exports map, minified, browser)`,
  );
  const rows: Array<[string, { min: number; gzip: number }]> = [
    ['the validator schema kinds the clients use', validator],
    ['core transport (createTransport, parseParams)', transport],
    ['every LP and SSO endpoint and helper: createProviderClient', client],
  ];
  for (const [name, size] of rows) {
    console.log(
      `  ${name.padEnd(60)} ${kb(size.min).padStart(9)} min ${kb(size.gzip).padStart(9)} min+gzip`,
    );
  }
  console.log(
    `  the provider's own code on top of core's transport: ${kb(client.gzip - transport.gzip)}`,
  );
  printGoal('createProviderClient min+gzip <= 18 KB', client.gzip <= GOAL_BYTES, kb(client.gzip));

  const imports = await printColdImports('provider', [
    '@prakerja-kit/core',
    '@prakerja-kit/provider',
    'what-if: zod/mini as one file',
    'what-if: provider+core+zod, 1 file',
  ]);
  const ratio = imports['@prakerja-kit/provider']!.importMs / imports['stripe']!.importMs;
  printGoal(
    'cold import of @prakerja-kit/provider <= 0.7x stripe',
    ratio <= 0.7,
    `${ratio.toFixed(2)}x; zod/mini alone ${(imports['zod/mini']!.importMs / imports['stripe']!.importMs).toFixed(2)}x`,
  );
}
