import { describe, expect, it } from 'vitest';
import {
  DOCUMENTED_PROGRAM_ERRORS,
  ERROR_CODES_GUIDE_URL,
  programErrorDocUrl,
} from './documented-program-errors.js';
import { ProgramErrorCode } from './program-error-code.js';
import { describeProgramError, PROGRAM_ERRORS } from './program-error-codes.js';
import { ProgramApiError, RedirectError } from './request-errors.js';

const endpoint = '/api/v1/integration/payment/void';

function apiError(code: string | undefined, status: number, programMessage = 'Pesan.') {
  return new ProgramApiError({
    endpoint,
    status,
    code,
    programMessage,
    maybeProcessed: false,
    attempts: 1,
  });
}

describe('ProgramApiError', () => {
  it('shows the Indonesian message next to the English meaning of a documented code', () => {
    const error = apiError('ERRPLT40028', 400, 'Transaksi sudah dibatalkan sebelumnya.');
    expect(error).toMatchObject({
      meaning: 'the transaction was already voided',
      documented: true,
      fix: PROGRAM_ERRORS.ERRPLT40028.fix,
      docUrl: `${ERROR_CODES_GUIDE_URL}#ERRPLT40028`,
    });
    expect(error.message).toBe(
      `ERRPLT40028 from ${endpoint}: Transaksi sudah dibatalkan sebelumnya. (English: the transaction was already voided) Fix: ${PROGRAM_ERRORS.ERRPLT40028.fix}.`,
    );
  });

  it('marks an SBX_ code as assumed and points to its entry in the guide, without its text', () => {
    const error = apiError('SBX_PLT40004', 400, 'Kuota jadwal sudah penuh.');
    expect(error).toMatchObject({
      documented: false,
      meaning: undefined,
      fix: undefined,
      docUrl: `${ERROR_CODES_GUIDE_URL}#SBX_PLT40004`,
    });
    // The client bundles do not carry the catalogue: the message says where the text is.
    expect(error.message).toBe(
      `SBX_PLT40004 from ${endpoint}: Kuota jadwal sudah penuh. (SBX_PLT40004 is assumed by the SDK/sandbox, not documented by the program; see ${ERROR_CODES_GUIDE_URL}#SBX_PLT40004)`,
    );
    // The full text is one call away.
    expect(describeProgramError('SBX_PLT40004', 400)).toMatchObject({
      meaning: PROGRAM_ERRORS.SBX_PLT40004.meaning,
      fix: PROGRAM_ERRORS.SBX_PLT40004.fix,
      documented: false,
      docUrl: error.docUrl,
    });
  });

  it('points a rejected signature to key, clock and doctor, whatever the code', () => {
    const error = apiError('SBX_GEN40101', 401, 'Signature tidak valid.');
    expect(error.documented).toBe(false);
    expect(error.meaning).toContain('did not accept the credentials');
    expect(error.message).toContain(
      'Signature tidak valid. (English: the program did not accept the credentials',
    );
    expect(error.message).toContain(
      `SBX_GEN40101 is assumed by the SDK/sandbox, not documented by the program; see ${ERROR_CODES_GUIDE_URL}#SBX_GEN40101`,
    );
    for (const hint of [
      'PRAKERJA_SIGN_KEY',
      'no quotes or whitespace',
      'Unix seconds',
      'prakerja doctor',
    ]) {
      expect(error.fix).toContain(hint);
      expect(error.message).toContain(hint);
    }
  });

  it('gives any 401 the signature fix, whatever the code (production codes are unknown)', () => {
    for (const code of [undefined, 'AUTH-999', 'SBX_OAUTH4033', 'SBX_GEN40102']) {
      const error = apiError(code, 401);
      expect(error.fix).toContain('PRAKERJA_SIGN_KEY');
      expect(error.documented).toBe(false);
    }
    expect(apiError(undefined, 401).meaning).toContain('did not accept the credentials');
    expect(apiError(undefined, 401).docUrl).toBeUndefined();
    // A code the SDK does not know: the guide's section on unknown codes.
    const unknown = apiError('AUTH-999', 401);
    expect(unknown.docUrl).toBe(`${ERROR_CODES_GUIDE_URL}#unknown-codes`);
    expect(unknown.message).toContain(
      `AUTH-999 is not documented by the program; see ${ERROR_CODES_GUIDE_URL}#unknown-codes`,
    );
  });

  it('names the fixes of the documented codes; the catalogue keeps the assumed ones', () => {
    expect(apiError('ERRPLT40036', 400).fix).toBe('pass both courseCode and scheduleCode');
    expect(apiError('ERRVOD40001', 400).fix).toContain('transactionCode');
    expect(apiError('ERRVOD40001', 400).message).toMatch(/Fix: pass the transactionCode .*\.$/);
    for (const code of Object.keys(DOCUMENTED_PROGRAM_ERRORS)) {
      expect(apiError(code, 400)).toMatchObject({ documented: true, fix: expect.any(String) });
    }
    expect(describeProgramError('SBX_GEN40102', 401).fix).toContain('PRAKERJA_CLIENT_CODE');
    expect(describeProgramError('SBX_GEN40102', 401).fix).toContain('base URL');
    expect(describeProgramError('SBX_GEN40103', 401).fix).toContain('clock.correctSkew');
    expect(describeProgramError('SBX_GEN40301', 403).fix).toContain('Digital Platform (DP)');
  });

  it('gives every catalogue code a docUrl anchored on the code itself', () => {
    for (const code of Object.keys(PROGRAM_ERRORS)) {
      expect(programErrorDocUrl(code)).toBe(`${ERROR_CODES_GUIDE_URL}#${code}`);
    }
  });

  it('leaves meaning and fix empty when nothing is known', () => {
    const error = apiError(undefined, 400, 'Bad Request');
    expect(error).toMatchObject({ meaning: undefined, documented: false, fix: undefined });
    expect(error.message).toBe(`HTTP 400 from ${endpoint}: Bad Request`);
    expect(apiError(undefined, 503).meaning).toContain('failed');
  });

  it('masks identifiers and signatures in the program message', () => {
    const error = apiError(
      'SBX_RDM40001',
      400,
      `Kode PRAT-UJ0EEQ budi@example.com 1234567890123456 ${'ab'.repeat(20)}`,
    );
    expect(error.programMessage).toBe('Kode PRAT-****EQ b***@example.com 12****56 [REDACTED]');
  });

  it('documents exactly the seven program codes', () => {
    const documented = Object.entries(PROGRAM_ERRORS)
      .filter(([, info]) => info.documented)
      .map(([code]) => code);
    expect(documented.sort()).toEqual(
      [
        'ERRPLT40036',
        'ERRPLT40028',
        'ERRVOD40001',
        'ERROAUTH4024',
        'ERROAUTH4029',
        'ERROAUTH4030',
        'ERROAUTH4031',
      ].sort(),
    );
    expect(Object.keys(DOCUMENTED_PROGRAM_ERRORS).sort()).toEqual(documented.sort());
    for (const code of Object.values(ProgramErrorCode)) {
      expect(describeProgramError(code, 400).documented).toBe(PROGRAM_ERRORS[code].documented);
      expect(apiError(code, 400).documented).toBe(PROGRAM_ERRORS[code].documented);
    }
  });
});

