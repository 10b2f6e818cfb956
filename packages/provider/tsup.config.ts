import { defineConfig } from 'tsup';
import { bundledAndModuleBuilds } from '../../scripts/tsup-builds.js';

// One code path for every runtime (WebCrypto for state tokens and event ids; core's own node/web
// split is resolved when core is imported).
export default defineConfig(bundledAndModuleBuilds());
