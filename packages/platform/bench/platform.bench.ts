import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ProgramPath } from '@prakerja-kit/core';
import type { SandboxClient, SandboxSchedule } from '@prakerja-kit/sandbox';
import { type Measurement, printGoal, printTable } from '../../../scripts/bench-harness.js';
import { bundleSize, kb, packedProject, printColdImports } from '../../../scripts/bench-packed.js';
import { createCatalogue, createPlatformClient } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const LOOKUPS = Number(process.env['PLATFORM_BENCH_LOOKUPS'] ?? 2000);
const SCHEDULES = 500;
const ROUNDS = 5;

/** Runs `total` calls of `fn` with `concurrency` in flight; returns a throughput measurement. */
async function throughput(
  name: string,
  total: number,
  concurrency: number,
  fn: () => Promise<unknown>,
): Promise<Measurement> {
  let started = 0;
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < total) {
        started++;
        await fn();
      }
    }),
  );
  const ms = performance.now() - begin;
  const nsPerOp = (ms * 1e6) / total;
  return { name, nsPerOp, opsPerSec: 1e9 / nsPerOp };
}

/** Best of `rounds` interleaved runs of each contender, so both see the same machine state. */
async function compare(
  rounds: number,
  contenders: ReadonlyArray<[string, () => Promise<Measurement>]>,
): Promise<Measurement[]> {
  const best = new Map<string, Measurement>();
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of contenders) {
      const result = await run();
      const previous = best.get(name);
      if (!previous || result.nsPerOp < previous.nsPerOp) best.set(name, result);
    }
  }
  return contenders.map(([name]) => best.get(name)!);
}

interface SandboxProcess {
  url: string;
  platform: SandboxClient;
  schedules: SandboxSchedule[];
  close(): Promise<void>;
}

/** Starts `sandbox-process.ts` in a child process (same loader flags) and reads its line. */
async function startSandboxProcess(extraSchedules: number): Promise<SandboxProcess> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, join(here, 'sandbox-process.ts'), String(extraSchedules)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`sandbox process exited with ${code}`)));
  });
  const info = JSON.parse(first) as Omit<SandboxProcess, 'close'>;
  return {
    ...info,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

/** Calls the sandbox's HTTP control plane (`/__sandbox/*`). */
async function control(url: string, method: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${url}/__sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`sandbox control ${method} ${path}: HTTP ${response.status}`);
  await response.arrayBuffer();
}

/**
 * Platform client: quota lookups through the client beside hand-signed `fetch` (concurrency 1
 * and 32), the catalogue helper beside a sequential loop, and the client's bundle size.
 */
