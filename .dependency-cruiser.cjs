/**
 * The layers of the code, enforced by `npm run lint` (depcruise). docs/architecture.md explains
 * them. A rule you need to break is a design question, not a reason to add an exception here.
 */
module.exports = {
  forbidden: [
    {
      name: 'module-door',
      comment: 'A context is entered only through its index.ts (application services, events, read types).',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'domain-is-innermost',
      comment: 'Domain code (entities, state tables, rules) imports neither application nor api.',
      severity: 'error',
      from: { path: '^src/modules/[^/]+/domain/' },
      to: { path: '^src/modules/[^/]+/(application|api|infrastructure|jobs)/' },
    },
    {
      name: 'application-not-api',
      comment: 'Use cases know nothing of HTTP: presenters and DTOs live in api/.',
      severity: 'error',
      from: {
        path: '^src/modules/[^/]+/application/',
        // Known debt (issue 10, still open): ordering's read service still builds its response DTOs;
        // they move to api/ presenters with ordering's refactor. No other exception may be added.
        pathNot: ['^src/modules/ordering/application/(order-query\\.service|ordering-hooks)\\.ts$'],
      },
      to: { path: '^src/modules/[^/]+/api/' },
    },
    {
      name: 'kernel-imports-no-module',
      comment: 'src/database and src/shared are the kernel: no business context in them.',
      severity: 'error',
      from: { path: '^src/(database|shared)/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycles.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-test',
      comment: 'Production code never imports test code.',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
