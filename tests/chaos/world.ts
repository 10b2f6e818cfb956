import type { SandboxFixtures, SandboxParticipant } from '@prakerja-kit/sandbox';
import type {
  DpEventRecord,
  DpOutcomeRecord,
  DpPurchaseRecord,
  LpAttendanceRecord,
} from './check-invariants.js';
import type { ControlPlane } from './control-plane.js';
import type { FaultCounter } from './fault-counter.js';
import type { Random } from './random.js';

/** A redeem code handed by a participant to the LP of its course. */
export interface RedeemJob {
  redeemCode: string;
  provider: string;
  email: string;
}

/** What every simulated partner shares: the sandbox's address, time limit, and the records. */
export interface World {
  url: string;
  control: ControlPlane;
  fixtures: SandboxFixtures;
  random: Random;
  /** Wall-clock ms after which no new journey starts. */
  deadline: number;
  /** Faults injected outside the sandbox's fault table (receiver, redeliveries, skew). */
  faults: FaultCounter;
  /** Operations done by the partners (program requests per endpoint, app actions). */
  ops: FaultCounter;
  /** Eligible buyers, each behind a lock: one phone, one OTP at a time. */
  buyers: SandboxParticipant[];
  withBuyer<T>(prakerjaId: string, task: () => Promise<T>): Promise<T>;
  /** Every DP's purchase records, by `clientCode|invoiceCode`. */
  purchases: Map<string, DpPurchaseRecord>;
  /** Invoices whose outcome a DP could not learn yet: resolved after the faults stop. */
  unknownInvoices: Array<{ clientCode: string; invoiceCode: string }>;
  /** Payment events the DPs' watchers handled. */
  dpEvents: DpEventRecord[];
  /** Every definitive authorize / void answer the DPs' clients gave. */
  dpOutcomes: DpOutcomeRecord[];
  /** Redeem codes waiting for their LP. */
  redeemJobs: RedeemJob[];
  /** Rows the LPs wrote, one per verification state consumed. */
  lpAttendance: LpAttendanceRecord[];
  /** Verifications approved whose confirmation failed: confirmed again after the faults stop. */
  pendingConfirms: Array<() => Promise<void>>;
}

/** A promise-chain lock per key. */
export function createLocks(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, task) => {
    const previous = tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    tails.set(
      key,
      next.catch(() => undefined),
    );
    return next;
  };
}

/** Waits `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
