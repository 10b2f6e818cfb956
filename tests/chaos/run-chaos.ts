import { ProgramPath } from '@prakerja-kit/core';
import {
  createSandbox,
  type FaultInput,
  type FaultRecord,
  type SandboxParticipant,
  type SandboxState,
} from '@prakerja-kit/sandbox';
import { checkInvariants, type InvariantResult } from './check-invariants.js';
import { createControlPlane } from './control-plane.js';
import { createCounter } from './fault-counter.js';
import { startPaymentPartner } from './payment-partner.js';
import { type PlatformPartner, resolveUnknowns, runPlatformPartner } from './platform-partner.js';
import { runProviderPartner } from './provider-partner.js';
import { createRandom } from './random.js';
import { createLocks, sleep, type World } from './world.js';

/** Options of {@link runChaos}. */
export interface ChaosOptions {
  seed: number;
  /** Seconds during which new journeys start. */
  durationSeconds: number;
  /** Output lines. */
  write: (line: string) => void;
}

/** What a run found. */
export interface ChaosReport {
  invariants: InvariantResult[];
  held: boolean;
}

/**
 * How long a late commit holds its request: longer than the chaos clients' 5 s timeout, so the
 * client has given up (and reconciled) before the program commits.
 */
const LATE_COMMIT_MS = 5_500;

/** Program faults active for the whole run, decided by the sandbox's seeded random. */
const FAULTS: ReadonlyArray<FaultInput & { name: string }> = [
  { name: 'latency 40-250 ms', kind: 'latency', latencyMs: 40, probability: 0.25 },
  { name: 'latency 250 ms', kind: 'latency', latencyMs: 250, probability: 0.05 },
  { name: '500', kind: 'error', status: 500, probability: 0.03 },
  { name: '503', kind: 'error', status: 503, probability: 0.03 },
  { name: '429 Retry-After 1', kind: 'rate-limit', retryAfterSeconds: 1, probability: 0.02 },
  { name: '429 Retry-After 0', kind: 'rate-limit', retryAfterSeconds: 0, probability: 0.03 },
  { name: 'drop before', kind: 'drop-before', probability: 0.04 },
  { name: 'drop after commit', kind: 'drop-after-commit', probability: 0.04 },
  {
    name: 'drop after commit on authorize',
    kind: 'drop-after-commit',
    path: ProgramPath.AUTHORIZE,
    probability: 0.1,
  },
  {
    name: `late commit on authorize (held ${LATE_COMMIT_MS} ms, past the client's timeout)`,
    kind: 'late-commit',
    path: ProgramPath.AUTHORIZE,
    latencyMs: LATE_COMMIT_MS,
    probability: 0.05,
  },
  {
    name: `late commit on void (held ${LATE_COMMIT_MS} ms)`,
    kind: 'late-commit',
    path: ProgramPath.VOID,
    latencyMs: LATE_COMMIT_MS,
    probability: 0.05,
  },
  {
    name: 'drop after commit on void',
    kind: 'drop-after-commit',
    path: ProgramPath.VOID,
    probability: 0.15,
  },
];

/** Extra eligible buyers added through `PUT /__sandbox/state`, so partners contend for seats. */
function addBuyers(state: SandboxState, count: number, seed: number): SandboxParticipant[] {
  const template = state.fixtures.participants[0]!;
  const random = createRandom(seed ^ 0xb0b);
  const added: SandboxParticipant[] = [];
  for (let index = 0; index < count; index++) {
    const prakerjaId = `97${String(random.int(0, 99_999_999)).padStart(8, '0')}${String(index).padStart(6, '0')}`;
    added.push({
      ...template,
      prakerjaId: prakerjaId,
      name: `Peserta Chaos ${index + 1}`,
      email: `peserta.${index + 1}@mail.example`,
      phone: `+62812${String(index).padStart(7, '0')}`,
      description: 'chaos buyer',
    });
    state.balances[prakerjaId] = template.balance;
  }
  state.fixtures.participants.push(...added);
  return [template, ...added];
}

/** Extra DPs added through `PUT /__sandbox/state` (fake credentials, like the seeded ones). */
function addPlatforms(state: SandboxState, count: number): void {
  const template = state.fixtures.platforms[0]!;
  for (let index = 0; index < count; index++) {
    const n = String(state.fixtures.platforms.length + 1).padStart(2, '0');
    state.fixtures.platforms.push({
      ...template,
      clientCode: `dp-chaos-${n}`,
      signKey: `sk_chaos_fake_${n}_not_a_real_key`,
      name: `Chaos DP ${n}`,
    });
  }
}

