import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'screenshots', 'bin'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Fastify hooks and Kysely driver methods are async by contract even when they do not await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests read JSON answers (typed any) field by field: the assertions are the type check there.
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The app and the composition root sit on top: areas, the web and HTTP layers are handed the services they
    // use and never reach back up for them (no import cycle through src/app.ts).
    files: [
      'src/features/**/*.ts',
      'src/web/**/*.ts',
      'src/http/**/*.ts',
      'src/domain/**/*.ts',
      'src/db/**/*.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(app|services)\\.ts$',
              message:
                'Take what you need as a parameter; src/app.ts and src/services.ts compose, they are not used.',
            },
          ],
        },
      ],
    },
  },
  {
    // Rules are pure: the domain knows nothing of storage, HTTP, pages or areas.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./((features|web|http|db|cli|demo)/|(app|services|config)\\.ts$)',
              message: 'The domain is pure.',
            },
          ],
        },
      ],
    },
  },
  {
    // Every "now" comes from the injected Clock, so tests, figures as at a date and the demo data agree on it.
    files: [
      'src/features/**/*.ts',
      'src/web/**/*.ts',
      'src/http/**/*.ts',
      'src/demo/**/*.ts',
      'src/services.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Take the time from the injected Clock.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Take the time from the injected Clock.',
        },
      ],
    },
  },
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
)
