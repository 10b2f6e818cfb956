/**
 * Bundle size of an app that imports only `createProviderClient`: esbuild bundle + minify (ky,
 * zod/mini and core included), then gzip. Goal: at most 15 KB. Beside it, the floors every
 * client carries: ky with the zod/mini schema kinds the SDK uses, then core's transport.
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { printGoal } from '../../../scripts/bench-harness.js';

const GOAL_BYTES = 15 * 1024;
const here = join(import.meta.dirname, '..');

async function measure(
  contents: string,
  resolveDir = here,
): Promise<{ min: number; gzip: number }> {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@prakerja-kit/source', 'browser', 'worker'],
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

export default async function run(): Promise<void> {
  const client = await measure(
    "import { createProviderClient } from '@prakerja-kit/provider';\nglobalThis.entry = createProviderClient;",
  );
  // ky and zod are core's dependencies: resolve them from there. The schema kinds are the ones
  // the provider bundle contains (object, string, number, boolean, optional, nullable, unknown,
  // custom refinements and overwrite checks).
  const libraries = await measure(
    [
      "import ky from 'ky';",
      "import * as z from 'zod/mini';",
      'globalThis.entry = [ky, z.safeParse, z.object({ a: z.string().check(z.trim()), b: z.optional(z.nullable(z.number())), c: z.boolean(), d: z.unknown(), e: z.custom(() => true) })];',
    ].join('\n'),
    join(here, '..', 'core'),
  );
  const transport = await measure(
    "import { createTransport, parseParams } from '@prakerja-kit/core';\nglobalThis.entry = [createTransport, parseParams];",
  );
  console.log(
    '\nprovider: bundle importing only createProviderClient (esbuild, minified, browser, ky + zod included)',
  );
  const rows: Array<[string, { min: number; gzip: number }]> = [
    ['ky + the zod/mini schema kinds used', libraries],
    ['+ core transport (createTransport, parseParams)', transport],
    ['+ every LP and SSO endpoint and helper: createProviderClient', client],
  ];
  for (const [name, size] of rows) {
    console.log(
      `  ${name.padEnd(62)} ${kb(size.min).padStart(9)} min ${kb(size.gzip).padStart(9)} min+gzip`,
    );
  }
  console.log(
    `  left for core and the provider under the goal: ${kb(GOAL_BYTES - libraries.gzip)}; they take ${kb(client.gzip - libraries.gzip)}`,
  );
  printGoal('min+gzip <= 15 KB', client.gzip <= GOAL_BYTES, kb(client.gzip));
}
