import { deriveEventId } from '@prakerja-kit/core/internal';
import type { ProviderClient } from './client.js';
import type { CourseProgress } from './resources/completion.js';
import type { ProviderEvent } from './schemas/events.js';

/** A redeem code the watcher polls. */
export interface TrackedRedeemCode {
  redeemCode: string;
  /** Attendance sequences besides the post-test. @default [1] */
  attendanceSequences?: readonly number[] | undefined;
  /** TPM sequences. @default [] */
  tpmSequences?: readonly number[] | undefined;
}

/** Options of {@link createStatusWatcher}. */
export interface StatusWatcherOptions {
  /** The client whose status calls are polled. */
  client: ProviderClient;
  /** Receives each new event. When it throws, the event is offered again on the next poll. */
  onEvent: (event: ProviderEvent) => void | Promise<void>;
  /** Receives a poll failure for one code (the watcher keeps going). */
  onError?: ((error: unknown, redeemCode: string) => void) | undefined;
  /** Milliseconds between polls once started. @default 60000 */
  intervalMs?: number | undefined;
  /** Status calls in flight at once per code. @default 4 */
  concurrency?: number | undefined;
  /** Redeem codes to track from the start. */
  track?: readonly TrackedRedeemCode[] | undefined;
  /** Clock for `created_at` and the `*_at` fields. @default Date.now */
  now?: (() => number) | undefined;
}

/** Polls redeem-code and submission status and turns changes into events. */
export interface StatusWatcher {
  /** Starts (or updates) tracking a redeem code. */
  track(code: TrackedRedeemCode): void;
  /** Stops tracking a redeem code. */
  untrack(redeemCode: string): void;
  /** Polls every tracked code once and resolves with the events emitted by this round. */
  poll(): Promise<ProviderEvent[]>;
  /** Polls now and then every `intervalMs` until `stop()`. */
  start(): void;
  /** Stops polling; a round in progress finishes. */
  stop(): void;
}

const ignore = (): void => undefined;

type Candidate = { key: string; build: (id: string, at: string) => ProviderEvent };

function candidates(progress: CourseProgress): Candidate[] {
  const code = progress.redeemCode;
  const course = progress.courseCode ?? '';
  const out: Candidate[] = [];
  for (const item of [...progress.attendance, progress.postTest]) {
    if (item.error || !item.verified) continue;
    out.push({
      key: `attendance.verified|${code}|${item.sequence}`,
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
        key: `assignment.submitted|${code}|${scope}|${item.sequence}|${status}`,
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
        key: `assignment.reviewed|${code}|${scope}|${item.sequence}|${status}`,
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
      key: `course.completed|${code}`,
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

/**
 * Creates a status watcher: it polls `payment/redeem-code/status` and `tpm/submission/status`
 * for tracked redeem codes and emits `attendance.verified`, `assignment.submitted`,
 * `assignment.reviewed` and `course.completed` (docs/events.md).
 *
 * Modelled, not program behaviour: the program has no push events. Each event id is derived
 * from the state it reports (redeem code, scope, sequence, status), so a restarted watcher
 * re-emits a state with the same id and consumers dedupe on it; the `*_at` times are when the
 * watcher saw the state. Events already delivered are remembered in memory only.
 *
 * @example
 * const watcher = createStatusWatcher({ client, onEvent: (event) => queue.push(event) });
 * watcher.track({ redeemCode: 'PRAT-UJ0EEQ', attendanceSequences: [1, 2], tpmSequences: [1] });
 * watcher.start();
 */
export function createStatusWatcher(options: StatusWatcherOptions): StatusWatcher {
  const tracked = new Map<string, TrackedRedeemCode>();
  const delivered = new Set<string>();
  const now = options.now ?? Date.now;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let round: Promise<ProviderEvent[]> | undefined;
  for (const code of options.track ?? []) tracked.set(code.redeemCode, code);

  async function pollOnce(): Promise<ProviderEvent[]> {
    const emitted: ProviderEvent[] = [];
    for (const code of [...tracked.values()]) {
      let progress: CourseProgress;
      try {
        progress = await options.client.completion.retrieve({
          redeemCode: code.redeemCode,
          attendanceSequences: code.attendanceSequences,
          tpmSequences: code.tpmSequences,
          concurrency: options.concurrency,
        });
      } catch (error) {
        options.onError?.(error, code.redeemCode);
        continue;
      }
      for (const candidate of candidates(progress)) {
        if (delivered.has(candidate.key)) continue;
        const event = candidate.build(
          await deriveEventId(`prakerja-kit/provider/event:${candidate.key}`),
          new Date(now()).toISOString(),
        );
        try {
          await options.onEvent(event);
        } catch (error) {
          options.onError?.(error, code.redeemCode);
          continue;
        }
        delivered.add(candidate.key);
        emitted.push(event);
      }
    }
    return emitted;
  }

  // With telemetry: a `status_watcher.poll` span around each round (codes counted, never named).
  async function pollTraced(): Promise<ProviderEvent[]> {
    const telemetry = options.client.transport.telemetry;
    if (!telemetry) return pollOnce();
    const span = telemetry.startSpan('status_watcher.poll', {
      'prakerja.watcher.tracked': tracked.size,
    });
    try {
      const events = await telemetry.withSpan(span, pollOnce);
      span.setAttributes({ 'prakerja.watcher.events': events.length });
      span.end();
      return events;
    } catch (error) {
      span.end({ error });
      throw error;
    }
  }

  function poll(): Promise<ProviderEvent[]> {
    // One round at a time: a poll during a round joins it.
    round ??= pollTraced().finally(() => {
      round = undefined;
    });
    return round;
  }

  function schedule(): void {
    if (!running) return;
    timer = setTimeout(() => {
      void poll().catch(ignore).finally(schedule);
    }, options.intervalMs ?? 60_000);
  }

  return {
    track(code) {
      tracked.set(code.redeemCode, code);
    },
    untrack(redeemCode) {
      tracked.delete(redeemCode);
    },
    poll,
    start() {
      if (running) return;
      running = true;
      void poll().catch(ignore).finally(schedule);
    },
    stop() {
      running = false;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
