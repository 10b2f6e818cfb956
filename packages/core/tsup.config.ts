import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

// `node` (node:crypto signer, node:http fetch) and `web` (WebCrypto, globalThis.fetch) variants;
// `#create-signature` and `#default-fetch` are resolved by the package.json "imports" conditions.
// ky is bundled: it ships only as ESM, so a CommonJS build that required it would break.
//
// - dist/node: one bundled file per entry (ESM + CJS), so a cold `import` on Node reads few files.
// - dist/web: ESM, one output file per source module (every module an entry, shared code split
//   into chunks), for bundlers: with "sideEffects": false they drop every module an app does not
//   import, module-level schemas included, exactly as when they bundle the TypeScript source.
// - dist/web-cjs: the web variant bundled per entry for `require`.
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const publicEntries = ['src/index.ts', 'src/signature.ts', 'src/errors.ts'];

const variant = (name: 'node' | 'web'): Options => ({
  platform: name === 'node' ? 'node' : 'neutral',
  target: 'es2022',
  noExternal: ['ky'],
  define: { __PRAKERJA_KIT_VERSION__: JSON.stringify(version) },
  esbuildOptions: (options) => {
    options.conditions = name === 'node' ? ['node'] : ['worker', 'browser'];
  },
  clean: true,
  sourcemap: true,
});
const dts = (name: 'node' | 'web') => ({
  entry: publicEntries,
  compilerOptions: { customConditions: name === 'node' ? ['node'] : ['worker'] },
});

export default defineConfig([
  {
    ...variant('node'),
    entry: publicEntries,
    outDir: 'dist/node',
    format: ['esm', 'cjs'],
    dts: dts('node'),
  },
  {
    ...variant('web'),
    entry: ['src/**/*.ts', '!src/**/*.test.ts', '!src/**/*.test-d.ts', '!src/**/*.node.ts'],
    outDir: 'dist/web',
    format: ['esm'],
    splitting: true,
    dts: dts('web'),
  },
  {
    ...variant('web'),
    entry: publicEntries,
    outDir: 'dist/web-cjs',
    format: ['cjs'],
    dts: dts('web'),
  },
]);
