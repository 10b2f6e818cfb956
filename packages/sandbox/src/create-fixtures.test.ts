import { expect, it } from 'vitest';
import { createFixtures } from './create-fixtures.js';

const startAt = new Date('2026-11-24T07:00:00.000Z');

it('builds the same fixtures from the same seed and different ones from another', () => {
  expect(createFixtures({ seed: 42, startAt })).toEqual(createFixtures({ seed: 42, startAt }));
  expect(createFixtures({ seed: 1, startAt }).platforms[0]?.signKey).not.toBe(
    createFixtures({ seed: 42, startAt }).platforms[0]?.signKey,
  );
});

it('uses obviously fake credentials', () => {
  const fixtures = createFixtures({ seed: 42, startAt });
  for (const client of [...fixtures.platforms, ...fixtures.providers]) {
    expect(client.clientCode).toMatch(/^(dp|lp)-sandbox-0\d$/);
    expect(client.signKey).toMatch(/^sk_sandbox_fake_[a-z0-9]{24}$/);
  }
});

it('maps PRAT- test codes to the program test cases, positive ones first', () => {
  const codes = createFixtures({ seed: 42, startAt }).redeemCodes;
  for (const code of codes) expect(code.redeemCode).toMatch(/^PRAT-[A-Z0-9]{6}$/);
  expect(codes.filter((code) => code.positive).map((code) => code.testCase)).toEqual([
    'TC1-001-200',
    'TC1-999-200',
    'TC2-001-200',
    'TC2-999-200',
  ]);
});

it('places schedules relative to startAt and applies credential overrides', () => {
  const fixtures = createFixtures({
    seed: 42,
    startAt,
    platform: { clientCode: 'dp-mine', signKey: 'sk_sandbox_fake_mine' },
    provider: { clientCode: 'lp-mine' },
  });
  expect(fixtures.schedules[0]?.startAt).toBe('2026-11-24T07:30:00.000Z');
  expect(fixtures.platforms[0]).toMatchObject({
    clientCode: 'dp-mine',
    signKey: 'sk_sandbox_fake_mine',
  });
  expect(fixtures.providers[0]?.clientCode).toBe('lp-mine');
  expect(fixtures.courses[0]?.provider).toBe('lp-mine');
});
