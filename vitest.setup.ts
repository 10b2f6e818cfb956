import { afterEach, beforeEach, vi } from 'vitest';

// Tests fail on stray console output (STYLE.md). A test that expects output spies on the
// console itself, which replaces this spy for that test.
const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
let stray: string[] = [];

beforeEach(() => {
  stray = [];
  for (const method of methods) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      stray.push(`console.${method}: ${args.map(String).join(' ').slice(0, 300)}`);
    });
  }
});

afterEach(() => {
  const lines = stray;
  stray = [];
  for (const method of methods) {
    const spy = console[method] as unknown as { mockRestore?: () => void };
    spy.mockRestore?.();
  }
  if (lines.length > 0) throw new Error(`unexpected console output:\n${lines.join('\n')}`);
});
