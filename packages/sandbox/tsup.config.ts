import { defineConfig } from 'tsup';

// The library (ESM + CJS + d.ts) and the bin (ESM only, with a shebang).
export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    platform: 'node',
    target: 'es2022',
    dts: true,
    clean: true,
    sourcemap: true,
  },
  // vitest itself cannot be required, so its helper is ESM only.
  {
    entry: ['src/vitest.ts'],
    format: ['esm'],
    platform: 'node',
    target: 'es2022',
    dts: true,
    sourcemap: true,
  },
  {
    entry: { 'bin/prakerja-sandbox': 'src/bin/prakerja-sandbox.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'es2022',
    banner: { js: '#!/usr/bin/env node' },
    sourcemap: true,
  },
]);
