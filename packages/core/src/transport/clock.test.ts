import { describe, expect, it, vi } from 'vitest';
import { createClock } from './clock.js';

const logger = () => ({ debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() });
const NOW = Date.parse('2026-11-24T07:00:00Z');

describe('createClock', () => {
  it('measures the offset from the Date header and warns once past the threshold', () => {
    const log = logger();
    const clock = createClock({ now: () => NOW }, log);
    clock.observe(new Date(NOW + 600_000).toUTCString(), NOW - 100, NOW + 100);
    clock.observe(new Date(NOW + 600_000).toUTCString(), NOW, NOW);
    expect(clock.offsetSeconds).toBe(600);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn.mock.calls[0]![1]).toMatchObject({
      offsetSeconds: 600,
      fix: expect.stringContaining('correctSkew'),
    });
    expect(clock.timestamp()).toBe(NOW / 1000);
  });

  it('corrects signed timestamps only when asked, ignoring sub-2-second noise', () => {
    const clock = createClock({ now: () => NOW, correctSkew: true }, logger());
    clock.observe(new Date(NOW - 1000).toUTCString(), NOW, NOW);
    expect(clock.timestamp()).toBe(NOW / 1000);
    clock.observe(new Date(NOW - 90_000).toUTCString(), NOW, NOW);
    expect(clock.timestamp()).toBe(NOW / 1000 - 90);
  });

  it('ignores a missing or unparseable Date header', () => {
    const clock = createClock({ now: () => NOW }, logger());
    clock.observe(null, NOW, NOW);
    clock.observe('not a date', NOW, NOW);
    expect(clock.offsetSeconds).toBe(0);
    expect(clock.nowMs()).toBe(NOW);
  });
});