/** Runs the chaos scenario against a sandbox server and checks the invariants. */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const { write, seed } = options;
  const started = Date.now();
  const sandbox = createSandbox({
    seed,
    webhooks: { retryDelaysMs: [100, 200, 400, 800, 1600, 3200], timeoutMs: 5_000 },
  });
  const server = await sandbox.listen({ port: 0 });
  const control = createControlPlane(server.url);
  const random = createRandom(seed);
  const faults = createCounter();
  const state = await control.get<SandboxState>('/state');
  const buyers = addBuyers(state, 20, seed);
  addPlatforms(state, 2);
  await control.put('/state', state);

  const partner = await startPaymentPartner({ instances: 3, random, faults });
  await control.post('/webhooks', {
    url: partner.url,
    secret: partner.secret,
    events: ['incentive.disbursement_requested', 'incentive.disbursement_cancelled'],
  });
  const installed: Array<{ name: string; record: FaultRecord }> = [];
  for (const { name, ...input } of FAULTS) {
    installed.push({
      name,
      record: await control.post<FaultRecord>('/faults', { ...input, times: null }),
    });
  }

  const fixtures = state.fixtures;
  const world: World = {
    url: server.url,
    control,
    fixtures,
    random,
    deadline: started + options.durationSeconds * 1000,
    faults,
    ops: createCounter(),
    buyers,
    withBuyer: createLocks(),
    purchases: new Map(),
    unknownInvoices: [],
    dpEvents: [],
    dpOutcomes: [],
    redeemJobs: [],
    lpAttendance: [],
    pendingConfirms: [],
  };
  write(
    `chaos: seed ${seed}, ${options.durationSeconds} s, sandbox ${server.url}, ` +
      `${fixtures.platforms.length} DPs × 3 workers, ${fixtures.providers.length} LPs × 3 workers, ` +
      `payment partner × 3 instances, ${buyers.length} buyers`,
  );

  const chaosMonkey = async () => {
    // Clock skew for the middle of the run: the server's clock jumps 400 s ahead, then back.
    await sleep(options.durationSeconds * 300);
    const skew = await control.post<FaultRecord>('/faults', {
      kind: 'clock-skew',
      skewSeconds: 400,
    });
    faults.count('sandbox: clock skew +400 s (window)');
    await sleep(options.durationSeconds * 250);
    await control.delete(`/faults/${skew.id}`);
  };
  const redeliverer = async () => {
    while (Date.now() < world.deadline) {
      await sleep(random.int(100, 400));
      const done = await control.get<Array<{ id: string }>>('/deliveries?status=succeeded');
      if (done.length === 0) continue;
      await control.post(`/deliveries/${random.pick(done).id}/redeliver`);
      faults.count('sandbox: old delivery redelivered (duplicate, out of order)');
    }
  };

  const platformPartners = new Map<string, PlatformPartner>();
  await Promise.all([
    chaosMonkey(),
    redeliverer(),
    ...fixtures.platforms.map(async (dp) =>
      platformPartners.set(dp.clientCode, await runPlatformPartner(world, dp, 3)),
    ),
    ...fixtures.providers.map((lp) => runProviderPartner(world, lp, 3)),
  ]);

  // The faults stop; every partner finishes what it could not learn under them.
  const hits = await control.get<FaultRecord[]>('/faults');
  await control.delete('/faults');
  partner.calm();
  // Requests held by a late commit when the faults stopped still commit: let them land first.
  await sleep(LATE_COMMIT_MS + 500);
  await resolveUnknowns(world, platformPartners);
  for (const confirm of world.pendingConfirms) await confirm();
  for (let round = 0; round < 100; round++) {
    await sandbox.control.deliveries.settle();
    const open = await control.get<Array<{ id: string; status: string }>>('/deliveries');
    const failed = open.filter((item) => item.status === 'failed');
    if (failed.length === 0 && open.every((item) => item.status === 'succeeded')) break;
    for (const item of failed) await control.post(`/deliveries/${item.id}/redeliver`);
    await sleep(100);
  }

  const quotas: Record<string, number> = {};
  const reader = platformPartners.values().next().value!.client;
  for (const schedule of fixtures.schedules) {
    const quota = await reader.quotas.retrieve({
      courseCode: schedule.courseCode,
      scheduleCode: schedule.scheduleCode,
    });
    quotas[schedule.scheduleCode] = quota.quota;
  }
  const invariants = checkInvariants({
    state: await control.get<SandboxState>('/state'),
    quotas,
    dpPurchases: [...world.purchases.values()],
    dpEvents: world.dpEvents,
    dpOutcomes: world.dpOutcomes,
    lpAttendance: world.lpAttendance,
    incentiveHandled: partner.handled,
    payouts: partner.payouts,
  });
  await sandbox.close();
  await partner.close();

  const ops = world.ops.entries();
  const requests = ops.filter(([name]) => name.startsWith('request '));
  write('');
  write(`operations: ${requests.reduce((sum, [, n]) => sum + n, 0)} program requests (attempts)`);
  for (const [name, n] of requests) write(`  ${String(n).padStart(6)}  ${name.slice(8)}`);
  write('partner actions:');
  for (const [name, n] of ops.filter(([name]) => !name.startsWith('request '))) {
    write(`  ${String(n).padStart(6)}  ${name}`);
  }
  write('faults injected:');
  for (const { name, record } of installed) {
    const hit = hits.find((item) => item.id === record.id)?.hits ?? 0;
    write(`  ${String(hit).padStart(6)}  sandbox: ${name}`);
  }
  for (const [name, n] of faults.entries()) write(`  ${String(n).padStart(6)}  ${name}`);
  write('invariants:');
  for (const item of invariants) {
    write(`  ${item.held ? 'held    ' : 'VIOLATED'}  ${item.name}: ${item.detail}`);
  }
  const held = invariants.every((item) => item.held);
  write(
    `\nchaos: ${held ? 'every invariant held' : 'INVARIANT VIOLATED'} in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed})`,
  );
  return { invariants, held };
}
