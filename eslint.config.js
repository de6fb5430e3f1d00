import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      curly: 'error',
      eqeqeq: ['error', 'always'],
      'no-throw-literal': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['server/**/*.ts', 'shared/**/*.ts', 'client/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-console': 'error',
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'NewExpression[callee.object.name="Y"][callee.property.name="Doc"][arguments.length=0]',
          message: 'A new Y.Doc() draws a random guid (164 µs in Node): use detachedDoc() from shared/src/caseDocument/detachedDoc.ts for a copy or scratch document.',
        },
      ],
    },
  },
  {
    files: ['client/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'JSXAttribute[name.name=/^(maxLength|minLength)$/] > JSXExpressionContainer > Literal',
          message: 'A length limit is written once: use Limits from shared/src/limits.ts (add a named limit there if it is new).',
        },
        {
          selector: 'JSXAttribute[name.name=/^(maxLength|minLength)$/][value.type="Literal"]',
          message: 'A length limit is written once: use Limits from shared/src/limits.ts (add a named limit there if it is new).',
        },
      ],
    },
  },
  {
    files: ['shared/src/api/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.type="MemberExpression"][callee.property.name="max"][callee.object.name!="Math"] > Literal.arguments',
          message: 'An API limit is written once: use Limits from shared/src/limits.ts in .max() (the form reads the same value).',
        },
      ],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/client/**', '**/server/**'], message: 'shared/ must not import client or server code: move the rule into shared/ instead.' },
            { group: ['node:*'], message: 'shared/ is pure TypeScript: no Node APIs (it runs in the browser too).' },
          ],
          paths: [
            { name: 'ws', message: 'shared/ is pure TypeScript: no ws; the relay lives in server/.' },
            { name: 'better-sqlite3', message: 'shared/ is pure TypeScript: storage lives in server/src/storage/.' },
            { name: 'react', message: 'shared/ has no UI: components live in client/.' },
          ],
        },
      ],
    },
  },
)
