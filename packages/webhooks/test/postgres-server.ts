import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './redis-server.js';

/** A throwaway PostgreSQL server on 127.0.0.1, for tests. CI installs Debian's `postgresql`. */
export interface PostgresServer {
  port: number;
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication, loopback only). */
  url: string;
  stop(): Promise<void>;
}

/** The directory of `initdb` and `postgres`: $PG_BIN, Debian's newest, or PATH. */
function binDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] !== undefined) return join(root, versions[0], 'bin');
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (found === '') {
    throw new Error(
      'PostgreSQL is not installed: apt-get install postgresql (or set PG_BIN) to run these tests',
    );
  }
  return found.replace(/\/initdb$/, '');
}

/** Starts a PostgreSQL server in a temp dir (as the `postgres` user when run as root). */
export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'prakerja-pg-'));
  const data = join(dir, 'data');
  // PostgreSQL refuses to run as root: run it as the `postgres` user Debian's package creates.
  let user: { uid: number; gid: number } | undefined;
  if (process.getuid?.() === 0) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout);
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout);
    chownSync(dir, uid, gid);
    user = { uid, gid };
  }
  const command = (program: string, args: string[]): [string, string[]] => [
    join(bin, program),
    args,
  ];
  const [initdb, initArgs] = command('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  const init = spawnSync(initdb, initArgs, { encoding: 'utf8', ...user });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.stderr || init.error}`);
  }
  const port = await freePort();
  const [postgres, args] = command('postgres', [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=100',
  ]);
  const child: ChildProcess = spawn(postgres, args, { stdio: 'ignore', ...user });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const probe = new pg.Client({ connectionString: url });
    try {
      await probe.connect();
      await probe.query('SELECT 1');
      await probe.end();
      break;
    } catch (error) {
      await probe.end().catch(() => {});
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill();
        rmSync(dir, { recursive: true, force: true });
        throw new Error(`postgres did not start on port ${port}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    port,
    url,
    stop: () =>
      new Promise((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        // SIGTERM: smart shutdown, once every client has disconnected; then fast shutdown.
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGINT'), 2_000).unref();
      }),
  };
}
