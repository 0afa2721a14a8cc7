import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'coverage/', 'test-results/', 'bench/pouchdb/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Page data must never become markup.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render page data and notes as text.' },
        { property: 'outerHTML', message: 'Render page data and notes as text.' },
        { property: 'insertAdjacentHTML', message: 'Render page data and notes as text.' },
      ],
      
    },
  },
  {
    // Layering from DESIGN.md: lib never imports React or components; adapters never import db.
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['react', 'react-dom', '@/components/*', '@/entrypoints/*'], message: 'lib/ is below the UI.' }] },
      ],
    },
  },
  {
    files: ['lib/sites/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/lib/db*', '@/lib/mutations*', 'dexie', 'react'], message: 'Adapters are pure: (Document, URL) → identity.' }] },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
);
