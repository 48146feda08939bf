// Import boundaries of the one-way pipeline (collect -> evaluate -> policy -> render): renderers get no policy
// input beyond the assembled result, the policy stage knows no renderer or scanner, rules know neither.
// A static scan of every import (type-only, re-exports and import() types included), so a forbidden
// dependency fails here naming the file and the import, before anyone notices it at run time.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SRC = join(ROOT, 'src');

/** Every module specifier a TypeScript source names: import/export ... from, import 'x', import('x'), import('x').T. */
function specifiers(text: string, file = 'x.ts'): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      out.push(n.moduleSpecifier.text);
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) {
      out.push(n.argument.literal.text);
    } else if (
      ts.isCallExpression(n) &&
      n.expression.kind === ts.SyntaxKind.ImportKeyword &&
      n.arguments[0] &&
      ts.isStringLiteralLike(n.arguments[0])
    ) {
      out.push(n.arguments[0].text);
    } else if (
      ts.isImportEqualsDeclaration(n) &&
      ts.isExternalModuleReference(n.moduleReference) &&
      ts.isStringLiteral(n.moduleReference.expression)
    ) {
      out.push(n.moduleReference.expression.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.(m|c)?tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

/** The top-level src/ layer a relative specifier from `file` lands in (undefined for packages and node: modules). */
function layerOf(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const rel = relative(SRC, resolve(dirname(file), spec));
  return rel.startsWith('..') ? `outside src (${rel})` : rel.split(/[\\/]/)[0];
}

/** "src/report/x.ts imports '../policy/index.js' (src/policy)" for each import of a forbidden layer. */
function violations(layer: string, forbidden: string[], read: (f: string) => string = (f) => readFileSync(f, 'utf8')): string[] {
  const out: string[] = [];
  for (const file of sources(join(SRC, layer))) {
    for (const spec of specifiers(read(file), file)) {
      const target = layerOf(file, spec);
      if (target !== undefined && (forbidden.includes(target) || target.startsWith('outside src'))) {
        out.push(
          `${relative(ROOT, file)} imports '${spec}' (${target.startsWith('outside') ? target : `src/${target}`}), which the ${layer} layer must not depend on`,
        );
      }
    }
  }
  return out;
}

const RULES: [layer: string, forbidden: string[]][] = [
  ['report', ['scan', 'cli', 'policy']],
  ['policy', ['report', 'scan', 'cli']],
  ['rules', ['policy', 'report', 'scan', 'cli']],
  ['result', ['policy', 'report', 'scan', 'cli']],
];

describe('import boundaries', () => {
  it.each(RULES)('src/%s imports nothing from %j', (layer, forbidden) => {
    expect(sources(join(SRC, layer)).length, `src/${layer} has sources`).toBeGreaterThan(0);
    expect(violations(layer, forbidden)).toEqual([]);
  });

  it('sees every form of import, type-only ones included', () => {
    const text = [
      "import type { ScanResult } from '../policy/index.js';",
      "import {\n  a,\n  b,\n} from '../scan/run.js';",
      "export * from '../cli/program.js';",
      "export { x } from './local.js';",
      "import '../scan/side-effect.js';",
      "type T = import('../policy/types.js').Policies;",
      "const m = await import('../cli/lazy.js');",
      "// import { no } from '../policy/comment.js';",
      'const s = "from \'../policy/string.js\'";',
      "import { ok } from '../rules/types.js';",
      "import pc from 'picocolors';",
    ].join('\n');
    expect(specifiers(text)).toEqual([
      '../policy/index.js',
      '../scan/run.js',
      '../cli/program.js',
      './local.js',
      '../scan/side-effect.js',
      '../policy/types.js',
      '../cli/lazy.js',
      '../rules/types.js',
      'picocolors',
    ]);
    // ...and reports them with the file and the import.
    const fake = (f: string) => (f.endsWith(join('report', 'table.ts')) ? text : readFileSync(f, 'utf8'));
    const found = violations('report', ['scan', 'cli', 'policy'], fake);
    expect(found).toContain("src/report/table.ts imports '../policy/index.js' (src/policy), which the report layer must not depend on");
    expect(found.filter((v) => v.startsWith('src/report/table.ts'))).toHaveLength(6);
  });
});
