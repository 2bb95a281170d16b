// Lint: TypeScript and Vue rules, plus the import direction between layers
// (core imports nothing of the app; preload only shared; main no renderer; renderer no main),
// and no test tooling in product code (dev-only packages, test/, bench/ and e2e/ stay out of src/).
import { readFileSync } from 'node:fs'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

const TESTS = ['src/**/*.test.ts']

// Dev-only packages (every devDependency but Electron itself, which main runs on, and type or
// config packages that are never imported), and the folders of test and bench code: the product
// (every non-test file under src/) must not import them, nor ship them.
const { devDependencies } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url)))
const DEV_ONLY_PACKAGES = Object.keys(devDependencies).filter(
  (name) => name !== 'electron' && !/^@types\/|tsconfig$/.test(name)
)
const DEV_ONLY_MESSAGE =
  'Test and bench tooling (dev-only packages, test/, bench/, e2e/) stays out of product code.'
const devOnly = {
  paths: DEV_ONLY_PACKAGES.map((name) => ({ name, message: DEV_ONLY_MESSAGE })),
  patterns: [
    {
      group: [
        ...DEV_ONLY_PACKAGES.map((name) => `${name}/*`),
        '**/test/**',
        '**/bench/**',
        '**/e2e/**'
      ],
      message: DEV_ONLY_MESSAGE
    }
  ]
}

// Bare names are packages (exact match); anything with a slash or a star is a path pattern.
// `product`: the files are product code, so dev-only imports are refused as well.
const layer = (names, message, { product = true } = {}) => {
  const paths = names.filter((n) => !/[/*]/.test(n)).map((name) => ({ name, message }))
  const patterns = [{ group: names.filter((n) => /[/*]/.test(n)), message }].filter(
    (p) => p.group.length > 0
  )
  return {
    'no-restricted-imports': [
      'error',
      product
        ? { paths: [...paths, ...devOnly.paths], patterns: [...patterns, ...devOnly.patterns] }
        : { paths, patterns }
    ]
  }
}

// One folder's layer rule: product files get it with the dev-only rule, its tests without
// (`testNames`, by default the same names: a test may reach further, e.g. Node for fixtures).
const folder = (files, names, message, extra = {}, testNames = names) => [
  { files, ignores: TESTS, ...extra, rules: { ...extra.rules, ...layer(names, message) } },
  {
    files: files.map((f) => f.replace(/\*\.(\{ts,vue\}|ts)$/, '*.test.ts')),
    rules: layer(testNames, message, { product: false })
  }
]

// The renderer reaches the outside only through its platform interface, chosen in
// platform/index.ts: nothing else imports an implementation.
const RENDERER = [
  'electron',
  'node:*',
  '**/main/**',
  '**/preload/**',
  '@renderer/platform/web',
  '@renderer/platform/electron',
  '**/platform/web',
  '**/platform/electron'
]
const RENDERER_MESSAGE =
  'The renderer reaches the outside only through its platform interface (platform/index.ts).'
/** The renderer's folders above a layer, as import patterns. */
const upper = (...folders) => folders.flatMap((f) => [`@renderer/${f}/*`, `**/${f}/**`])

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
    // Core's tests may use Node (fixtures read from disk); its helpers live in test/.
    ignores: TESTS,
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
  ...folder(
    ['src/shared/**/*.ts'],
    ['electron', 'vue', 'dexie', '@renderer/*', '**/renderer/**', '**/main/**', '**/preload/**'],
    'src/shared holds only the contract.'
  ),
  ...folder(
    ['src/preload/**/*.ts'],
    ['@core/*', '@renderer/*', '**/core/**', '**/renderer/**', '**/main/**', 'node:*'],
    'The preload uses src/shared only.'
  ),
  ...folder(
    ['src/main/**/*.ts'],
    ['@renderer/*', '**/renderer/**', '**/preload/**', 'vue', 'dexie'],
    'The main process does not import the renderer or the preload.'
  ),
  {
    files: ['src/renderer/**/*.{ts,vue}'],
    ignores: TESTS,
    // Defined at build time by vite.web.config.ts (declared in src/renderer/src/app-env.d.ts).
    languageOptions: { globals: { __APP_VERSION__: 'readonly' } },
    rules: layer(RENDERER, RENDERER_MESSAGE)
  },
  // Inside the renderer, one direction: views (features) → stores → db → core. A later rule for the
  // same files replaces the one above, so each repeats the renderer's own restrictions.
  ...folder(
    ['src/renderer/src/db/**/*.ts'],
    [...RENDERER, 'vue', 'pinia', ...upper('features', 'stores', 'services', 'components')],
    'db/ is below the stores and views: it never imports features, stores, services or Vue.',
    {},
    // Its tests read fixtures from disk and may drive a service against the database.
    [...upper('features', 'stores', 'components')]
  ),
  ...folder(
    ['src/renderer/src/stores/**/*.ts'],
    [...RENDERER, ...upper('features', 'components')],
    'Stores are below the views: they never import features or components.'
  ),
  ...folder(
    ['src/renderer/src/services/**/*.ts'],
    [...RENDERER, ...upper('features', 'stores', 'components')],
    'Services never import stores or views: the stores call them.'
  ),
  {
    files: ['src/renderer/src/platform/**/*.ts'],
    ignores: TESTS,
    rules: layer(['electron', 'node:*', '**/main/**', '**/preload/**'], RENDERER_MESSAGE)
  },
  prettier
)
