export type { Check } from './checks.js';
export type { DemoOptions, DemoResult, FaultOutcome } from './run-demo.js';
export { runDemo } from './run-demo.js';
