import { defineConfig } from 'tsup';
import { nodeAndWebBuilds } from '../../scripts/tsup-builds.js';

// `#crypto` picks node:crypto (synchronous) or WebCrypto, as in @prakerja-kit/core.
export default defineConfig(
  nodeAndWebBuilds(['src/index.ts', 'src/verify-only.ts', 'src/testing.ts', 'src/node.ts']),
);
