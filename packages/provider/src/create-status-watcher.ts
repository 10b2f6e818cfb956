import { deriveEventId, traceAsync } from '@prakerja-kit/core/internal';
import {
  createWatcher,
  type FetchContext,
  type IdempotencyStore,
  type RateLimit,
  type WatchBackend,
  type WatchClock,
  type WatchKind,
} from '@prakerja-kit/watchers';
import type { ProviderClient } from './client.js';
import type { AssignmentsResource } from './resources/assignments.js';
import type { AttendanceResource } from './resources/attendance.js';
import { type CourseProgress, createCompletionResource } from './resources/completion.js';
import type { ProviderEvent } from './schemas/events.js';

/** A redeem code the watcher polls, with the course plan its status calls need. */
export interface WatchedRedeemCode {
  /** The participant's redeem code. */
  redeemCode: string;
  /** Attendance sequences besides the post-test. @default [1] */
  attendanceSequences?: readonly number[] | undefined;
  /** TPM sequences. @default [] */
  tpmSequences?: readonly number[] | undefined;
}

/** @deprecated Renamed {@link WatchedRedeemCode}. */
export type TrackedRedeemCode = WatchedRedeemCode;

/** Options of {@link createStatusWatcher}. */
export interface StatusWatcherOptions {
  /** The client whose status calls are polled. */
  client: ProviderClient;
  /**
   * Receives each new event, in order per redeem code. When it throws, the state is not
   * recorded and the event (same `id`) is offered again on the next poll.
   */
  onEvent: (event: ProviderEvent) => void | Promise<void>;
  /** Receives a failed status call or `onEvent` for one code (the watcher keeps going). @default ignore */
  onError?: ((error: unknown, redeemCode: string) => void) | undefined;
  /** Redeem codes to watch from the start. */
  redeemCodes?: readonly WatchedRedeemCode[] | undefined;
  /** First delay between polls of one code, in milliseconds; used again after each change. @default 60000 */
  intervalMs?: number | undefined;
  /** Longest delay: a code that keeps not changing is polled less and less often, up to this. @default 600000 */
  maxIntervalMs?: number | undefined;
  /** Multiplier applied to the delay after each poll without change. @default 2 */
  backoffFactor?: number | undefined;
  /** Redeem codes polled at once, per process (each poll makes one status call per sequence and scope). @default 4 */
  concurrency?: number | undefined;
  /**
   * Where the watched codes, their schedules and last reported states live:
   * `createMemoryBackend()` (this process) or `createBullmqBackend(…)` from
   * `@prakerja-kit/watchers/bullmq` (Redis, shared by any number of worker processes).
   * @default createMemoryBackend()
   */
  backend?: WatchBackend | undefined;
  /** Time and timers; also the `created_at` and `*_at` fields. @default the real clock */
  clock?: WatchClock | undefined;
  /** Records emitted event ids so each is emitted once across workers. @default the backend's */
  dedupe?: IdempotencyStore | undefined;
  /** Status calls allowed per window, across every worker of the backend. @default unlimited */
  rateLimit?: RateLimit | undefined;
}

/** Polls redeem-code and submission status and turns changes into events. */
export interface StatusWatcher {
  /** Starts watching a redeem code, or updates the sequences of one already watched. */
  watch(code: WatchedRedeemCode): Promise<void>;
  /** Stops watching a redeem code. */
  unwatch(redeemCode: string): Promise<void>;
  /** The watched codes. */
  list(): Promise<WatchedRedeemCode[]>;
  /**
   * Polls every watched code now, ignoring backoff, and resolves with the events emitted. With
   * a durable backend: makes every code due now (the workers poll them).
   */
  poll(): Promise<ProviderEvent[]>;
  /** Starts polling on the backoff schedule (with a durable backend, this process becomes a worker). */
  start(): void;
  /** Stops polling; resolves once the polls in flight are done and the backend is closed. */
  stop(): Promise<void>;
}

