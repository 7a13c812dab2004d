/** Tests mirror src/; TypeScript is type-checked once by `tsc` in `npm test`, so ts-jest only transpiles. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 30000,
  // One worker: the Docker tests share one engine, and any app's janitor may sweep what another test's
  // killed bot left behind. Serial runs take no longer here (the engine, not the CPU, sets the pace).
  maxWorkers: 1,
};
