import type { SandboxFixtures } from '../sandbox-fixtures.js';
import type { ProfileSwitches } from '../sandbox-profile-switches.js';
import { Alphabet, type Random, randomFrom } from './random.js';
import type { SandboxEvent, SandboxState } from './state.js';

/** Options after defaults, shared by every part of the state machine. */
export interface EngineOptions {
  seed: number;
  /** Explicit tolerance; undefined follows the profile's `timestampTolerance` switch. */
  timestampToleranceSeconds: number | undefined;
  redeemWindowMinutes: number;
  paymentTokenTtlSeconds: number;
  ssoTokenTtlSeconds: number;
  maxBodyBytes: number;
  webhookRetryDelaysMs: number[];
  webhookTimeoutMs: number;
  incentiveAmount: number;
  /** Sees every program answer the sandbox sends (the OpenAPI contract check hooks in here). */
  onProgramResponse: ((exchange: SandboxProgramExchange) => void) | undefined;
}

/** One program request and the answer the sandbox sent, for the `onProgramResponse` sandbox option. */
export interface SandboxProgramExchange {
  method: string;
  /** The request path, e.g. `/api/v1/integration/payment/status`. */
  path: string;
  /** The request body as sent (may be empty). */
  requestBody: string;
  status: number;
  /** The response body text. */
  responseBody: string;
  /** True when an injected fault produced the answer (faults are off-contract by design). */
  fault: boolean;
  /** Wall time (ms) the request arrived, before any injected latency. */
  receivedAt: number;
  /** Wall time (ms) the answer was ready to send. */
  answeredAt: number;
  /** The request headers (names lower-case), e.g. to tell apart clients sharing credentials. */
  requestHeaders: Record<string, string>;
}

type Listener<T> = (value: T) => void;

/**
 * The one state machine behind both fronts: state, the sandbox clock, the seeded random source
 * and the event bus. Domain rules live in `payments.ts`, `attendance.ts`, ... as functions of it.
 */
export class Engine {
  state: SandboxState;
  readonly options: EngineOptions;
  readonly wall: () => number;
  private readonly eventListeners = new Set<Listener<SandboxEvent>>();
  private readonly clockListeners = new Set<Listener<number>>();
  private readonly changeListeners = new Set<Listener<void>>();

  constructor(state: SandboxState, options: EngineOptions, wall: () => number = Date.now) {
    this.state = state;
    this.options = options;
    this.wall = wall;
  }

  get fixtures(): SandboxFixtures {
    return this.state.fixtures;
  }

  /** The switches of the active profile. */
  get profile(): ProfileSwitches {
    return this.state.profile.switches;
  }

  get random(): Random {
    return randomFrom(this.state);
  }

  /** Sandbox time in ms: wall time plus time travel. */
  now(): number {
    return this.wall() + this.state.clockOffsetMs;
  }

  /** Sandbox time as ISO-8601. */
  isoNow(): string {
    return new Date(this.now()).toISOString();
  }

  /** Moves sandbox time forward by `ms` (never backwards). */
  advance(ms: number): void {
    this.state.clockOffsetMs += Math.max(0, ms);
    this.notifyClock();
  }

  /** Sets sandbox time (may go backwards, for replaying scenarios). */
  setTime(ms: number): void {
    this.state.clockOffsetMs = ms - this.wall();
    this.notifyClock();
  }

  /** Replaces the whole state (reset, load). */
  replaceState(state: SandboxState): void {
    this.state = state;
    this.notifyClock();
    this.changed();
  }

  /** A unique id: prefix + seeded characters. */
  id(prefix: string, length = 26, alphabet: string = Alphabet.CROCKFORD): string {
    return prefix + this.random.string(length, alphabet);
  }

  /** Records an event of the SDK's event model and tells the deliverer. */
  emit(type: string, data: Record<string, unknown>, id: string = this.id('evt_')): SandboxEvent {
    const event: SandboxEvent = { id, type, created_at: this.isoNow(), data };
    this.state.events.push(event);
    for (const listener of this.eventListeners) listener(event);
    return event;
  }

  /** Marks the state as changed (for the state file). */
  changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  onEvent(listener: Listener<SandboxEvent>): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onClock(listener: Listener<number>): () => void {
    this.clockListeners.add(listener);
    return () => this.clockListeners.delete(listener);
  }

  onChange(listener: Listener<void>): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private notifyClock(): void {
    const now = this.now();
    for (const listener of this.clockListeners) listener(now);
  }
}
