import { createProviderClient, type ProviderClient } from '@prakerja-kit/provider';
import type { SandboxClient } from '@prakerja-kit/sandbox';
import { ControlPlaneError } from './control-plane.js';
import { clientOptions, isRefusal } from './platform-partner.js';
import type { RedeemJob, World } from './world.js';
import { sleep } from './world.js';

/** The LP's attendance callback; a loopback registration matches any port. */
const REDIRECT_URI = 'http://127.0.0.1/prakerja/callback';
/** Redeem (1), one session (2) and the post-test (999). */
const SEQUENCES = [1, 2, 999] as const;

/** One LP: workers take redeem codes of its courses and run attendance and assignments. */
export async function runProviderPartner(world: World, lp: SandboxClient, workers: number) {
  const client = createProviderClient({
    ...clientOptions(world),
    clientCode: lp.clientCode,
    signKey: lp.signKey,
    redirectUri: REDIRECT_URI,
    stateSecret: `chaos-state-secret-${lp.clientCode}-not-for-production`,
  });
  async function worker() {
    // Journeys already started finish after the deadline, so the end state is complete.
    for (;;) {
      const index = world.redeemJobs.findIndex((job) => job.provider === lp.clientCode);
      if (index === -1) {
        if (Date.now() >= world.deadline) return;
        await sleep(20);
        continue;
      }
      const job = world.redeemJobs.splice(index, 1)[0]!;
      world.ops.count('LP journey started');
      if (await learn(world, client, job)) world.ops.count('LP journey completed');
    }
  }
  await Promise.all(Array.from({ length: workers }, worker));
}

async function learn(world: World, client: ProviderClient, job: RedeemJob): Promise<boolean> {
  for (const sequence of SEQUENCES) {
    if (!(await attend(world, client, job, sequence))) return false;
  }
  if (!(await submitAndGrade(world, client, job, 'tpm', 1))) return false;
  return submitAndGrade(world, client, job, 'uk', 999);
}

/** One face check: URL, the participant's approval, the confirmation by signed status. */
async function attend(world: World, client: ProviderClient, job: RedeemJob, sequence: number) {
  for (let attempt = 1; attempt <= 4; attempt++) {
    world.ops.count('LP url-generate');
    let started: Awaited<ReturnType<ProviderClient['attendance']['createVerificationUrl']>>;
    try {
      started = await client.attendance.createVerificationUrl({
        redeemCode: job.redeemCode,
        sequence,
        email: job.email,
      });
    } catch (error) {
      if (isRefusal(error)) {
        world.ops.count(`LP url-generate refused ${error.code}`);
        return false;
      }
      continue;
    }
    const programState = started.programState ?? new URL(started.url).searchParams.get('state')!;
    let redirectUrl: string;
    try {
      ({ redirectUrl } = await world.control.post<{ redirectUrl: string }>(
        `/verifications/${programState}/approve`,
      ));
    } catch (error) {
      // 409: the code was voided meanwhile.
      if (error instanceof ControlPlaneError && error.status === 409) {
        world.ops.count('LP face check refused (code voided)');
        return false;
      }
      throw error;
    }
    // The browser comes back; now and then twice (a refresh): one row per state, whatever.
    const refresh = world.random.chance(0.1);
    if (refresh) world.faults.count('LP: browser return delivered twice');
    let recorded = false;
    const confirm = async (): Promise<'verified' | 'not_verified' | 'failed'> => {
      try {
        const confirmed = await client.attendance.confirm({
          state: started.state,
          returnUrl: redirectUrl,
          email: job.email,
          redeemCode: job.redeemCode,
        });
        if (confirmed.outcome !== 'verified') {
          world.ops.count(`LP confirm refused: ${confirmed.reason}`);
          return 'not_verified';
        }
        if (!recorded) {
          recorded = true;
          world.lpAttendance.push({ redeemCode: job.redeemCode, sequence });
        }
        return 'verified';
      } catch (error) {
        // The code was voided meanwhile: its status is refused (SBX_RDM40003), nothing to record.
        if (isRefusal(error) && error.code === 'SBX_RDM40003') {
          world.ops.count('LP confirm refused: code voided');
          return 'not_verified';
        }
        world.ops.count(`LP confirm failed: ${(error as Error).name}`);
        return 'failed';
      }
    };
    world.ops.count('LP confirm');
    const outcomes = await Promise.all((refresh ? [1, 2] : [1]).map(confirm));
    if (outcomes.includes('verified')) return true;
    if (outcomes.includes('not_verified')) return false;
    // The status call failed through every retry: confirm again once the faults are gone.
    world.pendingConfirms.push(async () => {
      if ((await confirm()) === 'failed') {
        throw new Error(`confirm of ${job.redeemCode} sequence ${sequence} failed without faults`);
      }
    });
    return false;
  }
  return false;
}

/** Submits and grades one assignment; an ambiguous failure is checked by status, not re-sent. */
async function submitAndGrade(
  world: World,
  client: ProviderClient,
  job: RedeemJob,
  scope: 'tpm' | 'uk',
  sequence: number,
): Promise<boolean> {
  const { redeemCode } = job;
  const look = async () => {
    try {
      return await client.assignments.retrieve({ redeemCode, scope, sequence });
    } catch {
      return undefined;
    }
  };
  for (let attempt = 1; ; attempt++) {
    if (attempt > 4) return false;
    world.ops.count('LP submit');
    try {
      await client.assignments.submit({
        redeemCode,
        scope,
        sequence,
        urlFile: `https://lms.example/uploads/${redeemCode}/${scope}-${sequence}.pdf`,
      });
      break;
    } catch (error) {
      if (isRefusal(error)) return false;
      if (((await look())?.assignmentStatus ?? 0) !== 0) break;
    }
  }
  for (let attempt = 1; attempt <= 4; attempt++) {
    world.ops.count('LP review');
    try {
      await client.assignments.review({ redeemCode, scope, sequence, notes: 'Sesuai rubrik.' });
      return true;
    } catch (error) {
      if (isRefusal(error)) return false;
      // Feedback is not idempotent (program-api.md §8): look before grading again.
      if (((await look())?.feedbackStatus ?? 0) !== 0) return true;
    }
  }
  return false;
}
