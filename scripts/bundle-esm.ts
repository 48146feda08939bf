// `npm run build` (and `prepare`, which `npm ci` runs), after tsc: the CLI as an ES module bundle in dist/bundle/,
// which bin/ftscan.js runs when it is newer than every source. Loading ~165 compiled modules and the
// dependencies' files one by one costs a few tenths of a second of every run; a few bundled files load in a
// fraction of it. Code splitting keeps what is imported lazily (the jobs, the report reader, the notification
// senders, the xlsx writer) in chunks loaded only by the runs that import them.
// Files read at run time relative to their module (src/app/version.ts: ../../package.json, src/result/schemas.ts:
// ../../docs/) resolve as they do from dist/app/ and dist/result/: every output file sits in dist/bundle/, two
// levels below the package root. A module started by URL beside its importer (`new URL('./x.js',
// import.meta.url)`, e.g. a worker) is bundled as an entry of that name, so the URL finds it in dist/bundle/ too.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

// Modules of src/ that another module starts by URL in its own directory. Any other use of import.meta than
// that and a file two levels up (../../package.json, ../../docs/) would find nothing beside the bundle: refused here,
// at build time, rather than by the first run that reaches it.
function urlEntries(): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const f of readdirSync(join(root, 'src'), { recursive: true })) {
    const file = join(root, 'src', String(f));
    if (!file.endsWith('.ts')) continue;
    const text = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l)) // comments may name import.meta
      .join('\n');
    for (const m of text.matchAll(/new URL\(\s*(['"`])([^'"`]*)\1\s*,\s*import\.meta\.url\s*\)|import\.meta\.(?:url|dirname|filename)/g)) {
      const sibling = m[2]?.match(/^\.\/([\w.-]+)\.js$/);
      if (sibling) {
        const name = sibling[1]!;
        const source = join(dirname(file), `${name}.ts`);
        if (entries[name] !== undefined && entries[name] !== source) throw new Error(`bundle-esm: two modules started as ./${name}.js`);
        entries[name] = source;
      } else if (!m[2]?.startsWith('../../')) {
        throw new Error(`bundle-esm: ${String(f)} uses import.meta.url in a way the bundle cannot follow: ${m[0]}`);
      }
    }
  }
  return entries;
}

/** Builds the bundle into `outdir` (emptied first); returns esbuild's metafile (which sources each file holds). */
export async function bundleEsm(outdir = join(root, 'dist', 'bundle')): Promise<Metafile> {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { ...urlEntries(), ftscan: join(root, 'src', 'cli', 'main.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // The npm dependencies bundled too (measured: --version 0.23 CPU s against 0.30 with them external), but
    // exceljs: Node hides its Buffer() deprecation warning (DEP0005) only for code under node_modules, and it is
    // loaded by xlsx reports alone. CommonJS dependencies `require` Node's modules through this file's require.
    external: ['exceljs', 'exceljs/*'],
    banner: { js: "import { createRequire as __ftscanRequire } from 'node:module'; const require = __ftscanRequire(import.meta.url);" },
    outdir,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    sourcemap: 'linked',
    logLevel: 'warning',
    metafile: true,
  });
  return result.metafile;
}

if (process.argv[1] && basename(process.argv[1]) === basename(fileURLToPath(import.meta.url))) {
  const meta = await bundleEsm(process.argv[2]);
  const files = Object.keys(meta.outputs).filter((f) => f.endsWith('.js'));
  const bytes = files.reduce((n, f) => n + meta.outputs[f]!.bytes, 0);
  process.stdout.write(`bundle-esm: dist/bundle (${files.length} files, ${(bytes / 1048576).toFixed(1)} MB)\n`);
}
