// docs/architecture.md draws the layer arrows the code has, checked by the same tool that enforces the
// boundaries: dependency-cruiser (the configuration of `npm run lint:deps`) reads src/, its module graph is
// folded into layer -> layer arrows, and those must be exactly the arrows of the doc's `layers` block. A new
// import across layers therefore changes the doc in the same commit, and an arrow the code no longer has goes.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

type Arrows = Map<string, Set<string>>;

const layerOf = (path: string): string | undefined => /^src\/([^/]+)\//.exec(path)?.[1];

/** dependency-cruiser's modules folded into layer arrows (an import inside one layer is no arrow). */
function arrowsOf(modules: { source: string; dependencies: { resolved: string }[] }[]): Arrows {
  const out: Arrows = new Map();
  for (const m of modules) {
    const from = layerOf(m.source);
    if (!from) continue;
    for (const d of m.dependencies) {
      const to = layerOf(d.resolved);
      if (!to || to === from) continue;
      if (!out.has(from)) out.set(from, new Set());
      out.get(from)!.add(to);
    }
  }
  return out;
}

/** The doc's ```layers block: one line per layer, "cli -> app, util". */
function docArrows(markdown: string): Arrows {
  const block = /```layers\n([\s\S]*?)```/.exec(markdown)?.[1];
  if (block === undefined) throw new Error('docs/architecture.md has no ```layers block');
  const out: Arrows = new Map();
  for (const line of block.split('\n')) {
    const m = /^\s*([a-z]+)\s*->\s*(.+?)\s*$/.exec(line);
    if (m) out.set(m[1]!, new Set(m[2]!.split(',').map((x) => x.trim())));
  }
  return out;
}

/** "cli -> scan (code, not in the doc)" / "(doc, not in the code)" for every arrow the two do not share. */
function differences(code: Arrows, doc: Arrows): string[] {
  const flat = (a: Arrows) => new Set([...a].flatMap(([from, tos]) => [...tos].map((to) => `${from} -> ${to}`)));
  const c = flat(code);
  const d = flat(doc);
  return [
    ...[...c].filter((x) => !d.has(x)).map((x) => `${x} (code, not in the doc)`),
    ...[...d].filter((x) => !c.has(x)).map((x) => `${x} (doc, not in the code)`),
  ].sort();
}

describe('docs/architecture.md', () => {
  it('draws exactly the layer arrows dependency-cruiser finds in src/', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [DEPCRUISE, '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json', 'src'],
      { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 },
    );
    const code = arrowsOf((JSON.parse(stdout) as { modules: { source: string; dependencies: { resolved: string }[] }[] }).modules);
    expect(code.size).toBeGreaterThan(5);
    expect(differences(code, docArrows(readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8')))).toEqual([]);
  }, 120_000);

  it('names an arrow the doc lacks and one the code lost', () => {
    const code = arrowsOf([
      {
        source: 'src/cli/a.ts',
        dependencies: [{ resolved: 'src/app/index.ts' }, { resolved: 'src/scan/run.ts' }, { resolved: 'src/cli/b.ts' }],
      },
      { source: 'mocks/x.ts', dependencies: [{ resolved: 'src/cli/a.ts' }] },
    ]);
    const doc = docArrows('text\n```layers\ncli -> app, util\n```\n');
    expect(differences(code, doc)).toEqual(['cli -> scan (code, not in the doc)', 'cli -> util (doc, not in the code)']);
  });
});
