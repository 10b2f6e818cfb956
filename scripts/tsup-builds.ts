// The two build layouts of the published packages, shared by their tsup.config.ts files.
import { readFileSync } from 'node:fs';
import type { Options } from 'tsup';

/** package.json's version, for the `__PRAKERJA_KIT_VERSION__` define (the User-Agent). */
function packageVersion(): string {
  return (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
}

const SOURCES = ['src/**/*.ts', '!src/**/*.test.ts', '!src/**/*.test-d.ts'];

/**
 * `node` (node:crypto, node:http) and `web` (WebCrypto, globalThis.fetch) variants, the `#…`
 * imports resolved by package.json "imports" conditions (core, webhooks):
 * - dist/node: one bundled file per entry (ESM + CJS), so a cold `import` on Node reads few files.
 * - dist/web: ESM, one output file per source module (every module an entry, shared code split
 *   into chunks), for bundlers: with "sideEffects": false they drop every module an app does not
 *   import, module-level schemas included, exactly as when they bundle the TypeScript source.
 * - dist/web-cjs: the web variant bundled per entry for `require`.
 */
export function nodeAndWebBuilds(publicEntries: string[], noExternal: string[] = []): Options[] {
  const version = packageVersion();
  const variant = (name: 'node' | 'web'): Options => ({
    platform: name === 'node' ? 'node' : 'neutral',
    target: 'es2022',
    noExternal,
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
  return [
    {
      ...variant('node'),
      entry: publicEntries,
      outDir: 'dist/node',
      format: ['esm', 'cjs'],
      dts: dts('node'),
    },
    {
      ...variant('web'),
      entry: [...SOURCES, '!src/**/*.node.ts'],
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
  ];
}

/**
 * One code path for every runtime (platform, provider):
 * - dist/bundled: one file per format (ESM + CJS) and the types: what Node loads (`node` and
 *   `require` conditions), so a cold `import` reads one file.
 * - dist/modules: ESM, one output file per source module, for bundlers (as in dist/web above).
 */
export function bundledAndModuleBuilds(publicEntries: string[] = ['src/index.ts']): Options[] {
  const shared: Options = {
    target: 'es2022',
    define: { __PRAKERJA_KIT_VERSION__: JSON.stringify(packageVersion()) },
    clean: true,
    sourcemap: true,
  };
  return [
    {
      ...shared,
      entry: publicEntries,
      outDir: 'dist/bundled',
      format: ['esm', 'cjs'],
      dts: true,
    },
    { ...shared, entry: SOURCES, outDir: 'dist/modules', format: ['esm'], splitting: true },
  ];
}
