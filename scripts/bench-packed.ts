/**
 * What a user installs, measured: the published packages are packed (`pnpm pack`, after a build
 * when `dist` is missing or older than `src`), installed with npm into a scratch project in a
 * temporary directory (their dependencies from the registry, as a user gets them), then
 *
 * - bundled with esbuild through the packages' exports maps (minified, browser platform, ESM,
 *   gzip -9): `bundleSize("import { x } from '@prakerja-kit/platform'")`;
 * - imported cold: a fresh `node` per sample runs `await import(specifier)` and reports how long
 *   it took; samples of every specifier are interleaved so they share the machine's state.
 *
 * Shared by every package's bench: the project is packed and installed once per `pnpm bench`.
 */
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
/** The packages a bench measures (the sandbox and the CLI are not bundled into apps). */
const PACKAGES = ['core', 'platform', 'provider', 'watchers', 'webhooks'];

export interface PackedProject {
  /** The scratch project: its node_modules holds the installed tarballs. */
  dir: string;
  /** Size of each tarball in bytes, by package folder name. */
  tarballs: Record<string, number>;
}

function newest(dir: string, skip: (name: string) => boolean = () => false): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path, skip) : statSync(path).mtimeMs);
  }
  return latest;
}

function isStale(pkg: string): boolean {
  const dir = join(root, 'packages', pkg);
  let built = 0;
  try {
    built = newest(join(dir, 'dist'));
  } catch {
    return true;
  }
  const sources = Math.max(
    newest(join(dir, 'src'), (name) => /\.test(-d)?\.ts$/.test(name)),
    statSync(join(dir, 'package.json')).mtimeMs,
    statSync(join(dir, 'tsup.config.ts')).mtimeMs,
  );
  return sources > built;
}

let project: Promise<PackedProject> | undefined;

/** Packs and installs the packages once per process; removed when the process exits. */
export function packedProject(): Promise<PackedProject> {
  project ??= (async () => {
    const run = (command: string, args: string[], cwd: string) =>
      execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    // core first: the others' builds do not read its dist, but keep the order of `pnpm build`.
    for (const pkg of PACKAGES) {
      if (!isStale(pkg)) continue;
      console.log(`  (building @prakerja-kit/${pkg}: dist is missing or older than src)`);
      run('pnpm', ['build'], join(root, 'packages', pkg));
    }
    const work = mkdtempSync(join(tmpdir(), 'prakerja-bench-'));
    process.once('exit', () => rmSync(work, { recursive: true, force: true }));
    const tarballs: Record<string, number> = {};
    const files: string[] = [];
    for (const pkg of PACKAGES) {
      const output = run('pnpm', ['pack', '--pack-destination', work], join(root, 'packages', pkg));
      const file = output.trim().split('\n').at(-1)!.trim();
      files.push(file);
      tarballs[pkg] = statSync(file).size;
    }
    const dir = join(work, 'app');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'app', private: true, type: 'module' }),
    );
    // stripe is the peer the cold-import goal is measured against: the workspace's version.
    const stripe = (
      JSON.parse(
        readFileSync(
          join(root, 'packages', 'webhooks', 'node_modules', 'stripe', 'package.json'),
          'utf8',
        ),
      ) as { version: string }
    ).version;
    // zod is no dependency of the clients any more; installed as the reference row of the
    // cold-import table (the workspace's version).
    const zod = (
      JSON.parse(readFileSync(join(root, 'node_modules', 'zod', 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        ...files,
        `stripe@${stripe}`,
        `zod@${zod}`,
      ],
      dir,
    );
    // What-if files for the cold-import table: the same code as one file each (esbuild, Node
    // platform, every dependency inlined), to show what loading many modules costs on Node.
    for (const [file, specifier] of Object.entries(WHAT_IF)) {
      await build({
        stdin: { contents: `export * from '${specifier}';`, resolveDir: dir, loader: 'js' },
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        outfile: join(dir, file),
        logLevel: 'silent',
      });
    }
    return { dir, tarballs };
  })();
  return project;
}

export interface BundleSize {
  min: number;
  gzip: number;
}

