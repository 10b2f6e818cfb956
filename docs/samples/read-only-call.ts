import { createTransport, ProgramPath, type TransportOptions } from '@prakerja-kit/core';
import * as z from 'zod/mini';

const quotaSchema = z.object({ quota: z.number() });

/**
 * A read-only call through the signed transport: retried on connection errors, timeouts,
 * 408, 429 and 5xx with jittered exponential backoff (every attempt is signed afresh).
 */
export async function seatsLeft(
  courseCode: string,
  scheduleCode: string,
  options: TransportOptions = {}, // credentials come from PRAKERJA_* when not passed
): Promise<number> {
  const transport = createTransport({
    maxRetries: 3,
    retry: { baseDelayMs: 250, maxDelayMs: 4_000 },
    hooks: { onRetry: (event) => retries.push(`${event.path}: ${event.reason}`) },
    ...options,
  });
  const { data } = await transport.request({
    method: 'POST', // every integration endpoint is POST, even the read-only ones
    path: ProgramPath.QUOTA_SCHEDULE,
    body: { course_code: courseCode, schedule_code: scheduleCode },
    readOnly: true, // safe to repeat: nothing changes on the program side
    data: quotaSchema,
  });
  return data.quota;
}

/** Retries seen, for your metrics. */
export const retries: string[] = [];
