/**
 * Bundle size of an app that imports only `createProviderClient`: esbuild bundle + minify (ky,
 * zod/mini and core included), then gzip. Goal: at most 15 KB.
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const GOAL_BYTES = 15 * 1024;

export default async function run(): Promise<void> {
  const result = await build({
    stdin: {
      contents:
        "import { createProviderClient } from '@prakerja-kit/provider';\nglobalThis.client = createProviderClient;",
      resolveDir: join(import.meta.dirname, '..'),
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@prakerja-kit/source', 'browser', 'worker'],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const gzip = gzipSync(code, { level: 9 }).length;
  const verdict = gzip <= GOAL_BYTES ? 'within' : 'OVER';
  console.log(
    `provider: createProviderClient bundle ${(code.length / 1024).toFixed(1)} KB min, ${(gzip / 1024).toFixed(1)} KB min+gzip (${verdict} the 15 KB goal)`,
  );
}
