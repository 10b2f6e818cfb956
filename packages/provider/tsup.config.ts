import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

// One code path for every runtime (state tokens and event ids use WebCrypto, which Node 20+, edge
// runtimes and browsers all have; core's own node/web split is resolved when core is imported).
//
// - dist/bundled: one file per format (ESM + CJS) and the types: what Node loads (`node` and
//   `require` conditions), so a cold `import` reads one file.
// - dist/modules: ESM, one output file per source module (every module an entry, shared code split
//   into chunks), for bundlers: with "sideEffects": false they drop every module an app does not
//   import, module-level schemas included, exactly as when they bundle the TypeScript source.
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const shared: Options = {
  target: 'es2022',
  define: { __PRAKERJA_KIT_VERSION__: JSON.stringify(version) },
  clean: true,
  sourcemap: true,
};

export default defineConfig([
  { ...shared, entry: ['src/index.ts'], outDir: 'dist/bundled', format: ['esm', 'cjs'], dts: true },
  {
    ...shared,
    entry: ['src/**/*.ts', '!src/**/*.test.ts', '!src/**/*.test-d.ts'],
    outDir: 'dist/modules',
    format: ['esm'],
    splitting: true,
  },
]);