describe('RedirectError', () => {
  it('is never maybeProcessed and names the target or says it is hidden', () => {
    const named = new RedirectError({
      endpoint,
      attempts: 1,
      status: 302,
      location: 'https://x.example/a',
    });
    expect(named).toMatchObject({
      maybeProcessed: false,
      status: 302,
      location: 'https://x.example/a',
    });
    expect(named.message).toBe(
      `${endpoint} answered HTTP 302 redirecting to https://x.example/a; signed calls are never followed elsewhere, so nothing was sent there: check baseUrl`,
    );
    expect(
      new RedirectError({ endpoint, attempts: 1, status: 304, location: undefined }).message,
    ).toContain('HTTP 304 without a Location');
  });
});

describe('PROGRAM_ERRORS', () => {
  it('knows a fix for every code (the error-code reference lists them)', () => {
    for (const [code, info] of Object.entries(PROGRAM_ERRORS)) {
      expect(info.fix, code).toMatch(/^[a-z].{10,}[^.]$/);
      expect(describeProgramError(code, info.status).fix, code).toBe(info.fix);
      // The error's message: the fix itself when documented (or a 401), else where it is.
      const message = apiError(code, info.status).message;
      if (info.documented || info.status === 401) expect(message, code).toContain('Fix: ');
      else expect(message, code).toContain(`see ${ERROR_CODES_GUIDE_URL}#${code}`);
    }
  });
});
