// The two build layouts of the published packages, shared by their tsup.config.ts files.
import { readFileSync } from 'node:fs';
import type { Options } from 'tsup';

interface PackageJson {
  version: string;
  dependencies?: Record<string, string>;
}

function packageJson(): PackageJson {
  return JSON.parse(readFileSync('package.json', 'utf8')) as PackageJson;
}

/** package.json's version, for the `__PRAKERJA_KIT_VERSION__` define (the User-Agent). */
function packageVersion(): string {
  return packageJson().version;
}

/**
 * The third-party runtime dependencies (every `dependencies` entry but the `@prakerja-kit/*`
 * siblings), inlined into the builds Node loads: Node's ESM loader pays per module file (zod/mini
 * alone is ~90 files), so one file per entry with only the zod code it uses imports in
 * about half the time. Siblings stay imports (one copy of core's errors and transport per app).
 * The packages keep them as `dependencies`: the bundler builds import them (one shared,
 * tree-shaken copy in an app) and the `.d.ts` files refer to their types (zod's schema types).
 */
function inlinedOnNode(): RegExp[] {
  const names = Object.keys(packageJson().dependencies ?? {}).filter(
    (name) => !name.startsWith('@prakerja-kit/'),
  );
  const literal = (name: string) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  // The package and its subpaths (`zod/mini`, `zod/v4/core`).
  return names.map((name) => new RegExp(`^${literal(name)}(/|$)`));
}

const SOURCES = ['src/**/*.ts', '!src/**/*.test.ts', '!src/**/*.test-d.ts'];

/**
 * `node` (node:crypto, node:http) and `web` (WebCrypto, globalThis.fetch) variants, the `#…`
 * imports resolved by package.json "imports" conditions (core, webhooks):
 * - dist/node: one bundled file per entry (ESM + CJS), the third-party dependencies inlined
 *   ({@link inlinedOnNode}), so a cold `import` on Node reads few files.
 * - dist/web: ESM, one output file per source module (every module an entry, shared code split
 *   into chunks), for bundlers: with "sideEffects": false they drop every module an app does not
 *   import, module-level schemas included, exactly as when they bundle the TypeScript source.
 * - dist/web-cjs: the web variant bundled per entry for `require`.
 */
export function nodeAndWebBuilds(publicEntries: string[]): Options[] {
  const version = packageVersion();
  const variant = (name: 'node' | 'web'): Options => ({
    platform: name === 'node' ? 'node' : 'neutral',
    target: 'es2022',
    noExternal: name === 'node' ? inlinedOnNode() : [],
    define: { __PRAKERJA_KIT_VERSION__: JSON.stringify(version) },
    esbuildOptions: (options) => {
      options.conditions = name === 'node' ? ['node'] : ['worker', 'browser'];
      // The maps point at `src/` (in the tarball); the inlined dependencies' sources would only
      // make the tarball larger.
      if (name === 'node') options.sourcesContent = false;
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
 *   `require` conditions), the third-party dependencies inlined ({@link inlinedOnNode}), so a
 *   cold `import` reads one file (and core's).
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
      noExternal: inlinedOnNode(),
      esbuildOptions: (options) => {
        options.sourcesContent = false;
      },
      dts: true,
    },
    { ...shared, entry: SOURCES, outDir: 'dist/modules', format: ['esm'], splitting: true },
  ];
}
