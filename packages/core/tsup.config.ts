import { defineConfig, type Options } from 'tsup';

// Two builds: `node` bundles the node:crypto signer (synchronous), `web` the WebCrypto one.
// `#create-signature` is resolved by the package.json "imports" conditions. ky is bundled: it
// ships only as ESM, so a CommonJS build that required it would break on every call.
const variant = (name: 'node' | 'web'): Options => ({
  entry: ['src/index.ts', 'src/signature.ts', 'src/errors.ts'],
  outDir: `dist/${name}`,
  format: ['esm', 'cjs'],
  platform: name === 'node' ? 'node' : 'neutral',
  target: 'es2022',
  noExternal: ['ky'],
  dts: { compilerOptions: { customConditions: name === 'node' ? ['node'] : ['worker'] } },
  esbuildOptions: (options) => {
    options.conditions = name === 'node' ? ['node'] : ['worker', 'browser'];
  },
  clean: true,
  sourcemap: true,
});

export default defineConfig([variant('node'), variant('web')]);
