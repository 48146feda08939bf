// Import boundaries of docs/architecture.md, checked by `npm run lint:deps` (CI: .ci/run). Type-only imports
// count (tsPreCompilationDeps): a cycle through types is still a cycle a reader has to untangle.
// test/unit/boundaries.test.ts runs this configuration against a small fixture tree to show each rule failing;
// test/unit/architecture.test.ts compares the layer graph it finds in src/ with the arrows of docs/architecture.md.
const LAYER = '^src/(vsphere|inventory|rules|policy|result|report|notify|scan|app|cli|util)/';

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No cycles, type-only imports included: move the shared type into the contract file.', from: {}, to: { circular: true } },
    { name: 'src-not-mocks-or-test', severity: 'error', comment: 'The product never imports the mock vCenter, the demo or the tests.', from: { path: '^src/' }, to: { path: '^(mocks|test|bench|scripts)/' } },
    { name: 'no-dev-dependency-in-src', severity: 'error', comment: 'What src imports ships: it must be a dependency, not a devDependency.', from: { path: '^src/' }, to: { dependencyTypes: ['npm-dev'] } },
    // Layers import only what is below them (cli -> app -> {scan, notify} -> ...; docs/architecture.md draws them).
    { name: 'vsphere-is-the-bottom', severity: 'error', from: { path: '^src/vsphere/' }, to: { path: '^src/(inventory|rules|policy|result|report|notify|scan|app|cli)/' } },
    { name: 'inventory-below-rules', severity: 'error', from: { path: '^src/inventory/' }, to: { path: '^src/(rules|policy|result|report|notify|scan|app|cli)/' } },
    { name: 'rules-read-the-model-only', severity: 'error', comment: 'rules read the normalized model (src/inventory/model.ts) and nothing else below them.', from: { path: '^src/rules/' }, to: { path: ['^src/(vsphere|policy|report|notify|scan|app|cli)/', '^src/inventory/(?!model\\.ts$)'] } },
    { name: 'policy-above-rules-only', severity: 'error', from: { path: '^src/policy/' }, to: { path: '^src/(vsphere|report|notify|scan|app|cli)/' } },
    { name: 'result-is-a-contract', severity: 'error', from: { path: '^src/result/' }, to: { path: '^src/(vsphere|policy|report|notify|scan|app|cli)/' } },
    { name: 'report-renders-the-result', severity: 'error', comment: 'Renderers get the assembled result, nothing from scan, cli, policy or the client.', from: { path: '^src/report/' }, to: { path: '^src/(vsphere|inventory/(?!model\\.ts$)|policy|notify|scan|app|cli)/' } },
    { name: 'notify-sends-the-result', severity: 'error', comment: 'Notifications word the judged result (src/result, its words in result/words.ts) and deliver it: no renderer, no policy, no scan, nothing above them (the HTML of inline-html is passed in by app).', from: { path: '^src/notify/' }, to: { path: '^src/(vsphere|inventory|policy|report|scan|app|cli)/' } },
    { name: 'scan-below-app', severity: 'error', from: { path: '^src/scan/' }, to: { path: '^src/(notify|app|cli)/' } },
    { name: 'app-below-cli', severity: 'error', comment: 'The application runs jobs for any front end: it never imports the cli.', from: { path: '^src/app/' }, to: { path: '^src/cli/' } },
    {
      name: 'cli-through-app',
      severity: 'error',
      comment:
        'The cli parses arguments into a Job, prints Events and exits with the outcome: it imports src/app/index.ts (the jobs, the contract and the vocabularies of its flags) and src/util/ only.',
      from: { path: '^src/cli/' },
      to: { path: '^src/', pathNot: ['^src/cli/', '^src/util/', '^src/app/index\\.ts$'] },
    },
    { name: 'util-is-a-leaf', severity: 'error', from: { path: '^src/util/' }, to: { path: LAYER, pathNot: '^src/util/' } },
    // Contract files: a layer reaches the one below through its contract only.
    { name: 'inventory-through-vsphere-api', severity: 'error', comment: 'inventory -> vsphere through its contract: api.ts (types, the seam), methods.ts (typed vim25 methods), rest.ts (REST session, tags), errors.ts.', from: { path: '^src/inventory/' }, to: { path: '^src/vsphere/', pathNot: '^src/vsphere/(api|errors|methods|rest)\\.ts$' } },

    // ---- Inside src/rules (src/rules/README.md): the catalogue, the FT knowledge and the engine. ----
    // A rule file stands alone: what two rules (or a rule and the engine) share is FT knowledge in src/rules/ft/,
    // and the rest of the code sees the catalogue through its generated index only.
    { name: 'catalog-rules-stand-alone', severity: 'error', comment: 'A catalogue rule imports no other catalogue file: move what they share into src/rules/ft/.', from: { path: '^src/rules/catalog/(?!index\\.ts$)' }, to: { path: '^src/rules/catalog/' } },
    { name: 'catalog-through-its-index', severity: 'error', comment: 'Outside src/rules/catalog/ only its generated index.ts is imported (RULES); a helper a rule file exports for others belongs in src/rules/ft/.', from: { pathNot: '^src/rules/catalog/' }, to: { path: '^src/rules/catalog/(?!index\\.ts$)' } },
    { name: 'ft-knowledge-below-the-catalogue', severity: 'error', comment: 'src/rules/ft/ is FT knowledge the rules and the engine share: it reads the model, the rule contracts (types.ts) and the finding builders (finding.ts), never a rule, the engine or the docs.', from: { path: '^src/rules/ft/' }, to: { path: '^src/rules/', pathNot: '^src/rules/(ft/|types\\.ts$|finding\\.ts$)' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.test.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
