// Lint: TypeScript and Vue rules, plus the import direction between layers
// (core imports nothing of the app; preload only shared; main no renderer; renderer no main).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

// Bare names are packages (exact match); anything with a slash or a star is a path pattern.
const layer = (names, message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: names.filter((n) => !/[/*]/.test(n)).map((name) => ({ name, message })),
      patterns: [{ group: names.filter((n) => /[/*]/.test(n)), message }]
    }
  ]
})

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'playwright-report/**',
      'test-results/**',
      'resources/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } }
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off'
    }
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts', 'src/core/**/test-env.ts', 'src/core/**/test-fixture.ts'],
    rules: {
      ...layer(
        [
          'electron',
          'vue',
          'pinia',
          'dexie',
          'node:*',
          '@renderer/*',
          '@shared/*',
          '**/renderer/**',
          '**/main/**',
          '**/preload/**',
          '**/shared/**'
        ],
        'src/core is framework-free: no Electron, Vue, Dexie, Node builtins or app layers.'
      ),
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'DOMParser',
        'localStorage',
        'indexedDB'
      ]
    }
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: layer(
      ['electron', 'vue', 'dexie', '@renderer/*', '**/renderer/**', '**/main/**', '**/preload/**'],
      'src/shared holds only the contract.'
    )
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: layer(
      ['@core/*', '@renderer/*', '**/core/**', '**/renderer/**', '**/main/**', 'node:*'],
      'The preload uses src/shared only.'
    )
  },
  {
    files: ['src/main/**/*.ts'],
    rules: layer(
      ['@renderer/*', '**/renderer/**', '**/preload/**', 'vue', 'dexie'],
      'The main process does not import the renderer or the preload.'
    )
  },
  {
    files: ['src/renderer/**/*.{ts,vue}'],
    ignores: ['src/renderer/**/*.test.ts'],
    // Defined at build time by vite.web.config.ts (declared in src/renderer/src/app-env.d.ts).
    languageOptions: { globals: { __APP_VERSION__: 'readonly' } },
    rules: layer(
      ['electron', 'node:*', '**/main/**', '**/preload/**'],
      'The renderer reaches the outside only through its platform interface.'
    )
  },
  prettier
)
