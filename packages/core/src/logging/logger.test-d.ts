import pino from 'pino';
import { expectTypeOf, test } from 'vitest';
import winston from 'winston';
import type { TransportOptions } from '../transport/create-transport.js';
import { fromConsole, fromPino, fromWinston, type Logger } from './logger.js';

test('a pino or winston instance passed as is does not compile', () => {
  const options: TransportOptions[] = [
    // @ts-expect-error pino takes (fields, message): wrap it with fromPino
    { logger: pino() },
    // @ts-expect-error winston is not called as (message, fields): wrap it with fromWinston
    { logger: winston.createLogger() },
  ];
  expectTypeOf(options).toBeArray();
});

test('the adapters, console and a plain (message, fields) object compile', () => {
  const options: TransportOptions[] = [
    { logger: fromPino(pino()) },
    { logger: fromPino(pino().child({ service: 'dp' })) },
    { logger: fromWinston(winston.createLogger()) },
    { logger: fromConsole() },
    { logger: fromConsole(console) },
    { logger: console },
    { logger: { debug() {}, info() {}, warn() {}, error() {} } },
  ];
  expectTypeOf(options).toBeArray();
  expectTypeOf(fromPino).returns.toEqualTypeOf<Logger>();
});
