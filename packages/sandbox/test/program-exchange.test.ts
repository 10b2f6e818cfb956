import { ProgramPath } from '@prakerja-kit/core';
import { expect, it } from 'vitest';
import { createSandbox, type SandboxProgramExchange } from '../src/index.js';

it('each program exchange carries its arrival and answer times and the request headers', async () => {
  const exchanges: SandboxProgramExchange[] = [];
  const sandbox = createSandbox({ seed: 3, onProgramResponse: (item) => exchanges.push(item) });
  sandbox.control.faults.add({ kind: 'latency', path: ProgramPath.PAYMENT_STATUS, latencyMs: 60 });
  const server = await sandbox.listen({ port: 0 });
  try {
    const before = Date.now();
    const response = await fetch(`${server.url}${ProgramPath.PAYMENT_STATUS}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-watch-worker': 'w1' },
      body: JSON.stringify({ invoice_code: 'INV-1' }),
    });
    await response.text();
    const after = Date.now();
    const [exchange] = exchanges;
    expect(exchange?.path).toBe(ProgramPath.PAYMENT_STATUS);
    expect(exchange?.requestHeaders['x-watch-worker']).toBe('w1');
    // Arrival is before the injected latency, the answer after it.
    expect(exchange!.receivedAt).toBeGreaterThanOrEqual(before);
    expect(exchange!.answeredAt - exchange!.receivedAt).toBeGreaterThanOrEqual(55);
    expect(exchange!.answeredAt).toBeLessThanOrEqual(after);
  } finally {
    await server.close();
    await sandbox.close();
  }
});
