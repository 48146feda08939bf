// `npm run bundle` (tsx scripts/bundle.ts [OUTFILE]): the whole CLI as one CommonJS file, build/ftscan.cjs, that runs with a bare `node` and no
// node_modules (every dependency inlined, exceljs and nodemailer included). CommonJS without top-level await
// because Node 20's single executable (scripts/build-sea.sh) runs exactly one such script. What the sources read
// from files at run time is inlined here: the version (src/app/version.ts reads package.json) and the report
// schemas (src/result/schemas.ts reads docs/): both modules are replaced at build time by constant twins.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { SCHEMA_FILES } from '../src/result/schemas.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = process.argv[2] ?? `${root}build/ftscan.cjs`;
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };

const inlineRuntimeFiles: Plugin = {
  name: 'inline-runtime-files',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]app[\\/]version\.ts$/ }, () => ({
      contents: `export const VERSION: string = ${JSON.stringify(version)};`,
      loader: 'ts',
    }));
    b.onLoad({ filter: /[\\/]src[\\/]result[\\/]schemas\.ts$/ }, () => ({
      contents: [
        ...Object.entries(SCHEMA_FILES).map(([major, file]) => `import v${major} from ${JSON.stringify(`${root}docs/${file}`)};`),
        `export const SCHEMA_FILES: Record<string, string> = ${JSON.stringify(SCHEMA_FILES)};`,
        `const SCHEMAS: Record<string, Record<string, unknown>> = { ${Object.keys(SCHEMA_FILES)
          .map((m) => `'${m}': v${m}`)
          .join(', ')} };`,
        'export function loadSchema(major: string): Record<string, unknown> {',
        '  return structuredClone(SCHEMAS[major]) as Record<string, unknown>;',
        '}',
      ].join('\n'),
      loader: 'ts',
      resolveDir: `${root}src/result`,
    }));
  },
};

const result = await build({
  stdin: {
    contents: [
      // Node hides the Buffer() deprecation (DEP0005) for code under node_modules; inlined, exceljs' zip writer
      // would print it on every xlsx report. Only that warning is dropped, as it is for the unbundled CLI.
      'const emitWarning = process.emitWarning;',
      "process.emitWarning = (w, ...rest) => (rest[1] === 'DEP0005' ? undefined : emitWarning.call(process, w, ...rest));",
      "import { main } from './src/cli/main.ts';",
      'void main();',
    ].join('\n'),
    resolveDir: root,
    sourcefile: 'ftscan-bundle-entry.ts',
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile,
  minify: true,
  keepNames: true,
  legalComments: 'linked',
  banner: { js: '#!/usr/bin/env node' },
  plugins: [inlineRuntimeFiles],
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
process.stdout.write(`bundle: ${outfile} (${(bytes / 1048576).toFixed(1)} MB, ftscan ${version})\n`);
