import { ConnectionError, PROGRAM_ERRORS, ProgramApiError } from '@prakerja-kit/core';
import { expect, it } from 'vitest';
import { describePurchaseError } from './describe-purchase-error.js';

const apiError = (code: string | undefined, status = 400) =>
  new ProgramApiError({
    endpoint: '/api/v1/integration/payment/send-otp',
    status,
    code,
    programMessage: 'Gagal.',
    maybeProcessed: false,
    attempts: 1,
  });

const purchaseCodes = [
  'ERRPLT40036',
  ...Array.from({ length: 15 }, (_, index) => `SBX_PLT400${String(index + 1).padStart(2, '0')}`),
];

it('maps every send-otp and authorize code to its own reason with both languages', () => {
  const reasons = new Set<string>();
  for (const code of purchaseCodes) {
    expect(Object.hasOwn(PROGRAM_ERRORS, code)).toBe(true);
    const description = describePurchaseError(apiError(code));
    expect(description.reason).not.toBe('unknown');
    expect(description.code).toBe(code);
    expect(description.message.id.length).toBeGreaterThan(10);
    expect(description.message.en.length).toBeGreaterThan(10);
    reasons.add(description.reason);
  }
  expect(reasons.size).toBe(purchaseCodes.length);
});

it('explains a full schedule in Indonesian and English', () => {
  expect(describePurchaseError(apiError('SBX_PLT40004'))).toEqual({
    reason: 'sold_out',
    code: 'SBX_PLT40004',
    message: {
      id: 'Kuota jadwal ini sudah penuh. Silakan pilih jadwal lain.',
      en: 'This schedule is fully booked. Please choose another schedule.',
    },
    retryable: false,
  });
});

it('calls a wrong OTP retryable', () => {
  expect(describePurchaseError(apiError('SBX_PLT40011'))).toMatchObject({
    reason: 'wrong_otp',
    retryable: true,
  });
});

it('treats connection failures and 5xx as the program being unavailable', () => {
  const connection = new ConnectionError('down', {
    endpoint: '/x',
    maybeProcessed: false,
    attempts: 3,
  });
  expect(describePurchaseError(connection).reason).toBe('program_unavailable');
  expect(describePurchaseError(apiError('SBX_GEN50001', 500)).reason).toBe('program_unavailable');
});

it('falls back to unknown for an unfamiliar code or a foreign error', () => {
  expect(describePurchaseError(apiError('ERRPLT49999'))).toMatchObject({
    reason: 'unknown',
    code: 'ERRPLT49999',
  });
  expect(describePurchaseError(new Error('boom'))).toMatchObject({
    reason: 'unknown',
    code: undefined,
  });
});
