// `pnpm sandbox` and `pnpm prakerja sandbox` run the server under pnpm and a shell. Stopping them
// must stop the whole tree: Ctrl-C (SIGINT to the terminal's process group), or SIGTERM to pnpm
// alone (a process manager, an IDE's stop button), after which the port must be free.
import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const started: ChildProcess[] = [];

afterEach(() => {
  // Whatever happened, leave nothing behind: each tree runs in its own process group.
  for (const child of started.splice(0)) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** Starts `pnpm <args>` in its own process group; resolves with the port it listens on. */
async function startTree(args: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn('pnpm', args, {
    cwd: ROOT,
    detached: true, // its own process group, as a terminal gives a foreground job
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  started.push(child);
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match =
        /listening on http:\/\/127\.0\.0\.1:(\d+)|"url":"http:\/\/127\.0\.0\.1:(\d+)"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1] ?? match[2]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code} before listening:\n${output}`)));
  });
  return { child, port };
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

const TREES = [
  ['pnpm sandbox', ['sandbox', '--port', '0']],
  ['pnpm prakerja sandbox', ['prakerja', 'sandbox', '--port', '0', '--json']],
] as const;

for (const [label, args] of TREES) {
  it(`${label}: SIGTERM to pnpm alone stops the server and frees the port`, {
    timeout: 90_000,
  }, async () => {
    const { child, port } = await startTree([...args]);
    expect(await listening(port)).toBe(true);
    child.kill('SIGTERM'); // pnpm only: its shell and the server are not signalled
    expect(await until(async () => !(await listening(port)), 10_000)).toBe(true);
    expect(await until(() => !groupAlive(child.pid!), 10_000)).toBe(true);
  });

  it(`${label}: Ctrl-C (SIGINT to the process group) stops every process`, {
    timeout: 90_000,
  }, async () => {
    const { child, port } = await startTree([...args]);
    process.kill(-child.pid!, 'SIGINT');
    expect(await until(async () => !(await listening(port)), 10_000)).toBe(true);
    expect(await until(() => !groupAlive(child.pid!), 10_000)).toBe(true);
  });
}
