import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Only collectors (and the export that writes findings to AWS) talk to AWS; the rest of the
// tool works from a snapshot or a report. Tooling around it (bench, scripts, tests) may too.
const AWS_SDK_ONLY_IN = [
  'src/collect/**',
  'src/export/**',
  'bench/**',
  'scripts/**',
  'test/**',
  'seed/**',
];
const noAwsSdk = {
  group: ['@aws-sdk/*', '@smithy/*'],
  message: 'Only src/collect and src/export talk to AWS: take the data from the snapshot.',
};
const noCollectors = {
  regex: '(^|/)src/collect(/|$)',
  message: 'Checks read the snapshot, never the collectors: move shared helpers to src/snapshot.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-lambda/**',
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
    files: ['**/*.ts'],
    ignores: [...AWS_SDK_ONLY_IN, 'checks/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noAwsSdk] }] },
  },
  {
    files: ['checks/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noAwsSdk, noCollectors] }] },
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
