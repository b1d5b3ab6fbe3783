// Builds the workspace's client bundle with esbuild: one script (and its stylesheet, when it imports one) per entry in
// src/pages/, written to ../wwwroot/dist/. Run by the MSBuild target BuildClientApp (Orchestrator.csproj) after
// `npm ci`; `node build.mjs --watch` rebuilds on change while developing.
import { build, context } from 'esbuild';
import { readdirSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pages = join(here, 'src', 'pages');
const out = join(here, '..', 'wwwroot', 'dist');
const entryPoints = Object.fromEntries(
  readdirSync(pages).filter((f) => f.endsWith('.js')).map((f) => [f.replace(/\.js$/, ''), join(pages, f)]));

const options = {
  entryPoints,
  outdir: out,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'linked',
  loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.eot': 'dataurl', '.svg': 'dataurl' },
  logLevel: 'warning',
  metafile: true,
};

mkdirSync(out, { recursive: true });
if (process.argv.includes('--watch')) {
  const ctx = await context(options);
  await ctx.watch();
  console.log('esbuild: watching src/ for changes');
} else {
  const result = await build(options);
  // What each file weighs compressed, for the README's budget (the benchmarks measure what a page really downloads).
  const sizes = {};
  for (const file of Object.keys(result.metafile.outputs)) {
    if (file.endsWith('.js') || file.endsWith('.css')) {
      sizes[file.split('/').pop()] = gzipSync(readFileSync(join(here, file))).length;
    }
  }
  writeFileSync(join(out, 'sizes.json'), JSON.stringify(sizes, null, 2));
}
