export { datetime } from './formats.js';
