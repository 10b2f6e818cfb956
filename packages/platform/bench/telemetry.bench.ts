// Client overhead of OpenTelemetry: quota lookups at concurrency 32 against the local sandbox
// (in its own process), with the `telemetry` option off and on, in many interleaved rounds.
// Two figures per round, each compared within the round (every side sees the same machine load
// and the same sandbox): wall-clock throughput, and this process's CPU time per call
// (process.cpuUsage). The goal lines use the medians of the per-round ratios: the overhead at
// concurrency 32 is the throughput ratio (issue 19's goal); the CPU goal is the SDK's own share,
// on versus the floor below, since what OpenTelemetry charges for the required spans and
// histogram is not the SDK's to remove (printed beside it).
//
// The OpenTelemetry SDK is set up as an application would: a BasicTracerProvider with a
// BatchSpanProcessor (its exporter drops the batches: what an exporter does with spans is not
// the SDK's cost) and a MeterProvider whose reader collects nothing during the run (a periodic
// reader's default interval is 60 s). No context manager or propagator is registered: with the
// Node SDK's AsyncLocalStorage context manager and W3C propagator each call would also pay for
// `context.active()` and a `traceparent` injection.
//
// A third side, "OpenTelemetry floor", measures what the required instrumentation costs inside
// OpenTelemetry alone: the un-instrumented client wrapped in two bare spans (the operation and
// its attempt, with the same attributes) and one histogram record (same attributes), with none
// of the SDK's own telemetry code. It is the least any instrumentation with the spans and
// metrics issue 19 requires can cost; "on" minus "floor" is the SDK's own share.
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as otel from '@opentelemetry/api';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { openTelemetry } from '@prakerja-kit/core/telemetry';
import type { SandboxClient, SandboxSchedule } from '@prakerja-kit/sandbox';
import { type Measurement, printGoal, printTable } from '../../../scripts/bench-harness.js';
import { createPlatformClient } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const LOOKUPS = Number(process.env['TELEMETRY_BENCH_LOOKUPS'] ?? 1000);
const CONCURRENCY = 32;
const ROUNDS = Number(process.env['TELEMETRY_BENCH_ROUNDS'] ?? 48);
const GOAL = 0.05;
/** Every order of the three sides (off, on, floor); ROUNDS is best a multiple of 6. */
const ORDERS = [
  [0, 1, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
  [1, 0, 2],
  [0, 2, 1],
] as const;

// Spans are batched and dropped: what an exporter does with them is not the SDK's cost.
class DiscardingExporter implements SpanExporter {
  exported = 0;
  export(spans: ReadableSpan[], done: (result: { code: number }) => void): void {
    this.exported += spans.length;
    done({ code: 0 });
  }
  async shutdown(): Promise<void> {}
}

class IdleReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

async function startSandboxProcess() {
  const child = spawn(
    process.execPath,
    [...process.execArgv, join(here, 'sandbox-process.ts'), '0'],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`sandbox process exited with ${code}`)));
  });
  const info = JSON.parse(first) as {
    url: string;
    platform: SandboxClient;
    schedules: SandboxSchedule[];
  };
  return {
    ...info,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** `total` calls of `fn`, `concurrency` in flight: wall time and this process's CPU time. */
async function throughput(name: string, total: number, fn: () => Promise<unknown>) {
  let started = 0;
  const cpuBefore = process.cpuUsage();
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (started < total) {
        started++;
        await fn();
      }
    }),
  );
  const ms = performance.now() - begin;
  const cpu = process.cpuUsage(cpuBefore);
  const nsPerOp = (ms * 1e6) / total;
  return {
    measurement: { name, nsPerOp, opsPerSec: 1e9 / nsPerOp } as Measurement,
    cpuUsPerOp: (cpu.user + cpu.system) / total,
  };
}