type Candidate = {
  /** Recorded in the code's state (short: no redeem code). */
  key: string;
  build: (id: string, at: string) => ProviderEvent;
};

function candidates(progress: CourseProgress): Candidate[] {
  const code = progress.redeemCode;
  const course = progress.courseCode ?? '';
  const out: Candidate[] = [];
  for (const item of [...progress.attendance, progress.postTest]) {
    if (item.error || !item.verified) continue;
    out.push({
      key: `attendance.verified|${item.sequence}`,
      build: (id, at) => ({
        id,
        type: 'attendance.verified',
        created_at: at,
        data: { redeem_code: code, course_code: course, sequence: item.sequence, verified_at: at },
      }),
    });
  }
  const assignments = [
    ...progress.tpm.map((item) => ({ scope: 'tpm' as const, item })),
    { scope: 'uk' as const, item: progress.uk },
  ];
  for (const { scope, item } of assignments) {
    if (item.error) continue;
    const base = { redeem_code: code, scope, sequence: item.sequence };
    const { assignmentStatus, assignmentState } = item;
    // Statuses outside the 0-3 table are not understood: no event is made up from them.
    if (assignmentState === 'unknown') continue;
    const status = assignmentStatus as 0 | 1 | 2 | 3;
    if (assignmentState !== 'none') {
      out.push({
        key: `assignment.submitted|${scope}|${item.sequence}|${status}`,
        build: (id, at) => ({
          id,
          type: 'assignment.submitted',
          created_at: at,
          data: { ...base, status, submitted_at: at },
        }),
      });
    }
    // Reviewed = the program's verdict on the submission, not the LP's feedback.
    if (assignmentState === 'accepted' || assignmentState === 'rejected') {
      out.push({
        key: `assignment.reviewed|${scope}|${item.sequence}|${status}`,
        build: (id, at) => ({
          id,
          type: 'assignment.reviewed',
          created_at: at,
          data: { ...base, status, reviewed_at: at },
        }),
      });
    }
  }
  if (progress.completion === 'complete') {
    out.push({
      key: 'course.completed',
      build: (id, at) => ({
        id,
        type: 'course.completed',
        created_at: at,
        data: { redeem_code: code, course_code: course, completed_at: at },
      }),
    });
  }
  return out;
}

// The event id of a candidate: unchanged from the first watcher (the redeem code between the
// event type and the rest), so ids stay stable across versions.
function eventIdInput(redeemCode: string, key: string): string {
  const [type, ...rest] = key.split('|');
  return `prakerja-kit/provider/event:${[type, redeemCode, ...rest].join('|')}`;
}

/** Status calls made through the rate gate of the poll. */
function gatedCompletion(client: ProviderClient, context: FetchContext) {
  const attendance: AttendanceResource = {
    ...client.attendance,
    retrieve: async (params, options) => {
      await context.limit();
      return client.attendance.retrieve(params, options);
    },
  };
  const assignments: AssignmentsResource = {
    ...client.assignments,
    retrieve: async (params, options) => {
      await context.limit();
      return client.assignments.retrieve(params, options);
    },
  };
  return createCompletionResource(attendance, assignments);
}

