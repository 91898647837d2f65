// Unit specs live beside the code (src/.../*.spec.ts); e2e specs boot the real app (test/e2e).
module.exports = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testRegex: '(test|src)/.*\\.(e2e-)?spec\\.ts$',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest'] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs)/)'],
  setupFiles: ['<rootDir>/test/support/jest-env.ts'],
  testTimeout: 30000,
};
