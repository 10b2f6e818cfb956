/**
 * Bundle size of an app that imports only `createProviderClient`: esbuild bundle + minify (ky,
 * zod/mini and core included), then gzip. Goal: at most 15 KB. For scale it also prints core's
 * `createTransport` alone, which every client carries.
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const GOAL_BYTES = 15 * 1024;

async function measure(contents: string): Promise<{ min: number; gzip: number }> {
  const result = await build({
    stdin: { contents, resolveDir: join(import.meta.dirname, '..'), loader: 'ts' },
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
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export default async function run(): Promise<void> {
  const client = await measure(
    "import { createProviderClient } from '@prakerja-kit/provider';\nglobalThis.entry = createProviderClient;",
  );
  const floor = await measure(
    "import { createTransport } from '@prakerja-kit/core';\nglobalThis.entry = createTransport;",
  );
  const verdict = client.gzip <= GOAL_BYTES ? 'within' : 'over';
  console.log(
    `provider: createProviderClient bundle ${kb(client.min)} min, ${kb(client.gzip)} min+gzip (${verdict} the 15 KB goal; core createTransport alone: ${kb(floor.gzip)} min+gzip)`,
  );
}
