import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.venv/**',
      'demo-report/**',
      'test-artifacts/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The page script: plain ES5-style scripts concatenated into one function scope by
    // src/render/html.ts, so a top-level name may be defined in one file and used in another.
    // tsc -p tsconfig.report.json resolves names across the files (no-undef cannot).
    files: ['templates/report/*.js'],
    languageOptions: { sourceType: 'script', ecmaVersion: 2017 },
    rules: {
      'no-undef': 'off',
      'no-var': 'off',
      'prefer-const': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { vars: 'local', args: 'none' }],
    },
  },
);
