import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'src/generated/', 'var/', 'coverage/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', performance: 'readonly', fetch: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', structuredClone: 'readonly', setImmediate: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // process.env is read in one place only: src/config/env.ts.
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'read configuration through src/config/env.ts' }],
    },
  },
  {
    files: ['src/config/env.ts', 'test/**', 'bench/**', 'scripts/**', 'prisma.config.ts', 'jest*.config.js'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
