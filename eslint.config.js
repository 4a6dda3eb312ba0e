// ESLint (flat config): the recommended JavaScript and typescript-eslint rules, and React's
// rules of hooks with exhaustive effect dependencies for the TUI. `npm run lint` runs it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'dist.*/**', 'node_modules/**', 'scores/**', 'coverage/**', 'scripts/tmp-*'] },
  // A suppression that suppresses nothing is reported, so none stays after its reason is gone.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_name` marks a parameter a signature needs but the body does not.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Tests and renderers match fixed-width columns: the spaces are the point.
      'no-regex-spaces': 'off',
    },
  },
  {
    // Tests assert that control characters are escaped or refused: they must name them.
    files: ['test/**'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // The benchmark reads loosely typed JSON of other tools' runs.
    files: ['scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'warn' },
  },
  {
    files: ['**/*.tsx', 'src/tui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
