import { defineConfig } from 'tsup';
import { nodeAndWebBuilds } from '../../scripts/tsup-builds.js';

// `#create-signature` and `#default-fetch` pick the node or web variant.
export default defineConfig(
  nodeAndWebBuilds([
    'src/index.ts',
    'src/signature.ts',
    'src/errors.ts',
    'src/node.ts',
    'src/events.ts',
    'src/internal.ts',
    'src/internal-schema.ts',
    'src/telemetry.ts',
  ]),
);
