// The sandbox in its own process for the platform bench, so its CPU does not compete with the
// client being measured (as the program's would not). Prints one JSON line, exits when stdin ends.
import { createSandbox } from '@prakerja-kit/sandbox';

const extraSchedules = Number(process.argv[2] ?? 0);
const sandbox = createSandbox({ seed: 4 });
const state = sandbox.control.state.export();
const base = state.fixtures.schedules[0]!;
for (let index = 0; index < extraSchedules; index++) {
  state.fixtures.schedules.push({
    ...base,
    scheduleCode: `bench${String(index).padStart(11, '0')}`,
    seats: 10 + (index % 40),
  });
}
sandbox.control.state.import(state);
const server = await sandbox.listen({ port: 0 });
const { platforms, schedules } = sandbox.control.fixtures();
process.stdout.write(`${JSON.stringify({ url: server.url, platform: platforms[0], schedules })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void server
    .close()
    .then(() => sandbox.close())
    .then(() => process.exit(0));
});
