import { createPlatformClient } from '@prakerja-kit/platform';
import { createSandbox } from '@prakerja-kit/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';

// Found by the chaos suite (issue 10): with `clock: { correctSkew: true }`, only the request
// whose answer first reveals the skew is re-sent with a corrected timestamp. Requests signed
// before that, still in flight, come back 401 SBX_GEN40103 after the offset was measured, see no
// new offset ("offsetMoved" is 0) and fail instead of being re-sent.
const sandbox = createSandbox({ seed: 3 });
let url = '';
beforeAll(async () => {
  url = (await sandbox.listen({ port: 0 })).url;
});
afterAll(() => sandbox.close());

it('corrects the timestamp of every request in flight when the server clock jumps', async () => {
  const dp = sandbox.fixtures.platforms[0]!;
  const client = createPlatformClient({
    baseUrl: url,
    clientCode: dp.clientCode,
    signKey: dp.signKey,
    logLevel: 'silent',
    clock: { correctSkew: true },
  });
  sandbox.control.faults.add({ kind: 'clock-skew', skewSeconds: 400 });
  const schedules = sandbox.fixtures.schedules.slice(0, 6);
  const results = await Promise.allSettled(
    schedules.map((schedule) =>
      client.quotas.retrieve({
        courseCode: schedule.courseCode,
        scheduleCode: schedule.scheduleCode,
      }),
    ),
  );
  const failures = results.flatMap((result) =>
    result.status === 'rejected' ? [String((result.reason as Error).message)] : [],
  );
  expect(failures).toEqual([]);
});