/** esbuild bundle of `code` in the scratch project: minified, browser, ESM; then gzip -9. */
export async function bundleSize(code: string): Promise<BundleSize> {
  const { dir } = await packedProject();
  const result = await build({
    stdin: { contents: code, resolveDir: dir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const out = result.outputFiles[0]!.contents;
  return { min: out.length, gzip: gzipSync(out, { level: 9 }).length };
}

/** Bytes as KB with two decimals. */
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;

export const COLD_IMPORT_SAMPLES = 8;

/** Everything the benches report a cold import for; measured together, interleaved. */
export const COLD_IMPORTS: Record<string, string | null> = {
  'bare node (no import)': null,
  'zod/mini': 'zod/mini',
  stripe: 'stripe',
  '@prakerja-kit/core': '@prakerja-kit/core',
  '@prakerja-kit/platform': '@prakerja-kit/platform',
  '@prakerja-kit/provider': '@prakerja-kit/provider',
  '@prakerja-kit/webhooks/verify': '@prakerja-kit/webhooks/verify',
  'what-if: zod/mini as one file': './what-if-zod-mini.mjs',
  'what-if: platform+core+zod, 1 file': './what-if-platform.mjs',
  'what-if: provider+core+zod, 1 file': './what-if-provider.mjs',
};

/** One-file what-if bundles written into the scratch project (file name: what it inlines). */
const WHAT_IF: Record<string, string> = {
  'what-if-zod-mini.mjs': 'zod/mini',
  'what-if-platform.mjs': '@prakerja-kit/platform',
  'what-if-provider.mjs': '@prakerja-kit/provider',
};

export interface ColdImport {
  /** Median milliseconds `await import()` took in a fresh node. */
  importMs: number;
  /** Median wall-clock milliseconds of the whole `node` process. */
  processMs: number;
}

let coldImportRuns: Promise<Record<string, ColdImport>> | undefined;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * Median of {@link COLD_IMPORT_SAMPLES} fresh `node` processes per specifier, interleaved (one
 * of each per round, in a rotated order), of the time `await import(specifier)` takes and of the whole process.
 */
export function coldImports(): Promise<Record<string, ColdImport>> {
  coldImportRuns ??= (async () => {
    const { dir } = await packedProject();
    const samples = new Map<string, { importMs: number[]; processMs: number[] }>();
    for (let round = 0; round < COLD_IMPORT_SAMPLES + 1; round++) {
      // Rotated each round, so no specifier always runs right after the same other one.
      const order = Object.entries(COLD_IMPORTS);
      const rotated = [
        ...order.slice(round % order.length),
        ...order.slice(0, round % order.length),
      ];
      for (const [label, specifier] of rotated) {
        const script =
          specifier === null
            ? 'console.log(0)'
            : `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t)`;
        const start = performance.now();
        const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
          cwd: dir,
          encoding: 'utf8',
          env: { PATH: process.env['PATH'] ?? '' },
        });
        const processMs = performance.now() - start;
        if (round === 0) continue; // warms the file system cache
        const entry = samples.get(label) ?? { importMs: [], processMs: [] };
        entry.importMs.push(Number(output.trim()));
        entry.processMs.push(processMs);
        samples.set(label, entry);
      }
    }
    return Object.fromEntries(
      [...samples].map(([label, entry]) => [
        label,
        { importMs: median(entry.importMs), processMs: median(entry.processMs) },
      ]),
    );
  })();
  return coldImportRuns;
}

/** Prints the cold-import table for `labels` beside stripe and bare node. */
export async function printColdImports(
  title: string,
  labels: string[],
): Promise<Record<string, ColdImport>> {
  const results = await coldImports();
  console.log(
    `\n${title}: cold import of the installed package (fresh node ${process.version}, median of ${COLD_IMPORT_SAMPLES}, interleaved)`,
  );
  const bare = results['bare node (no import)']!;
  const stripe = results['stripe']!;
  for (const label of ['bare node (no import)', 'zod/mini', 'stripe', ...labels]) {
    const row = results[label]!;
    console.log(
      `  ${label.padEnd(40)} ${row.importMs.toFixed(1).padStart(7)} ms import  ${row.processMs.toFixed(0).padStart(5)} ms process (+${(row.processMs - bare.processMs).toFixed(0)} over bare)  ${label === 'bare node (no import)' ? '' : `${(row.importMs / stripe.importMs).toFixed(2)}x stripe`}`,
    );
  }
  return results;
}
