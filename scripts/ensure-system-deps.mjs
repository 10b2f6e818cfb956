#!/usr/bin/env node
// Some tests need real system programs: redis-server (the webhooks Redis store), PostgreSQL
// (the webhooks PostgreSQL store: initdb and postgres, which the tests start themselves) and Chromium
// (the verification-page and checkout browser tests). On a fresh Debian machine, as root, this
// installs them with apt-get; elsewhere it says what to install and stops. CHROMIUM_PATH points the
// browser tests at another Chromium build (tests/support/chromium.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const missing = [];
if (!has('redis-server')) missing.push('redis-server');
const hasPostgres =
  process.env.PG_BIN !== undefined ||
  has('initdb') ||
  (existsSync('/usr/lib/postgresql') &&
    readdirSync('/usr/lib/postgresql').some((v) =>
      existsSync(`/usr/lib/postgresql/${v}/bin/initdb`),
    ));
if (!hasPostgres) missing.push('postgresql');
if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) missing.push('chromium');
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !has('apt-get')) {
  console.error(
    `Tests need these system packages: ${missing.join(', ')}.\n` +
      `Install them (Debian/Ubuntu: sudo apt-get install -y ${missing.join(' ')}) and run the tests again.`,
  );
  process.exit(1);
}
console.error(`Installing system packages for the tests: ${missing.join(', ')} ...`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env,
});
