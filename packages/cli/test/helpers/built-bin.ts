import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const repoRoot = resolve(packageRoot, '../..');

/** The built `prakerja` bin that the tests run as a subprocess. */
export const BIN = join(packageRoot, 'dist/bin/prakerja.js');

function newestMtime(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh(outputs: readonly string[], sources: string[]): boolean {
  let built: number;
  try {
    built = Math.min(...outputs.map((output) => statSync(output).mtimeMs));
  } catch {
    return false;
  }
  const newest = sources.map((path) =>
    path.endsWith('.ts') ? statSync(path).mtimeMs : newestMtime(path),
  );
  return built >= Math.max(...newest);
}

const packages = join(packageRoot, '..');
const TARGETS = {
  // The bin bundles core and webhooks, so their sources count too.
  '@prakerja-kit/cli': {
    outputs: [BIN],
    sources: ['cli/src', 'core/src', 'webhooks/src', 'cli/tsup.config.ts'],
  },
  // `prakerja sandbox` loads the sandbox package from its dist, as an installed CLI would; that
  // dist imports core and webhooks from theirs, so they are built with it (`pkg...` filter).
  '@prakerja-kit/sandbox...': {
    outputs: [
      'sandbox/dist/index.js',
      'core/dist/node/index.js',
      'webhooks/dist/node/index.js',
    ].map((path) => join(packages, path)),
    sources: ['sandbox/src', 'core/src', 'webhooks/src'],
  },
};

/**
 * Builds the bin with `pnpm --filter @prakerja-kit/cli build` unless it is newer than every
 * source it bundles. A directory lock keeps parallel test files from building at once. The
 * sandbox package is built too by default: `prakerja doctor` loads the doctor from it.
 */
export async function ensureBuilt(
  names: ReadonlyArray<keyof typeof TARGETS> = ['@prakerja-kit/cli', '@prakerja-kit/sandbox...'],
): Promise<void> {
  const lock = join(packageRoot, 'node_modules/.cache/cli-build.lock');
  mkdirSync(dirname(lock), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - started > 120_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 200));
    }
  }
  try {
    for (const name of names) {
      const { outputs, sources } = TARGETS[name];
      if (
        isFresh(
          outputs,
          sources.map((path) => join(packages, path)),
        )
      )
        continue;
      execFileSync('pnpm', ['--filter', name, 'build'], { cwd: repoRoot, stdio: 'pipe' });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The outcome of one run of the bin. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built bin with arguments, environment additions and optional stdin. */
export function runBin(
  args: readonly string[],
  options: { env?: Record<string, string>; input?: string; cwd?: string } = {},
): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: options.cwd ?? packageRoot,
        env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...options.env },
        timeout: 15_000,
      },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
        if (error && code === -1) reject(error);
        else resolvePromise({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}

/** Starts the built bin as a long-running process (sandbox, webhooks listen). */
export function spawnBin(args: readonly string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, [BIN, ...args], {
    cwd: packageRoot,
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}
