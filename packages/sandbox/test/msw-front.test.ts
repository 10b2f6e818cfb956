import { ProgramErrorCode as E, ProgramPath } from '@prakerja-kit/core';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSandbox } from '../src/index.js';
import { call, codeOf } from './helpers.js';
import { pick, purchase } from './purchase.js';

const memory = createSandbox({ seed: 42 });
const server = setupServer(...memory.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  server.close();
  return memory.close();
});

it('serves the same rules in process through msw, where a drop is a network error', async () => {
  const f = pick(memory.fixtures);
  const base = 'https://api.prakerja.go.id';
  const ok = await call(base, f.dp, ProgramPath.QUOTA_SCHEDULE, {
    course_code: f.course.courseCode,
    schedule_code: f.soon.scheduleCode,
  });
  expect(ok.body.data.quota).toBe(20);
  expect(codeOf(await call(base, f.lp, ProgramPath.QUOTA_SCHEDULE, {}))).toBe(
    E.FORBIDDEN_FOR_CLIENT,
  );
  memory.control.faults.add({ kind: 'drop-after-commit', path: ProgramPath.AUTHORIZE });
  await expect(purchase(memory, base, { invoiceCode: 'MSW-1' })).rejects.toThrow(TypeError);
  expect(memory.control.transactions.byInvoice('MSW-1')?.status).toBe('SUCCESS');
  const fixtures = await fetch('https://sandbox.prakerja-kit.test/__sandbox/fixtures');
  expect(await fixtures.json()).toEqual(memory.fixtures);
});
