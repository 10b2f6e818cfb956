import type { Output } from '../internal/output.js';
import { controlRequest, type DeliveryRecord } from '../internal/sandbox-client.js';

/** Bytes of a receiver's response body shown per attempt (as the sandbox's delivery log keeps). */
export const SHOWN_BODY_BYTES = 2048;

/** What a receiver answered to one attempt, as the CLI prints it. */
export interface AttemptAnswer {
  /** The response body (first 2 KB), or null when there was no answer. */
  body: string | null;
  /** True when the body was longer than what is shown. */
  truncated: boolean;
}

/**
 * The failed check of a refused delivery: `@prakerja-kit/webhooks` answers a refusal with a JSON
 * `{ error, check }` (e.g. `signature`, `timestamp`, `payload`). Null for any other body.
 */
export function failedCheck(body: string | null): { check: string; error: string } | null {
  if (body === null) return null;
  try {
    const json = JSON.parse(body) as unknown;
    if (typeof json !== 'object' || json === null) return null;
    const { check, error } = json as { check?: unknown; error?: unknown };
    if (typeof check !== 'string' || check === '') return null;
    return { check, error: typeof error === 'string' ? error : '' };
  } catch {
    return null;
  }
}

// A receiver's bytes go to a terminal: control characters (ANSI escapes…) are shown, not run.
const isControl = (code: number) =>
  (code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f);

/** The text with every control character (but tab and newline) written as `\\uXXXX`. */
function visible(text: string): string {
  let shown = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    shown += isControl(code) ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  return shown;
}

/** Prints the receiver's answer under an attempt line: its body and, if any, the failed check. */
export function printAnswer(out: Output, answer: AttemptAnswer): void {
  if (answer.body === null) return;
  const refused = failedCheck(answer.body);
  if (refused) {
    out.line(`  ${out.style('red', 'failed check:')} ${refused.check}`);
  }
  if (answer.body.trim() === '') {
    out.line(`  ${out.style('dim', 'response body: (empty)')}`);
    return;
  }
  const shown = visible(answer.body).trimEnd();
  const suffix = answer.truncated ? ` ${out.style('dim', '… (first 2 KB)')}` : '';
  const [first, ...rest] = shown.split('\n');
  out.line(`  ${out.style('dim', 'response body:')} ${first}${rest.length === 0 ? suffix : ''}`);
  rest.forEach((text, index) => {
    out.line(`    ${text}${index === rest.length - 1 ? suffix : ''}`);
  });
}

/** Polls one delivery of the sandbox's log until it has more than `attemptsBefore` attempts. */
export async function waitForAttempt(
  base: string,
  id: string,
  attemptsBefore: number,
  timeoutMs: number,
): Promise<DeliveryRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const delivery = await controlRequest<DeliveryRecord>(
      base,
      'GET',
      `/deliveries/${encodeURIComponent(id)}`,
    );
    if (delivery.attempts.length > attemptsBefore || Date.now() > deadline) return delivery;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The latest attempt of a delivery, flattened for `--json` output. */
export function attemptSummary(delivery: DeliveryRecord) {
  const attempt = delivery.attempts.at(-1);
  const body = attempt?.responseBody ?? null;
  return {
    statusCode: attempt?.statusCode ?? null,
    durationMs: attempt?.durationMs ?? null,
    error: attempt?.error ?? null,
    responseBody: body,
    responseBodyTruncated: attempt?.responseBodyTruncated ?? false,
    check: failedCheck(body)?.check ?? null,
  };
}
