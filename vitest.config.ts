import { defaultServerConditions } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the "@prakerja-kit/source"
// export condition, so tests never need a build first.
const conditions = ['@prakerja-kit/source', ...defaultServerConditions];

// The platform and provider integration suites run once per sandbox profile (issue 14): one
// vitest project per profile, PRAKERJA_SANDBOX_PROFILE read by their test/support/sandbox.ts.
// Same list as SANDBOX_PROFILE_NAMES in @prakerja-kit/sandbox (packages/sandbox/test/profiles.test.ts
// checks it): the config loads before workspace sources resolve, so it cannot import it.
const SANDBOX_PROFILES = ['default', 'strict-http', 'terse', 'lenient'] as const;
const PROFILE_SUITES = [
  'packages/platform/test/**/*.test.ts',
  'packages/provider/test/**/*.test.ts',
];
// Browser tests (Chromium) run once, under the default profile.
const BROWSER_ONCE = ['packages/provider/test/browser.test.ts'];
const ONCE_ONLY = [...BROWSER_ONCE, '**/*.browser.test.ts'];
// Everything else runs once. (Projects extending the root concatenate arrays, so `include`
// lives in each project, not in the root.)
const ALL_TESTS = [
  'packages/*/src/**/*.test.ts',
  'packages/*/test/**/*.test.ts',
  'examples/*/src/**/*.test.ts',
  'examples/*/test/**/*.test.ts',
  'scripts/**/*.test.ts',
  'tests/**/*.test.ts',
  'docs/test/**/*.test.ts',
];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    setupFiles: ['./vitest.setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    typecheck: {
      enabled: true,
      include: ['packages/*/src/**/*.test-d.ts'],
      tsconfig: './tsconfig.typetests.json',
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ALL_TESTS,
          exclude: [...configDefaults.exclude, ...PROFILE_SUITES],
        },
      },
      {
        extends: true,
        test: { name: 'browser', include: BROWSER_ONCE, typecheck: { enabled: false } },
      },
      ...SANDBOX_PROFILES.map((profile) => ({
        extends: true as const,
        test: {
          name: `profile:${profile}`,
          include: PROFILE_SUITES,
          exclude: [...configDefaults.exclude, ...ONCE_ONLY],
          env: { PRAKERJA_SANDBOX_PROFILE: profile },
          typecheck: { enabled: false },
        },
      })),
    ],
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/*.test-d.ts'],
      thresholds: {
        // Signing and verification code: 100% (see STYLE.md).
        'packages/webhooks/src/**': { statements: 100, branches: 100, functions: 100, lines: 100 },
        'packages/core/src/signing/**': {
          statements: 100,
          branches: 100,
          functions: 100,
          lines: 100,
        },
      },
    },
  },
});
