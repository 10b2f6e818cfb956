import { expect, test } from 'vitest';
import { emailTag, signState, verifyState } from './state-token.js';

const SECRET = 'fake-state-secret-for-unit-tests-0123456789';
const NOW = 1_700_000_000_000;

test('a signed state verifies and returns its claims', async () => {
  const token = await signState([SECRET], { k: 'att', r: 'PRAT-UJ0EEQ', s: 2 }, 600, NOW);
  const checked = await verifyState([SECRET], token, 'att', NOW + 1000);
  expect(checked).toMatchObject({ ok: true, claims: { k: 'att', r: 'PRAT-UJ0EEQ', s: 2 } });
});

test('a state with a tampered payload is invalid', async () => {
  const token = await signState([SECRET], { k: 'att', r: 'PRAT-AAAAAA', s: 1 }, 600, NOW);
  const [, payload, mac] = token.split('.');
  const forged = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
  forged.r = 'PRAT-BBBBBB';
  const tampered = `v1.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${mac}`;
  expect(await verifyState([SECRET], tampered, 'att', NOW)).toEqual({
    ok: false,
    reason: 'invalid_state',
  });
});

test('a state signed with another secret is invalid', async () => {
  const token = await signState(['another-secret-another-secret-0123'], { k: 'att' }, 600, NOW);
  expect(await verifyState([SECRET], token, 'att', NOW)).toEqual({
    ok: false,
    reason: 'invalid_state',
  });
});

test('a state is expired once its lifetime has passed', async () => {
  const token = await signState([SECRET], { k: 'att' }, 600, NOW);
  expect(await verifyState([SECRET], token, 'att', NOW + 600_000)).toEqual({
    ok: false,
    reason: 'expired_state',
  });
});

test('an SSO state is not accepted as an attendance state', async () => {
  const token = await signState([SECRET], { k: 'sso' }, 600, NOW);
  expect(await verifyState([SECRET], token, 'att', NOW)).toEqual({
    ok: false,
    reason: 'invalid_state',
  });
});

test('a state signed with the previous secret still verifies during rotation', async () => {
  const old = 'previous-state-secret-0123456789abcdef';
  const token = await signState([old], { k: 'att' }, 600, NOW);
  expect((await verifyState([SECRET, old], token, 'att', NOW)).ok).toBe(true);
});

test('garbage is invalid, never thrown', async () => {
  for (const token of [undefined, '', 'v1.', 'v1.a.b', 'v1.!!!.###', 'x'.repeat(5000), 42]) {
    expect(await verifyState([SECRET], token, 'att', NOW)).toEqual({
      ok: false,
      reason: 'invalid_state',
    });
  }
});

test('two states for the same claims differ and never contain the email', async () => {
  const tag = await emailTag(SECRET, 'Budi@Example.com ');
  expect(tag).toBe(await emailTag(SECRET, 'budi@example.com'));
  const first = await signState([SECRET], { k: 'att', e: tag }, 600, NOW);
  const second = await signState([SECRET], { k: 'att', e: tag }, 600, NOW);
  expect(first).not.toBe(second);
  expect(Buffer.from(first.split('.')[1] as string, 'base64url').toString()).not.toContain('budi');
});
