import { defineConfig } from 'tsup';

// The library (ESM + CJS + d.ts) and the bin (ESM only, with a shebang).
export default defineConfig([
  {
    entry: ['src/index.ts', 'src/vitest.ts'],
    format: ['esm', 'cjs'],
    platform: 'node',
    target: 'es2022',
    dts: true,
    clean: true,
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
