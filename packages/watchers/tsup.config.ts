import { defineConfig } from 'tsup';
import { bundledAndModuleBuilds } from '../../scripts/tsup-builds.js';

// One code path for every runtime; `bullmq` (optional peer) stays external.
export default defineConfig(bundledAndModuleBuilds(['src/index.ts', 'src/bullmq.ts']));
