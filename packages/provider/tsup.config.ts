import { defineConfig } from 'tsup';

// One build: state tokens and event ids use WebCrypto, which Node 20+, edge runtimes and
// browsers all have; core's own node/web split is resolved when core is imported.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  target: 'es2022',
  dts: true,
  clean: true,
  sourcemap: true,
});