export default async function run(): Promise<void> {
  const sandbox = await startSandboxProcess(SCHEDULES);
  // Throughput on a shared machine is only comparable under the same load: print it.
  console.log(
    `\nplatform: sandbox in a child process; load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')} on ${availableParallelism()} CPUs`,
  );
  try {
    const server = sandbox;
    const dp = sandbox.platform;
    const schedule = sandbox.schedules[0]!;
    const client = createPlatformClient({
      clientCode: dp.clientCode,
      signKey: dp.signKey,
      baseUrl: server.url,
      logLevel: 'silent',
    });
    // The same client told to send through Node's built-in fetch (undici), as on other runtimes.
    const clientOnFetch = createPlatformClient({
      clientCode: dp.clientCode,
      signKey: dp.signKey,
      baseUrl: server.url,
      logLevel: 'silent',
      fetch: globalThis.fetch,
    });
    const params = { courseCode: schedule.courseCode, scheduleCode: schedule.scheduleCode };
    const url = `${server.url}${ProgramPath.QUOTA_SCHEDULE}`;
    const byHand = async () => {
      const body = JSON.stringify({
        course_code: schedule.courseCode,
        schedule_code: schedule.scheduleCode,
      });
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = createHmac('sha1', dp.signKey)
        .update(`${dp.clientCode}${timestamp}POST${ProgramPath.QUOTA_SCHEDULE}${body}`)
        .digest('hex');
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          client_code: dp.clientCode,
          signature,
          timestamp: String(timestamp),
        },
        body,
      });
      const json = (await response.json()) as { success: boolean; data: { quota: number } };
      if (!json.success) throw new Error('hand-made quota lookup failed');
      return json.data.quota;
    };
    // The client as a DP gets it: default options (on Node, node:http with keep-alive agents).
    const viaClient = () => client.quotas.retrieve(params);
    const viaClientOnFetch = () => clientOnFetch.quotas.retrieve(params);
    await throughput('warm-up', 200, 8, byHand);
    await throughput('warm-up', 200, 8, viaClient);
    await throughput('warm-up', 200, 8, viaClientOnFetch);

    for (const concurrency of [1, 32]) {
      const total = concurrency === 1 ? Math.ceil(LOOKUPS / 4) : LOOKUPS;
      const [hand, ours, oursOnFetch] = await compare(ROUNDS, [
        [
          `hand-signed fetch, c=${concurrency}`,
          () => throughput(`hand-signed fetch, c=${concurrency}`, total, concurrency, byHand),
        ],
        [
          `client.quotas.retrieve, c=${concurrency}`,
          () =>
            throughput(`client.quotas.retrieve, c=${concurrency}`, total, concurrency, viaClient),
        ],
        [
          `client, fetch: globalThis.fetch, c=${concurrency}`,
          () =>
            throughput(
              `client, fetch: globalThis.fetch, c=${concurrency}`,
              total,
              concurrency,
              viaClientOnFetch,
            ),
        ],
      ]);
      printTable(
        `platform: ${total} quota lookups against the local sandbox, concurrency ${concurrency} (best of ${ROUNDS} interleaved rounds)`,
        [hand!, ours!, oursOnFetch!],
      );
      console.log(
        `  on Node the client sends through node:http keep-alive agents by default; told to use the built-in fetch (as on other runtimes) it reaches ${(oursOnFetch!.opsPerSec / hand!.opsPerSec).toFixed(2)}x hand-signed fetch`,
      );
      const ratio = ours!.opsPerSec / hand!.opsPerSec;
      printGoal(
        `client throughput >= 0.85x hand-made at concurrency ${concurrency}`,
        ratio >= 0.85,
        `${ratio.toFixed(2)}x`,
      );
    }

    // 500 distinct schedules held by the DP (added to the sandbox's fixtures at start), with 2 ms
    // of latency per lookup through the HTTP control plane, like a page served over a network.
    const page = sandbox.schedules.slice(-SCHEDULES).map((item) => ({
      courseCode: item.courseCode,
      scheduleCode: item.scheduleCode,
    }));
    await control(sandbox.url, 'POST', '/faults', {
      kind: 'latency',
      path: ProgramPath.QUOTA_SCHEDULE,
      latencyMs: 2,
      times: null,
    });
    const timePage = async (fn: () => Promise<unknown>) => {
      const begin = performance.now();
      await fn();
      return performance.now() - begin;
    };
    const sequentialMs = await timePage(async () => {
      for (const item of page) await client.quotas.retrieve(item);
    });
    const catalogueMs = await timePage(() =>
      createCatalogue(client, { concurrency: 16 }).withSeats(page),
    );
    const cached = createCatalogue(client, { concurrency: 16 });
    await cached.withSeats(page);
    const cachedMs = await timePage(() => cached.withSeats(page));
    await control(sandbox.url, 'DELETE', '/faults');
    console.log(
      `\nplatform: one page of ${SCHEDULES} distinct schedules enriched with live seats, 2 ms latency per lookup`,
    );
    for (const [name, ms] of [
      ['naive sequential loop over client.quotas.retrieve', sequentialMs],
      ['createCatalogue({ concurrency: 16 }).withSeats, cold', catalogueMs],
      ['the same catalogue again, seats cached (ttl 15 s)', cachedMs],
    ] as const) {
      console.log(
        `  ${name.padEnd(54)} ${ms.toFixed(0).padStart(7)} ms/page  ${(sequentialMs / ms).toFixed(1).padStart(6)}x faster`,
      );
    }
  } finally {
    await sandbox.close();
  }

  // What a DP installs: the packed tarballs, installed in a scratch project (bench-packed.ts).
  const { tarballs } = await packedProject();
  const size = await bundleSize(
    "import { createPlatformClient } from '@prakerja-kit/platform';\nglobalThis.entry = createPlatformClient;",
  );
  const floor = await bundleSize(
    "import { createTransport } from '@prakerja-kit/core';\nimport { parseParams } from '@prakerja-kit/core/internal';\nglobalThis.entry = [createTransport, parseParams];",
  );
  console.log(
    `\nplatform: bundle importing only createPlatformClient from the installed tarball (${kb(tarballs['platform']!)} packed; esbuild through the exports map, minified, browser)`,
  );
  console.log(`  ${kb(size.min)} min, ${kb(size.gzip)} min+gzip`);
  console.log(
    `  of which the core transport alone (createTransport + parseParams): ${kb(floor.gzip)} min+gzip`,
  );
  printGoal('createPlatformClient min+gzip <= 15 KB', size.gzip <= 15 * 1024, kb(size.gzip));

  const imports = await printColdImports('platform', [
    '@prakerja-kit/core',
    '@prakerja-kit/platform',
    'what-if: zod/mini as one file',
    'what-if: platform+core+zod, 1 file',
  ]);
  const ratio = imports['@prakerja-kit/platform']!.importMs / imports['stripe']!.importMs;
  printGoal(
    'cold import of @prakerja-kit/platform <= 0.7x stripe',
    ratio <= 0.7,
    `${ratio.toFixed(2)}x; zod/mini alone ${(imports['zod/mini']!.importMs / imports['stripe']!.importMs).toFixed(2)}x`,
  );
}
