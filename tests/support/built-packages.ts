import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
// The lock packages/cli/test/helpers/built-bin.ts takes around its builds (which include core
// and webhooks): one builder at a time, since tsup empties dist/ before writing it.
const LOCK = join(root, 'packages/cli/node_modules/.cache/cli-build.lock');
const OUTPUTS = ['dist/node/index.js', 'dist/node/node.js', 'dist/web/index.js'];

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function builtAfterSources(name: string): boolean {
  const dir = join(root, 'packages', name);
  try {
    const built = Math.min(...OUTPUTS.map((output) => statSync(join(dir, output)).mtimeMs));
    return built >= newest(join(dir, 'src'));
  } catch {
    return false;
  }
}

/**
 * Builds `@prakerja-kit/core` and `@prakerja-kit/webhooks` (each only when its dist is missing
 * or older than its sources, as packages/webhooks/test/export-conditions.test.ts checks), for
 * tests of an app that imports the built package the way partners do.
 */
export async function ensureWebhooksBuilt(): Promise<void> {
  mkdirSync(dirname(LOCK), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() - started > 120_000) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((done) => setTimeout(done, 200));
    }
  }
  try {
    for (const name of ['core', 'webhooks']) {
      if (builtAfterSources(name)) continue;
      execFileSync('pnpm', ['--filter', `@prakerja-kit/${name}`, 'build'], {
        cwd: root,
        stdio: 'pipe',
        timeout: 240_000,
      });
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
