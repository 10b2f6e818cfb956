export { generateSecret } from './generate-secret.js';
export type { SignParams } from './sign.js';
export { sign } from './sign.js';
