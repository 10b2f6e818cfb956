import {
  ConfigurationError,
  ConnectionError,
  ProgramApiError,
  RedirectError,
  RequestValidationError,
  ResponseValidationError,
} from '@prakerja-kit/core';
import { expect, it } from 'vitest';
import { decide } from '../../samples/handle-errors.js';

const apiError = (status: number, code: string | undefined, maybeProcessed = false) =>
  new ProgramApiError({
    endpoint: '/api/v1/integration/payment/void',
    status,
    code,
    programMessage: 'Pesan dari program.',
    maybeProcessed,
    attempts: 1,
  });

it('treats an already voided transaction as done', () => {
  expect(decide(apiError(400, 'ERRPLT40028'))).toEqual({ action: 'treat-as-done' });
});

it('shows the meaning, the Indonesian message and the fix of a known code', () => {
  expect(decide(apiError(400, 'SBX_PLT40004'))).toEqual({
    action: 'show-user',
    code: 'SBX_PLT40004',
    meaning: 'no seats left on the schedule',
    message: 'Kuota jadwal pelatihan sudah penuh.',
    fix: 'offer another schedule: this one is full (quotas.retrieve shows the seats left)',
  });
});

it("keeps the program's message for a code the SDK does not know", () => {
  expect(decide(apiError(400, 'ERRXYZ99999'))).toMatchObject({
    code: 'ERRXYZ99999',
    message: 'Pesan dari program.',
  });
});

it('reconciles ambiguous failures and retries the others later', () => {
  expect(decide(apiError(502, undefined, true))).toEqual({ action: 'reconcile' });
  expect(decide(apiError(429, 'SBX_GEN42901'))).toEqual({ action: 'retry-later' });
  const options = { endpoint: '/x', attempts: 1 };
  expect(decide(new ConnectionError('reset', { ...options, maybeProcessed: true }))).toEqual({
    action: 'reconcile',
  });
  expect(decide(new ConnectionError('refused', { ...options, maybeProcessed: false }))).toEqual({
    action: 'retry-later',
  });
});

it('sorts input, configuration and response-shape errors', () => {
  const issues = [{ path: ['scheduleCode'], message: 'required' }];
  expect(decide(new RequestValidationError(issues))).toEqual({
    action: 'fix-input',
    field: 'scheduleCode',
  });
  expect(decide(new ConfigurationError('signKey', 'missing'))).toEqual({
    action: 'fix-configuration',
    field: 'signKey',
  });
  expect(decide(new ResponseValidationError(issues, '/x', 200))).toMatchObject({
    action: 'report-bug',
  });
  expect(() => decide(new Error('not ours'))).toThrow('not ours');
});

it('sends a redirect to the configuration, never to a retry', () => {
  const error = new RedirectError({
    endpoint: '/api/v1/integration/payment/authorize',
    attempts: 1,
    status: 307,
    location: 'https://elsewhere.example/authorize',
  });
  expect(decide(error)).toEqual({ action: 'fix-configuration', field: 'baseUrl' });
});

it('passes the fix on when the SDK knows one', () => {
  expect(decide(apiError(401, 'SBX_GEN40101'))).toMatchObject({
    action: 'show-user',
    code: 'SBX_GEN40101',
    fix: expect.stringContaining('prakerja doctor'),
  });
});
