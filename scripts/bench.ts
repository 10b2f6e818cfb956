/**
 * `pnpm bench`: runs every `packages/<name>/bench/*.bench.ts` in one process and prints each
 * one's figures beside its named peers. `pnpm bench core webhooks` runs only those packages.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const files: string[] = [];
for (const name of readdirSync(join(root, 'packages')).sort()) {
  if (only.length > 0 && !only.includes(name)) continue;
  const dir = join(root, 'packages', name, 'bench');
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    continue;
  }
  for (const entry of entries.sort()) {
    if (entry.endsWith('.bench.ts')) files.push(join(dir, entry));
  }
}

console.log(
  `prakerja-kit benchmarks on Node ${process.version}, ${process.platform}/${process.arch}`,
);
let failed = false;
for (const file of files) {
  const module = (await import(pathToFileURL(file).href)) as { default: () => Promise<void> };
  try {
    await module.default();
  } catch (error) {
    failed = true;
    console.error(`bench ${file} failed:`, error);
  }
}
if (failed) process.exitCode = 1;
