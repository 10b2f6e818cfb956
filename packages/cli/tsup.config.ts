import { defineConfig, type Options } from 'tsup';

// core and webhooks (dev dependencies) are bundled, so the built `prakerja` runs exactly the signers
// it was tested with and builds without the other packages built first. The sandbox stays an
// external dependency, loaded only by `prakerja sandbox`. Sources via the workspace condition.
const shared: Options = {
  platform: 'node',
  target: 'node20',
  noExternal: [/^@prakerja-kit\/(core|webhooks)(\/|$)/],
  esbuildOptions: (options) => {
    options.conditions = ['@prakerja-kit/source', 'node'];
  },
  sourcemap: true,
};

export default defineConfig([
  { ...shared, entry: ['src/index.ts'], format: ['esm', 'cjs'], dts: true, clean: true },
  { ...shared, entry: { 'bin/prakerja': 'src/bin/prakerja.ts' }, format: ['esm'] },
]);