function redeemCodeKind(
  client: ProviderClient,
  onError: (error: unknown, redeemCode: string) => void,
): WatchKind<WatchedRedeemCode, CourseProgress | readonly string[], ProviderEvent> {
  return {
    name: 'redeem-code',
    key: (item) => item.redeemCode,
    async fetch(item, context) {
      const progress = await gatedCompletion(client, context).retrieve({
        redeemCode: item.redeemCode,
        attendanceSequences: item.attendanceSequences,
        tpmSequences: item.tpmSequences,
      });
      const failures = [progress.postTest, progress.uk, ...progress.attendance, ...progress.tpm]
        .map((part) => part.error)
        .filter((error) => error !== undefined);
      // The program asked to slow down: fail the poll so every worker pauses.
      const limited = failures.find((error) => (error as { status?: number }).status === 429);
      if (limited) throw limited;
      for (const error of failures) onError(error, item.redeemCode);
      return progress;
    },
    async diff({ item, previous, current, now }) {
      // The recorded state is the keys reported so far; the fetched one is a progress report.
      const reported = new Set(Array.isArray(previous) ? (previous as string[]) : []);
      const at = new Date(now).toISOString();
      const events: ProviderEvent[] = [];
      for (const candidate of candidates(current as CourseProgress)) {
        if (reported.has(candidate.key)) continue;
        reported.add(candidate.key);
        const id = await deriveEventId(eventIdInput(item.redeemCode, candidate.key));
        events.push(candidate.build(id, at));
      }
      return {
        events,
        state: [...reported].sort(),
        // A completed course cannot change any more.
        done: reported.has('course.completed'),
      };
    },
  };
}

/**
 * Creates a status watcher: it polls `payment/redeem-code/status` and `tpm/submission/status`
 * for watched redeem codes, with backoff, and emits `attendance.verified`,
 * `assignment.submitted`, `assignment.reviewed` and `course.completed` (docs/events.md). Built
 * on the watcher engine of `@prakerja-kit/watchers`: in one process by default, or shared by
 * any number of worker processes through Redis with its BullMQ backend (`backend` option).
 *
 * Modelled, not program behaviour: the program has no push events. Each event id is derived
 * from the state it reports (redeem code, scope, sequence, status), so a restarted watcher
 * re-emits a state with the same id and consumers dedupe on it; the `*_at` times are when the
 * watcher saw the state. What was reported is recorded per code (its last reported state), and
 * a code stops being polled once its course is complete.
 *
 * @example
 * const watcher = createStatusWatcher({ client, onEvent: (event) => queue.push(event) });
 * await watcher.watch({ redeemCode: 'PRAT-UJ0EEQ', attendanceSequences: [1, 2], tpmSequences: [1] });
 * watcher.start();
 */
export function createStatusWatcher(options: StatusWatcherOptions): StatusWatcher {
  const { client } = options;
  const onError = options.onError ?? (() => undefined);
  const telemetry = client.transport.telemetry;
  const watcher = createWatcher({
    kind: redeemCodeKind(client, onError),
    onEvent: options.onEvent,
    onError,
    intervalMs: options.intervalMs ?? 60_000,
    maxIntervalMs: options.maxIntervalMs ?? 600_000,
    backoffFactor: options.backoffFactor,
    concurrency: options.concurrency,
    backend: options.backend,
    clock: options.clock,
    dedupe: options.dedupe,
    rateLimit: options.rateLimit,
    // With telemetry: a `status_watcher.poll` span per code polled (the code is never named).
    instrument: telemetry
      ? ({ lagMs }, run) =>
          traceAsync(
            telemetry,
            'status_watcher.poll',
            { 'prakerja.watcher.lag_ms': lagMs },
            run,
            (events) => ({ 'prakerja.watcher.events': events.length }),
          )
      : undefined,
  });
  for (const code of options.redeemCodes ?? []) {
    // In memory this is synchronous; a durable backend reports a failure through onError.
    watcher.watch(code).catch((error: unknown) => onError(error, code.redeemCode));
  }
  return {
    watch: (code) =>
      watcher.watch({
        redeemCode: code.redeemCode,
        attendanceSequences: code.attendanceSequences && [...code.attendanceSequences],
        tpmSequences: code.tpmSequences && [...code.tpmSequences],
      }),
    unwatch: (redeemCode) => watcher.unwatch(redeemCode),
    list: async () => (await watcher.list()).map((entry) => entry.item),
    poll: () => watcher.poll(),
    start: () => watcher.start(),
    stop: () => watcher.stop(),
  };
}
