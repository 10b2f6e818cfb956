import { ProgramErrorCode } from '@prakerja-kit/core';
import * as z from 'zod/mini';
import type { Engine } from './engine.js';
import { profileErrorResponse } from './profile-responses.js';
import { ControlFailure } from './program-failure.js';
import { FAULT_KINDS, FAULT_PATH, type FaultKind, type FaultRecord } from './state.js';

/** Input of a fault (control plane, in process or `POST /__sandbox/faults`). */
export const faultInputSchema = z.object({
  kind: z.enum(FAULT_KINDS),
  path: z.optional(z.string().check(z.regex(FAULT_PATH))),
  method: z.optional(z.string().check(z.regex(/^(\*|[A-Za-z]+)$/))),
  times: z.optional(z.nullable(z.int().check(z.minimum(1)))),
  probability: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
  latencyMs: z.optional(z.int().check(z.minimum(0), z.maximum(120_000))),
  status: z.optional(z.int().check(z.minimum(500), z.maximum(599))),
  retryAfterSeconds: z.optional(z.int().check(z.minimum(0), z.maximum(86_400))),
  skewSeconds: z.optional(z.int().check(z.minimum(-31_536_000), z.maximum(31_536_000))),
});

/** Input of a fault. */
export type FaultInput = z.input<typeof faultInputSchema>;

/** Validates and stores a fault. Throws a 400 {@link ControlFailure} naming the bad field. */
export function addFault(engine: Engine, input: unknown): FaultRecord {
  const result = z.safeParse(faultInputSchema, input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ControlFailure(
      `invalid fault: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}. ` +
        `kind is one of ${FAULT_KINDS.join(', ')}`,
    );
  }
  const value = result.data;
  const kind: FaultKind = value.kind;
  const fault: FaultRecord = {
    id: engine.id('flt_', 12),
    kind,
    path: value.path ?? '*',
    method: (value.method ?? '*').toUpperCase(),
    // Clock skew lasts until removed; other faults default to one request.
    remaining: kind === 'clock-skew' ? null : value.times === undefined ? 1 : value.times,
    probability: value.probability ?? 1,
    // latency: added delay; late-commit: how long the request is held before it commits.
    latencyMs: value.latencyMs ?? (kind === 'latency' ? 1000 : kind === 'late-commit' ? 3000 : 0),
    status: value.status ?? 503,
    retryAfterSeconds: value.retryAfterSeconds ?? 1,
    skewSeconds: value.skewSeconds ?? 0,
    hits: 0,
  };
  engine.state.faults.push(fault);
  return fault;
}

function matches(fault: FaultRecord, method: string, path: string): boolean {
  if (fault.remaining === 0) return false;
  if (fault.method !== '*' && fault.method !== method) return false;
  if (fault.path === '*') return true;
  if (fault.path.endsWith('*')) return path.startsWith(fault.path.slice(0, -1));
  return fault.path === path;
}

/** Seconds added to the sandbox's view of wall time by active clock-skew faults. */
export function skewSeconds(engine: Engine): number {
  return engine.state.faults
    .filter((fault) => fault.kind === 'clock-skew')
    .reduce((sum, fault) => sum + fault.skewSeconds, 0);
}

/** What the faults decided for one program request. */
export interface FaultPlan {
  latencyMs: number;
  response: Response | null;
  dropBefore: boolean;
  dropAfterCommit: boolean;
  /** Hold the request this long, then commit it and drop the connection (`late-commit`). */
  lateCommitMs: number;
}

/** Consumes the faults matching a program request, in the order they were added. */
export function planFaults(engine: Engine, method: string, path: string): FaultPlan {
  const plan: FaultPlan = {
    latencyMs: 0,
    response: null,
    dropBefore: false,
    dropAfterCommit: false,
    lateCommitMs: 0,
  };
  let terminal = false;
  for (const fault of engine.state.faults) {
    if (fault.kind === 'clock-skew' || !matches(fault, method, path)) continue;
    const isTerminal = fault.kind !== 'latency';
    if (isTerminal && terminal) continue;
    if (fault.probability < 1 && engine.random.next() >= fault.probability) continue;
    if (fault.remaining !== null) fault.remaining -= 1;
    fault.hits += 1;
    if (fault.kind === 'latency') plan.latencyMs += fault.latencyMs;
    if (fault.kind === 'error') {
      plan.response = profileErrorResponse(engine, ProgramErrorCode.INTERNAL);
      plan.response = new Response(plan.response.body, {
        status: fault.status,
        headers: plan.response.headers,
      });
    }
    if (fault.kind === 'rate-limit') {
      plan.response = profileErrorResponse(engine, ProgramErrorCode.RATE_LIMITED, {
        'retry-after': String(fault.retryAfterSeconds),
      });
    }
    if (fault.kind === 'drop-before') plan.dropBefore = true;
    if (fault.kind === 'drop-after-commit') plan.dropAfterCommit = true;
    if (fault.kind === 'late-commit') plan.lateCommitMs = fault.latencyMs;
    terminal ||= isTerminal;
  }
  return plan;
}

/** Removes one fault; 404 when unknown. */
export function removeFault(engine: Engine, id: string): void {
  const index = engine.state.faults.findIndex((fault) => fault.id === id);
  if (index === -1) throw new ControlFailure(`no fault with id "${id}"`, 404);
  engine.state.faults.splice(index, 1);
}
