/**
 * Jest projects. TypeScript goes through @swc/jest (target es2022: Taro pins an older swc core,
 * see DESIGN.md); type checking is `npm run typecheck`, separately.
 */
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } }];
const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  transformIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleNameMapper: { '^@shared/(.*)$': '<rootDir>/shared/$1' },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.data/', '<rootDir>/.cache/'],
  setupFiles: ['<rootDir>/local/testing/jest-env.ts'],
};

module.exports = {
  // Jest's 5 s default assumes an idle machine; emulator and simulate tests on a busy 2-core box
  // can need more. Files that wait longer say so with jest.setTimeout (docs/testing.md "Waiting").
  testTimeout: 120_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/shared/**/__tests__/**/*.test.ts', '<rootDir>/cloudfunctions/**/__tests__/**/*.test.ts', '<rootDir>/local/**/__tests__/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'simulate',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/miniprogram/**/__tests__/**/*.sim.test.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/e2e/**/*.e2e.ts'],
    },
  ],
};
