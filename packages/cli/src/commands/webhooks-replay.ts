import { ExitCode } from '../exit-code.js';
import { usageError } from '../internal/cli-error.js';
import type { Command } from '../internal/command.js';
import { integerFlag, parseFlags } from '../internal/parse-flags.js';
import { controlRequest, type DeliveryRecord, sandboxUrl } from '../internal/sandbox-client.js';
import { attemptSummary, printAnswer, waitForAttempt } from './webhooks-response.js';

const usage = `Usage: prakerja webhooks replay ID [--no-wait] [--json]

Re-delivers from the sandbox's delivery log, keeping the event id (receivers must dedupe), and
prints each receiver's answer: status, the first 2 KB of the response body and, when the
receiver refused the delivery with { error, check }, the failed check.

  ID               a delivery id (dlv_…), or an event id (evt_…): every delivery of that event
  --no-wait        return once queued instead of waiting for the attempt's outcome
  --timeout SECS   how long to wait for the outcome (default 15)
  --sandbox URL    the sandbox (default $PRAKERJA_SANDBOX_URL, $PRAKERJA_BASE_URL,
                   http://127.0.0.1:4010)

Exit codes: 0 delivered (2xx) or queued with --no-wait, 1 the receiver did not answer 2xx,
2 unknown id, 4 sandbox unreachable.`;

/** `prakerja webhooks replay`: re-delivers one delivery (or every delivery of an event). */
export const webhooksReplayCommand: Command = {
  summary: 're-deliver from the sandbox log',
  usage,
  async run(args, { io, out }) {
    const { values, positionals } = parseFlags(args, {
      sandbox: { type: 'string' },
      'no-wait': { type: 'boolean' },
      timeout: { type: 'string' },
    });
    const [id, extra] = positionals;
    if (id === undefined)
      throw usageError('missing ID: a delivery id (dlv_…) or an event id (evt_…)');
    if (extra !== undefined) throw usageError(`unexpected argument "${extra}"`);
    const base = sandboxUrl(values.sandbox, io.env);
    const timeoutMs = (integerFlag(values.timeout, 'timeout') ?? 15) * 1000;
    let ids: string[];
    if (id.startsWith('evt_')) {
      const deliveries = await controlRequest<DeliveryRecord[]>(
        base,
        'GET',
        `/deliveries?eventId=${encodeURIComponent(id)}`,
      );
      if (deliveries.length === 0)
        throw usageError(`no delivery of event ${id} in the sandbox log`);
      ids = deliveries.map((delivery) => delivery.id);
    } else {
      ids = [id];
    }
    const before = new Map<string, number>();
    for (const each of ids) {
      const queued = await controlRequest<DeliveryRecord>(
        base,
        'POST',
        `/deliveries/${encodeURIComponent(each)}/redeliver`,
      );
      before.set(each, queued.attempts.length);
      out.progress(`queued ${queued.id} (${queued.eventType} ${queued.eventId}) → ${queued.url}`);
    }
    if (values['no-wait']) {
      out.result({ ok: true, queued: ids });
      out.line(`queued ${ids.join(', ')}`);
      return ExitCode.OK;
    }
    out.progress('waiting for the outcome…');
    const outcomes = await Promise.all(
      ids.map((each) => waitForAttempt(base, each, before.get(each) ?? 0, timeoutMs)),
    );
    const ok = outcomes.every((outcome) => outcome.status === 'succeeded');
    out.result({
      ok,
      deliveries: outcomes.map((outcome) => ({ ...outcome, latest: attemptSummary(outcome) })),
    });
    for (const outcome of outcomes) {
      const attempt = outcome.attempts.at(-1);
      const result = attempt?.statusCode ?? attempt?.error ?? 'no attempt yet';
      const mark =
        outcome.status === 'succeeded'
          ? out.style('green', String(result))
          : out.style('red', String(result));
      const time = attempt ? ` (${attempt.durationMs} ms)` : '';
      out.line(
        `${outcome.id} ${outcome.eventType} ${outcome.eventId} → ${outcome.url} ${mark}${time}`,
      );
      if (attempt) {
        printAnswer(out, { body: attempt.responseBody, truncated: attempt.responseBodyTruncated });
      }
    }
    return ok ? ExitCode.OK : ExitCode.CHECK_FAILED;
  },
};
