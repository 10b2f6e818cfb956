/**
 * `pnpm demo`: the program journey against the embedded sandbox.
 *
 * Only what is built so far runs here, and the output says so: no step is ever faked.
 */
import { buildRawSignature, createSignature, ProgramPath } from '@prakerja-kit/core';

const OFFICIAL = {
  clientCode: 'myclient_code',
  signKey: 'my_sign_key',
  timestamp: 1516239022,
  method: 'POST',
  path: '/api/v1/integration/payment/redeem-code/commit',
  body: '{"redeem_code":"code"}',
};

console.log('prakerja-kit demo\n');
console.log('Built so far: @prakerja-kit/core (signing, transport, errors).');
console.log(
  'The sandbox and the journey (buy, redeem, attend, complete, incentive) are not built yet;',
);
console.log('this demo runs only the real part: the program signature.\n');

console.log('1. Official test vector (program-api.md §3)');
console.log(`   raw_signature = ${buildRawSignature(OFFICIAL)}`);
const signature = createSignature(OFFICIAL);
const expected = '943c20a8e36b6243f576404b00fffdc86411ce1f';
console.log(
  `   signature     = ${signature} ${signature === expected ? '(matches the vector)' : '(MISMATCH)'}`,
);

const timestamp = Math.floor(Date.now() / 1000);
const body = JSON.stringify({ course_code: 'C-DEMO', schedule_code: 'S-DEMO' });
console.log('\n2. Headers for a quota-schedule request signed now (fake credentials)');
console.log(`   client_code: dp-demo-fake`);
console.log(`   timestamp:   ${timestamp}`);
console.log(
  `   signature:   ${createSignature({ clientCode: 'dp-demo-fake', signKey: 'sk_demo_fake_key', timestamp, method: 'POST', path: ProgramPath.QUOTA_SCHEDULE, body })}`,
);
console.log(`   body:        ${body}`);

if (signature !== expected) process.exit(1);
console.log('\nDone (signature only; the full journey arrives with the sandbox and the clients).');
