// Lint: typescript-eslint's recommended rules, plus a ban on Math.random (all randomness must
// flow from seeded generators; see src/random).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  // kernels/ is AssemblyScript (checked by its compiler, scripts/build-wasm.mjs)
  { ignores: ['node_modules/', 'dist/', 'build/', 'test/fixtures/', 'kernels/', 'src/backends/wasm/kernels.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use a seeded nb.Generator.' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      // published constants (erf, SELU) are written with all their digits on purpose
      'no-loss-of-precision': 'off',
    },
  },
);
