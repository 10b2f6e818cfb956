// Runs only the docs tests with the root settings (conditions, console guard):
// pnpm vitest run -c docs/vitest.config.ts (the root config runs them with everything else).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import rootConfig from '../vitest.config.js';

export default defineConfig({
  ...rootConfig,
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: { ...rootConfig.test, include: ['docs/test/**/*.test.ts'], coverage: { enabled: false } },
});
