import { defineConfig } from 'tsup';
import { nodeAndWebBuilds } from '../../scripts/tsup-builds.js';

// `#create-signature` and `#default-fetch` pick the node or web variant. ky is bundled: it ships
// only as ESM, so a CommonJS build that required it would break.
export default defineConfig(
  nodeAndWebBuilds(
    [
      'src/index.ts',
      'src/signature.ts',
      'src/errors.ts',
      'src/node.ts',
      'src/events.ts',
      'src/internal.ts',
      'src/internal-schema.ts',
    ],
    ['ky'],
  ),
);
