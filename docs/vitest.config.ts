// Runs only the docs tests with the root settings (conditions, console guard), until the root
// vitest config includes 'docs/test/**/*.test.ts': pnpm vitest run -c docs/vitest.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import rootConfig from '../vitest.config.js';

export default defineConfig({
  ...rootConfig,
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: { ...rootConfig.test, include: ['docs/test/**/*.test.ts'], coverage: { enabled: false } },
});