export default async function run(): Promise<void> {
  const sandbox = await startSandboxProcess();
  console.log(
    `\ntelemetry: sandbox in a child process; load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')} on ${availableParallelism()} CPUs`,
  );
  const exporter = new DiscardingExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new BatchSpanProcessor(exporter, { maxQueueSize: 8192 })],
  });
  const meterProvider = new MeterProvider({ readers: [new IdleReader()] });
  try {
    const dp = sandbox.platform;
    const schedule = sandbox.schedules[0]!;
    const base = {
      clientCode: dp.clientCode,
      signKey: dp.signKey,
      baseUrl: sandbox.url,
      logLevel: 'silent' as const,
    };
    const plain = createPlatformClient(base);
    const traced = createPlatformClient({
      ...base,
      telemetry: openTelemetry(otel, {
        tracer: tracerProvider.getTracer('bench'),
        meter: meterProvider.getMeter('bench'),
      }),
    });
    const params = { courseCode: schedule.courseCode, scheduleCode: schedule.scheduleCode };
    const floorTracer = tracerProvider.getTracer('bench-floor');
    const floorHistogram = meterProvider.getMeter('bench-floor').createHistogram('floor.duration');
    const url = new URL(sandbox.url);
    const path = '/api/v1/integration/payment/quota-schedule';
    const operationAttributes = { 'prakerja.endpoint': path };
    const attemptAttributes = {
      'prakerja.endpoint': path,
      'http.request.method': 'POST',
      'server.address': url.hostname,
      'server.port': Number(url.port),
      'url.path': path,
    };
    const metricAttributes = {
      'prakerja.endpoint': path,
      'http.request.method': 'POST',
      'http.response.status_code': 200,
    };
    // Two bare spans and one histogram record around an un-instrumented call.
    const floor = async () => {
      const parent = otel.context.active();
      const operation = floorTracer.startSpan(
        'prakerja.request',
        { attributes: operationAttributes },
        parent,
      );
      const attempt = floorTracer.startSpan(
        `POST ${path}`,
        { kind: otel.SpanKind.CLIENT, attributes: attemptAttributes },
        otel.trace.setSpan(parent, operation),
      );
      const startedAt = performance.now();
      const result = await plain.quotas.retrieve(params);
      attempt.setAttribute('http.response.status_code', 200);
      floorHistogram.record((performance.now() - startedAt) / 1000, metricAttributes);
      attempt.end();
      operation.setStatus({ code: otel.SpanStatusCode.OK });
      operation.end();
      return result;
    };
    const contenders: Array<[string, () => Promise<unknown>]> = [
      ['telemetry off', () => plain.quotas.retrieve(params)],
      ['telemetry on (spans + metrics)', () => traced.quotas.retrieve(params)],
      ['OpenTelemetry floor (bare spans + histogram)', floor],
    ];
    // Warm-up, then interleaved rounds cycling through every order of the three sides, so each
    // side runs first, second and last equally often (and after each other side).
    for (const [name, fn] of contenders) await throughput(name, 300, fn);
    const samples = new Map<string, { wall: number[]; cpu: number[] }>(
      contenders.map(([name]) => [name, { wall: [], cpu: [] }]),
    );
    const wallRatios: number[] = [];
    const cpuRatios: number[] = [];
    const floorCpuRatios: number[] = [];
    const ownCpuRatios: number[] = [];
    const [offName, onName, floorName] = contenders.map(([name]) => name) as [
      string,
      string,
      string,
    ];
    for (let round = 0; round < ROUNDS; round++) {
      const ordered = ORDERS[round % ORDERS.length]!.map((index) => contenders[index]!);
      const results = new Map<string, { measurement: Measurement; cpuUsPerOp: number }>();
      for (const [name, fn] of ordered) {
        const result = await throughput(name, LOOKUPS, fn);
        results.set(name, result);
        samples.get(name)!.wall.push(result.measurement.nsPerOp);
        samples.get(name)!.cpu.push(result.cpuUsPerOp);
      }
      const off = results.get(offName)!;
      const on = results.get(onName)!;
      wallRatios.push(on.measurement.nsPerOp / off.measurement.nsPerOp);
      cpuRatios.push(on.cpuUsPerOp / off.cpuUsPerOp);
      floorCpuRatios.push(results.get(floorName)!.cpuUsPerOp / off.cpuUsPerOp);
      ownCpuRatios.push(on.cpuUsPerOp / results.get(floorName)!.cpuUsPerOp);
    }
    const row = (name: string): Measurement => {
      const nsPerOp = median(samples.get(name)!.wall);
      return { name, nsPerOp, opsPerSec: 1e9 / nsPerOp };
    };
    printTable(
      `telemetry: ${LOOKUPS} quota lookups per side per round against the local sandbox, concurrency ${CONCURRENCY}, ${ROUNDS} interleaved A/B rounds (medians)`,
      [row(offName), row(onName), row(floorName)],
    );
    const cpuOff = median(samples.get(offName)!.cpu);
    const cpuOn = median(samples.get(onName)!.cpu);
    const cpuFloor = median(samples.get(floorName)!.cpu);
    console.log(
      `  client CPU per call (process.cpuUsage): ${cpuOff.toFixed(1)} µs off, ${cpuOn.toFixed(1)} µs on (+${(cpuOn - cpuOff).toFixed(1)} µs), ${cpuFloor.toFixed(1)} µs OpenTelemetry floor (+${(cpuFloor - cpuOff).toFixed(1)} µs)`,
    );
    await tracerProvider.forceFlush();
    console.log(
      `  spans exported: ${exporter.exported} (2 per lookup: the call and its attempt; the floor's too)`,
    );
    const spread = (ratios: number[]) => {
      const sorted = [...ratios].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
      return `median ${median(ratios).toFixed(3)}, quartiles ${at(0.25).toFixed(2)}–${at(0.75).toFixed(2)}, range ${sorted[0]!.toFixed(2)}–${sorted.at(-1)!.toFixed(2)}`;
    };
    console.log(`  on/off per round, wall clock: ${spread(wallRatios)}`);
    console.log(`  on/off per round, client CPU: ${spread(cpuRatios)}`);
    console.log(`  floor/off per round, client CPU: ${spread(floorCpuRatios)}`);
    const wallOverhead = median(wallRatios) - 1;
    const cpuOverhead = median(cpuRatios) - 1;
    const ownShare = median(ownCpuRatios) - 1;
    printGoal(
      `tracing overhead <= 5% at concurrency ${CONCURRENCY}, wall-clock throughput`,
      wallOverhead <= GOAL,
      `${(wallOverhead * 100).toFixed(1)}%, median of ${ROUNDS} per-round ratios; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} CPUs`,
    );
    printGoal(
      "the SDK's own tracing code <= 5% client CPU per call above OpenTelemetry's floor",
      ownShare <= GOAL,
      `${(ownShare * 100).toFixed(1)}%, median of ${ROUNDS} per-round on/floor ratios`,
    );
    console.log(
      `  info: client CPU per call with tracing on is ${(cpuOverhead * 100).toFixed(1)}% above off (median of per-round ratios); OpenTelemetry's floor alone ${((median(floorCpuRatios) - 1) * 100).toFixed(1)}%: what the required spans and histogram cost inside OpenTelemetry`,
    );
  } finally {
    await tracerProvider.shutdown();
    await meterProvider.shutdown();
    await sandbox.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
