// Shared by the watcher fleet test and its worker processes: the configuration handed to the
// workers, and the checks run on the sandbox's record of the status calls.
import { ProgramPath } from '@prakerja-kit/core';
import type { SandboxProgramExchange } from '@prakerja-kit/sandbox';

/** The Redis list every worker appends the events given to its `onEvent` to. */
export const EVENTS_LIST = 'watch-test:events';

/** A status-call window: at most `max` calls per `durationMs`. */
export interface RateLimit {
  max: number;
  durationMs: number;
}

/** What each worker process is told (as JSON in `WATCH_FLEET`). */
export interface FleetConfig {
  url: string;
  redisPort: number;
  dp: { clientCode: string; signKey: string };
  lp: { clientCode: string; signKey: string };
  /** The limit each role's fleet is configured with (below what the program allows). */
  rateLimit: { platform: RateLimit; provider: RateLimit };
  intervalMs: number;
  maxIntervalMs: number;
  concurrency: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
}

/** One status call as the sandbox saw it. */
export interface StatusCall {
  role: 'platform' | 'provider';
  /** The invoice or redeem code asked about. */
  key: string;
  worker: string;
  /** When the worker sent it (its `x-watch-sent-at` header). */
  sentAt: number;
  receivedAt: number;
  answeredAt: number;
  status: number;
}

const ROLE_OF_PATH: Record<string, StatusCall['role']> = {
  [ProgramPath.PAYMENT_STATUS]: 'platform',
  [ProgramPath.REDEEM_STATUS]: 'provider',
  [ProgramPath.TPM_STATUS]: 'provider',
};

/** The status call in an exchange a worker made, or undefined for anything else. */
export function statusCallOf(exchange: SandboxProgramExchange): StatusCall | undefined {
  const role = ROLE_OF_PATH[exchange.path];
  const worker = exchange.requestHeaders['x-watch-worker'];
  if (!role || !worker) return undefined;
  const body = JSON.parse(exchange.requestBody) as Record<string, unknown>;
  const key = String(body['invoice_code'] ?? body['redeem_code']);
  return {
    role,
    key,
    worker,
    sentAt: Number(exchange.requestHeaders['x-watch-sent-at']),
    receivedAt: exchange.receivedAt,
    answeredAt: exchange.answeredAt,
    status: exchange.status,
  };
}

/**
 * Pairs of status calls about the same item by two different workers whose time at the sandbox
 * (arrival to answer) overlaps: an item polled by two workers at once.
 */
export function overlappingPolls(calls: StatusCall[]): Array<[StatusCall, StatusCall]> {
  const byKey = new Map<string, StatusCall[]>();
  for (const call of calls) {
    const list = byKey.get(`${call.role} ${call.key}`) ?? [];
    list.push(call);
    byKey.set(`${call.role} ${call.key}`, list);
  }
  const overlaps: Array<[StatusCall, StatusCall]> = [];
  for (const list of byKey.values()) {
    list.sort((a, b) => a.receivedAt - b.receivedAt);
    for (let i = 0; i < list.length; i += 1) {
      for (let j = i + 1; j < list.length && list[j]!.receivedAt <= list[i]!.answeredAt; j += 1) {
        if (list[j]!.worker !== list[i]!.worker) overlaps.push([list[i]!, list[j]!]);
      }
    }
  }
  return overlaps;
}

/** The most calls that arrived at the sandbox within any window of `durationMs`. */
export function peakInWindow(times: number[], durationMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while (sorted[end]! - sorted[start]! >= durationMs) start += 1;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}
