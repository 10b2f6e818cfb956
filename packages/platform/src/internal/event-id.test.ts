import { expect, it } from 'vitest';
import { eventId } from './event-id.js';

it('derives the same evt_ id for the same invoice and state, and another for another state', async () => {
  const first = await eventId('payment.authorized', 'INV-1');
  expect(first).toMatch(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/);
  expect(await eventId('payment.authorized', 'INV-1')).toBe(first);
  expect(await eventId('payment.voided', 'INV-1')).not.toBe(first);
  expect(await eventId('payment.authorized', 'INV-2')).not.toBe(first);
});
