import { existsSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** What only the extension may import. */
const DEVICE_ONLY = ['dexie', 'dexie-*', 'react', 'react-dom', 'react/*', 'wxt', 'wxt/*', '#imports', '@webext-core/*', '@wxt-dev/*', '@/lib/db', '@/lib/db/*', '@/lib/sync', '@/lib/sync/*', '@/lib/page', '@/lib/page/*', '@/lib/tabs/*', '@/lib/reminders/*', '@/components/*', '@/entrypoints/*'];
/** The folders (and single modules) of lib/ that make up the shared core. */
const SHARED_CORE = ['model', 'mutations', 'metrics', 'deadlines', 'identity', 'privacy', 'reports', 'retry-loop', 'time-units'];

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
    // The shared core (DESIGN.md): it runs on the device and on the server, so it imports no
    // Dexie, React, browser API, nor anything of the device's database, sync or page code.
    files: SHARED_CORE.map((name) => (existsSync(new URL(`lib/${name}.ts`, import.meta.url)) ? `lib/${name}.ts` : `lib/${name}/**/*.ts`)),
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: DEVICE_ONLY, message: 'The shared core runs on the server too: no Dexie, React, browser API or device code.' }] }],
    },
  },
  {
    // The server is built on the shared core alone.
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [...DEVICE_ONLY, '@/lib/*', ...SHARED_CORE.map((dir) => `!@/lib/${dir}`)], message: `The server imports only the shared core (${SHARED_CORE.map((name) => `lib/${name}`).join(', ')}).` }] },
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
  {
    // The review link's page script runs in any browser, served by the server as it is.
    files: ['server/review-link/assets/*.js'],
    languageOptions: { globals: globals.browser },
  },
);
