import { describe, expect, it } from 'vitest';
import { traceAsync } from './trace-async.js';
import type { OperationSpan, Telemetry } from './types.js';

function recorder() {
  const calls: unknown[][] = [];
  const span = {
    context: {},
    setAttributes: (attributes) => calls.push(['setAttributes', attributes]),
    end: (result) => calls.push(['end', result]),
  } as OperationSpan;
  const telemetry = {
    startSpan: (name: string, attributes: unknown) => {
      calls.push(['start', name, attributes]);
      return span;
    },
    withSpan: <T>(active: OperationSpan, fn: () => T) => {
      calls.push(['within', active === span]);
      return fn();
    },
  } as unknown as Telemetry;
  return { calls, telemetry };
}

describe('traceAsync', () => {
  it('runs inside the span, adds the result attributes and ends it', async () => {
    const { calls, telemetry } = recorder();
    const result = await traceAsync(
      telemetry,
      'x.poll',
      { 'a.b': 1 },
      async () => [1, 2, 3],
      (events) => ({ 'x.events': events.length }),
    );
    expect(result).toEqual([1, 2, 3]);
    expect(calls).toEqual([
      ['start', 'x.poll', { 'a.b': 1 }],
      ['within', true],
      ['setAttributes', { 'x.events': 3 }],
      ['end', undefined],
    ]);
  });

  it('ends the span with the error and rethrows it', async () => {
    const { calls, telemetry } = recorder();
    const error = new Error('lookup failed');
    await expect(traceAsync(telemetry, 'x.poll', {}, () => Promise.reject(error))).rejects.toBe(
      error,
    );
    expect(calls.at(-1)).toEqual(['end', { error }]);
    expect(calls.some(([kind]) => kind === 'setAttributes')).toBe(false);
  });
});
